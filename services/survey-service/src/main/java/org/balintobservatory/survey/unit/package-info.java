/**
 * The programmes and groups each institution registered with the group service, read from the group topic,
 * so that a survey response can only name its own institution's programme and group.
 */
package org.balintobservatory.survey.unit;
