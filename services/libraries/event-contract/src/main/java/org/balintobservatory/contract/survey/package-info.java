/**
 * Events of the survey service: questionnaires scored with a versioned instrument key, their
 * corrections and retractions. Every scale score carries its direction, so a consumer never needs the
 * instrument catalogue to interpret a sign.
 */
package org.balintobservatory.contract.survey;
