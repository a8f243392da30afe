/**
 * The survey service: the instrument catalogue, scoring, and survey-response aggregates whose events
 * the service-support publisher sends to Kafka.
 */
package org.balintobservatory.survey;
