package org.balintobservatory.contract;

import java.util.List;

/** The catalogue of topics. Each event type names the one topic it travels on. */
public final class Topics {

    /** Programmes, groups, membership, sessions, attendance and cases, as the group service records them. */
    public static final Topic GROUP_EVENTS = new Topic(
            "balint.group-events.v1",
            "aggregate id: \"{institutionId}/{programmeId}\" for programme events, \"{institutionId}/{groupId}\" for group events",
            "Everything the group service accepts, in the order each programme or group accepted it.");

    /** Scored questionnaires, their corrections and retractions. */
    public static final Topic SURVEY_EVENTS = new Topic(
            "balint.survey-events.v1",
            "aggregate id: \"{institutionId}/{responseId}\"; all events of one response share it",
            "Survey responses as the survey service scored them.");

    public static final List<Topic> ALL = List.of(GROUP_EVENTS, SURVEY_EVENTS);

    private Topics() {
    }
}
