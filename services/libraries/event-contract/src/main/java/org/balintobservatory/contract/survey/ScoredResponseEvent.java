package org.balintobservatory.contract.survey;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A survey response event that carries the response's complete content as of the event: a completion,
 * or a correction, which replaces whatever came before. A consumer counts it the same way either way.
 */
public sealed interface ScoredResponseEvent extends SurveyResponseEvent
        permits SurveyCompletedEvent, SurveyCorrectedEvent {

    String programmeId();

    /** {@code null} when the response belongs to the programme only (e.g. a control cohort). */
    String groupId();

    int instrumentVersion();

    LocalDate completedOn();

    /** Raw item responses by item number; {@code null} when the school reported scores only. */
    Map<String, Integer> items();

    /** One entry per scale, the total included. */
    List<ScaleScore> scores();

    ScoringMethod scoringMethod();

    boolean prorated();
}
