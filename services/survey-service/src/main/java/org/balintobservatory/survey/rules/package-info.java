/**
 * Rule violations as plain values, shared by the instrument catalogue, scoring and submissions without
 * tying any of them to the web layer.
 */
package org.balintobservatory.survey.rules;
