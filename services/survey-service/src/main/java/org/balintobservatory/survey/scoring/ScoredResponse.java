package org.balintobservatory.survey.scoring;

import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;

import java.util.List;
import java.util.Map;

/**
 * The outcome of scoring one response.
 *
 * @param items    the answered items in item order, blanks left out; {@code null} for reported scores
 * @param scores   one per scale of the instrument, in the instrument's order
 * @param method   whether the service scored items or checked reported scores
 * @param prorated whether any scale was prorated
 */
public record ScoredResponse(Map<String, Integer> items, List<ScaleScore> scores, ScoringMethod method,
                             boolean prorated) {
}
