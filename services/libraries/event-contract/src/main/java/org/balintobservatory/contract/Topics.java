package org.balintobservatory.contract;

import java.util.List;

/** The catalogue of topics. Each event type names the one topic it travels on. */
public final class Topics {

    /** Programmes, groups, membership, sessions, attendance and cases, as the group service records them. */
    public static final Topic GROUP_EVENTS = new Topic(
            "balint.group-events.v1",
            "institution id: \"{institutionId}\" (the subject, the aggregate id, is \"{institutionId}/{programmeId}\" "
                    + "for programme events, \"{institutionId}/{groupId}\" for group events)",
            Topic.Keying.INSTITUTION,
            "Everything the group service accepts, in the order each programme or group accepted it.");

    /** Scored questionnaires, their corrections and retractions. */
    public static final Topic SURVEY_EVENTS = new Topic(
            "balint.survey-events.v1",
            "institution id: \"{institutionId}\" (the subject, the aggregate id, is \"{institutionId}/{responseId}\")",
            Topic.Keying.INSTITUTION,
            "Survey responses as the survey service scored them.");

    /** Institutions and API keys, as the access service records them; every service reads it. */
    public static final Topic ACCESS_EVENTS = new Topic(
            "balint.access-events.v1",
            "aggregate id: \"institution/{institutionId}\" for institution events, \"key/{keyId}\" for key events",
            Topic.Keying.SUBJECT,
            "The consortium's institutions and the API keys issued to them (hashes only), in the order the "
                    + "access service accepted them.");

    /**
     * When each service last accepted each key. Compacted: only the latest report per key and service is
     * kept, so it is operational state, not history.
     */
    public static final Topic KEY_USAGE = new Topic(
            "balint.key-usage.v1",
            "\"{keyId}/{service}\"",
            Topic.Keying.SUBJECT,
            "Each service's latest report of when it last accepted a key.",
            true);

    /** The research data: what the analytics service projects and replays. */
    public static final List<Topic> RESEARCH = List.of(GROUP_EVENTS, SURVEY_EVENTS);

    public static final List<Topic> ALL = List.of(GROUP_EVENTS, SURVEY_EVENTS, ACCESS_EVENTS, KEY_USAGE);

    private Topics() {
    }
}
