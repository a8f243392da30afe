package org.balintobservatory.contract.survey;

/**
 * One scale's score in a response.
 *
 * @param scale         the scale's id within the instrument, e.g. {@code total}, {@code emotional-exhaustion}
 * @param score         the score by the instrument's rule (sum or mean), after prorating
 * @param direction     which way the scale improves
 * @param itemsAnswered items of the scale that were answered; {@code null} for reported scores
 * @param prorated      whether missing items were prorated under the instrument's missing-data rule
 */
public record ScaleScore(String scale, double score, ScaleDirection direction, Integer itemsAnswered, boolean prorated) {
}
