package org.balintobservatory.localstack.faults;

/** What the suite does to the running stack. */
enum FaultKind {
    KILL_GROUP_SERVICE("kill -9 of group-service, restarted by the launcher", "group-service"),
    KILL_SURVEY_SERVICE("kill -9 of survey-service, restarted by the launcher", "survey-service"),
    KILL_ANALYTICS_SERVICE("kill -9 of analytics-service, restarted by the launcher", "analytics-service"),
    KILL_ACCESS_SERVICE("kill -9 of access-service, restarted by the launcher", "access-service"),
    KAFKA_RESTART("Kafka broker stopped, then started again", null),
    KAFKA_LONG_OUTAGE("Kafka broker gone for longer than the producers' request timeout, then back", null),
    KAFKA_PAUSE("Kafka broker hanging (connections open, nothing answered) for longer than the producers' request "
            + "timeout, then answering again", null),
    POSTGRES_RESTART("PostgreSQL stopped (fast shutdown), then started again", null),
    MONGO_RESTART("read-model store (MongoDB-wire server) stopped, then started again", null);

    private final String description;
    private final String service;

    FaultKind(String description, String service) {
        this.description = description;
        this.service = service;
    }

    String description() {
        return description;
    }

    /** The service whose process is killed, or {@code null} for a fault of the infrastructure. */
    String service() {
        return service;
    }
}
