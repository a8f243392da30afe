package org.balintobservatory.survey.scoring;

import java.util.Map;

/**
 * Scores a school computed itself, when it has no item responses to send.
 *
 * @param total     the instrument's {@code total} scale, when it has one
 * @param subscales every other scale by id
 */
public record ReportedScores(Double total, Map<String, Double> subscales) {
}
