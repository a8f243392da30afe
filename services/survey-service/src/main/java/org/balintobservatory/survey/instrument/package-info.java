/**
 * The instrument catalogue: versioned scoring keys (never item wording), the built-in ones and those an
 * administrator registers, stored as events of an {@code Instrument} aggregate.
 */
package org.balintobservatory.survey.instrument;
