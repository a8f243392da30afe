package org.balintobservatory.metaanalysis.model;

/**
 * A study left out of a fit, with the reason.
 *
 * @param index  position of the study in the caller's input (array index or list position)
 * @param reason why it was left out
 */
public record ExcludedStudy(int index, String reason) {
}
