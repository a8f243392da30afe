package org.balintobservatory.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.ingest.EventConsumer;
import org.balintobservatory.analytics.ingest.EventDecoder;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.projection.ReadModelProjection;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.analytics.readmodel.ReadModelComparison;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.tracing.MessageTracing;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of the service consume the topics as one consumer group while events of many
 * institutions arrive, some of them twice (as a publisher retry sends them), and the group rebalances as an
 * instance stops and another starts. What they build together equals, document by document, what one
 * consumer builds from the same topics into an empty database.
 */
class MultiInstanceIT extends AnalyticsIntegrationTest {

    private static final int INSTITUTIONS = 8;
    private static final long SEED = Long.getLong("balint.test.seed", 20261130L);

    @Autowired
    AnalyticsProperties properties;

    @Autowired
    ReadModelProjection projection;

    @Autowired
    Generations generations;

    @Autowired
    MongoClient mongo;

    @Test
    void instancesSharingTheTopicsBuildWhatOneConsumerBuilds() {
        Random random = new Random(SEED);
        List<List<ConsumedEvent>> institutions = IntStream.range(0, INSTITUTIONS)
                .mapToObj(i -> institution("multi-" + i, random)).toList();

        EventConsumer second = instance();
        EventConsumer third = instance();
        second.start();
        try {
            // Two writers, institutions interleaved, chunk by chunk; a tenth of the events sent twice.
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> send(institutions.subList(0, INSTITUTIONS / 2),
                    new Random(SEED + 1)));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> send(institutions.subList(INSTITUTIONS / 2,
                    INSTITUTIONS), new Random(SEED + 2)));
            // Partitions move while the events are applied: one instance stops, another joins.
            await().atMost(Patience.scaled(Duration.ofSeconds(30))).until(() -> second.health().getDetails().get("partitions") instanceof
                    Integer n && n > 0);
            second.stop();
            third.start();
            a.join();
            b.join();
            waitUntilCaughtUp();
        } finally {
            second.stop();
            third.stop();
        }

        int generation = generations.refresh();
        Map<ReadModel, Map<String, Document>> shared = ReadModelComparison.dump(database, generation);
        Map<ReadModel, Map<String, Document>> single = rebuildAlone();
        assertThat(single.get(ReadModel.UNIT_TABLES).keySet()).anyMatch(id -> id.endsWith("|multi-0"));
        assertThat(single.get(ReadModel.INSTITUTION_TOTALS)).containsKeys("multi-0", "multi-" + (INSTITUTIONS - 1));
        assertThat(ReadModelComparison.normalise(shared)).isEqualTo(ReadModelComparison.normalise(single));
    }

    private EventConsumer instance() {
        return new EventConsumer(properties, projection, generations, new LogPosition(database),
                new SimpleMeterRegistry(), Clock.systemUTC(), MessageTracing.none());
    }

    /** A programme and group of each arm, six sessions, surveys before and after, a correction and a retraction. */
    private static List<ConsumedEvent> institution(String id, Random random) {
        List<String> roster = IntStream.range(0, 6).mapToObj(i -> "m-" + i).toList();
        List<String> controls = IntStream.range(0, 6).mapToObj(i -> "c-" + i).toList();
        EventStream stream = new EventStream(id)
                .programme("prog-i", Arm.INTERVENTION)
                .programme("prog-c", Arm.CONTROL)
                .group("grp-i", "prog-i", roster.toArray(String[]::new));
        for (int week = 0; week < 6; week++) {
            stream.session("grp-i", "s-" + week, EventStream.START.plusWeeks(week), roster,
                    roster.subList(0, 3 + random.nextInt(4)), CaseTheme.values()[week % CaseTheme.values().length]);
        }
        for (int i = 0; i < roster.size(); i++) {
            stream.survey("pre-" + i, roster.get(i), "prog-i", "grp-i", Timepoint.BASELINE, 80 + random.nextInt(30))
                    .survey("post-" + i, roster.get(i), "prog-i", "grp-i", Timepoint.POST, 85 + random.nextInt(30))
                    .survey("cpre-" + i, controls.get(i), "prog-c", null, Timepoint.BASELINE, 80 + random.nextInt(30))
                    .survey("cpost-" + i, controls.get(i), "prog-c", null, Timepoint.POST, 80 + random.nextInt(30));
        }
        stream.correctSurvey("post-0", roster.get(0), "prog-i", "grp-i", Timepoint.POST, 101)
                .retract("cpost-5", controls.get(5), Timepoint.POST, RetractionReason.ENTERED_IN_ERROR);
        return stream.drain();
    }

    private static void send(List<List<ConsumedEvent>> institutions, Random random) {
        List<List<ConsumedEvent>> left = new ArrayList<>();
        institutions.forEach(events -> left.add(new ArrayList<>(events)));
        while (left.stream().anyMatch(l -> !l.isEmpty())) {
            for (List<ConsumedEvent> events : left) {
                List<ConsumedEvent> chunk = new ArrayList<>(events.subList(0, Math.min(events.size(), 5 + random.nextInt(10))));
                events.subList(0, chunk.size()).clear();
                List<ConsumedEvent> sent = new ArrayList<>(chunk);
                chunk.stream().filter(e -> random.nextInt(10) == 0).forEach(sent::add);
                if (!sent.isEmpty()) {
                    publish(sent);
                }
            }
        }
    }

    /** Until a school's live answer states every partition at its end: all instances have written everything. */
    private void waitUntilCaughtUp() {
        Map<String, Long> ends = endOffsets();
        await().atMost(Patience.scaled(Duration.ofSeconds(90))).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode at = get("/api/v1/analytics/overview", SCHOOL_KEY).body().path("logPosition");
            ends.forEach((partition, end) -> assertThat(at.path(partition).asLong(0)).as(partition)
                    .isGreaterThanOrEqualTo(end));
        });
    }

    /** Every event on the topics, applied by one consumer, batch by batch, to a database of its own. */
    private Map<ReadModel, Map<String, Document>> rebuildAlone() {
        MongoDatabase alone = mongo.getDatabase(properties.database() + "_single");
        alone.drop();
        MongoReadModelStore store = new MongoReadModelStore(alone, 1);
        EventDecoder decoder = new EventDecoder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : Topics.RESEARCH) {
                for (PartitionInfo p : consumer.partitionsFor(topic.name())) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                List<ConsumedEvent> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    decoder.read(record, () -> { }).ifPresent(batch::add);
                }
                projection.apply(batch, store.forBatch());
            }
        }
        return ReadModelComparison.dump(alone, 1);
    }
}
