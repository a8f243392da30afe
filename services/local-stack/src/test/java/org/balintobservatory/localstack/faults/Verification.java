package org.balintobservatory.localstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.balintobservatory.localstack.ApiKeys;
import org.balintobservatory.localstack.LocalStack;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What must hold once the faults are over, each checked against the ledger of writes the stack answered
 * 2xx: every accepted session is in the event store exactly once, in the group service's answer, and on the
 * group topic (where a publisher retry may have left a second copy with the same CloudEvent id); the
 * analytics read models count it once; and they equal a clean replay of the topics.
 */
final class Verification {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP_TOPIC = "balint.group-events.v1";

    private final LocalStack stack;
    private final RetryingClient client;
    private final ApiKeys keys;
    private final Map<String, List<SteadyLoad.AcceptedSession>> ledger;

    /** What was found, each a count over the accepted writes; the run passes when the first four are 0. */
    record Findings(long accepted, long lostFromEventStore, long duplicatedInEventStore, long missingOnTopic,
                    long readModelMismatches, long topicCopiesBeyondFirst, List<String> details) {

        boolean clean() {
            return lostFromEventStore == 0 && duplicatedInEventStore == 0 && missingOnTopic == 0
                    && readModelMismatches == 0;
        }
    }

    Verification(LocalStack stack, RetryingClient client, Map<String, List<SteadyLoad.AcceptedSession>> ledger) {
        this.stack = stack;
        this.client = client;
        this.keys = stack.keys();
        this.ledger = ledger;
    }

    Findings check(Duration readModelWait) throws Exception {
        List<String> details = new ArrayList<>();
        long accepted = ledger.values().stream().mapToLong(List::size).sum();

        Map<String, Map<String, Integer>> stored = eventStore();
        long lost = 0;
        long duplicated = 0;
        for (var group : ledger.entrySet()) {
            Map<String, Integer> inStore = stored.getOrDefault(group.getKey(), Map.of());
            for (SteadyLoad.AcceptedSession session : group.getValue()) {
                int copies = inStore.getOrDefault(session.sessionId(), 0);
                if (copies == 0) {
                    lost++;
                    details.add("not in the event store: " + group.getKey() + "/" + session.sessionId());
                } else if (copies > 1) {
                    duplicated++;
                    details.add(copies + " events in the event store for " + group.getKey() + "/"
                            + session.sessionId());
                }
            }
            Set<String> acceptedIds = new HashSet<>();
            group.getValue().forEach(s -> acceptedIds.add(s.sessionId()));
            inStore.keySet().stream().filter(id -> !acceptedIds.contains(id))
                    .forEach(id -> details.add("in the event store but never answered 2xx: " + group.getKey()
                            + "/" + id));
            HttpResponse<String> sessions = client.send("GET", "/api/v1/groups/" + group.getKey() + "/sessions",
                    keys.school(), null);
            int listed = sessions == null ? 0 : JSON.readTree(sessions.body()).size();
            if (listed != group.getValue().size()) {
                details.add("group-service lists " + listed + " sessions of " + group.getKey() + ", "
                        + group.getValue().size() + " were accepted");
                lost++;
            }
        }

        Map<String, Integer> onTopic = new HashMap<>();
        long copiesBeyondFirst = topic(onTopic);
        long missing = 0;
        for (var group : ledger.entrySet()) {
            for (SteadyLoad.AcceptedSession session : group.getValue()) {
                if (!onTopic.containsKey(group.getKey() + "/" + session.sessionId())) {
                    missing++;
                    details.add("not on " + GROUP_TOPIC + ": " + group.getKey() + "/" + session.sessionId());
                }
            }
        }

        long mismatches = readModels(readModelWait, details);
        return new Findings(accepted, lost, duplicated, missing, mismatches, copiesBeyondFirst, List.copyOf(details));
    }

    /** Session-held events per group and session id, as the group service's event store holds them. */
    private Map<String, Map<String, Integer>> eventStore() throws SQLException {
        Map<String, Map<String, Integer>> stored = new TreeMap<>();
        String url = stack.infrastructure().jdbcUrl("group_service");
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT aggregateIdentifier, convert_from(payload, 'UTF8')::json->>'sessionId', count(*)
                     FROM DomainEventEntry WHERE payloadType LIKE '%.SessionHeldEvent'
                     GROUP BY 1, 2""")) {
            while (rs.next()) {
                String aggregate = rs.getString(1);
                String group = aggregate.substring(aggregate.indexOf('/') + 1);
                stored.computeIfAbsent(group, g -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
            }
        }
        return stored;
    }

    /**
     * Reads the group topic from its start: each session-held event by subject and session id, and how many
     * records repeat a CloudEvent id already read (the publisher's retries; consumers skip them).
     */
    private long topic(Map<String, Integer> sessions) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(GROUP_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(120);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + GROUP_TOPIC + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode event = JSON.readTree(record.value());
                    ids.merge(event.path("id").asText(), 1, Integer::sum);
                    if (event.path("type").asText().endsWith(".session-held.v1")) {
                        JsonNode data = event.path("data");
                        sessions.merge(data.path("groupId").asText() + "/" + data.path("sessionId").asText(), 1,
                                Integer::sum);
                    }
                }
            }
        }
        return ids.values().stream().mapToLong(n -> n - 1).sum();
    }

    /**
     * Each group's analytics against the ledger: sessions held, attendance records and members present,
     * counted once each. Waits for the consumer to catch up, up to the given time.
     */
    private long readModels(Duration wait, List<String> details) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        List<String> differences;
        do {
            differences = new ArrayList<>();
            for (var group : ledger.entrySet()) {
                HttpResponse<String> answer = client.send("GET", "/api/v1/analytics/groups/" + group.getKey(),
                        keys.school(), null);
                JsonNode figures = answer == null ? JSON.createObjectNode() : JSON.readTree(answer.body());
                long sessions = group.getValue().size();
                long present = group.getValue().stream().mapToLong(SteadyLoad.AcceptedSession::present).sum();
                long records = sessions * SteadyLoad.MEMBERS;
                if (figures.path("sessionsHeld").asLong(-1) != sessions
                        || figures.path("present").asLong(-1) != present
                        || figures.path("attendanceRecords").asLong(-1) != records) {
                    differences.add(group.getKey() + ": analytics counts sessions " + figures.path("sessionsHeld")
                            + ", present " + figures.path("present") + ", records " + figures.path("attendanceRecords")
                            + "; accepted writes give " + sessions + ", " + present + ", " + records);
                }
            }
            if (!differences.isEmpty()) {
                Thread.sleep(250);
            }
        } while (!differences.isEmpty() && Instant.now().isBefore(deadline));
        details.addAll(differences);
        return differences.size();
    }
}
