package org.balintobservatory.support.consuming;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.balintobservatory.infrastructure.embedded.EmbeddedKafkaBroker;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The loop every Kafka reader runs, against a real broker: a failed batch is read again from the last commit
 * (nothing lost, each record applied at least once), stopping ends the loop and closes its consumer, and a read
 * to given offsets ends when asked. Each test has a topic of its own.
 */
class ConsumerLoopIT {

    private static final Duration TIMEOUT = Patience.scaled(Duration.ofSeconds(20));
    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    static Path kafkaLogs;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startKafka() {
        broker = EmbeddedKafkaBroker.start(kafkaLogs, 0);
    }

    @AfterAll
    static void stopKafka() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aFailedBatchIsReadAgainFromTheLastCommitSoNoRecordIsLost() {
        TopicPartition partition = topicWith("rewind", 10);
        KafkaConsumer<String, byte[]> consumer = consumer("rewind-group", 3);
        consumer.assign(List.of(partition));
        ConsumerLoop.seekToCommitted(consumer, List.of(partition));
        List<String> applied = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failedOnce = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        ConsumerLoop loop = new ConsumerLoop("rewind-test", consumer, ConsumerLoop.committing(POLL, records -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                if (value.equals("r5") && failedOnce.compareAndSet(false, true)) {
                    throw new IllegalStateException("the store refused r5 once");
                }
                applied.add(value);
            }
        }), failure -> {
            failures.incrementAndGet();
            return Duration.ZERO;
        }, true);
        loop.start();
        try {
            await().atMost(TIMEOUT).until(() -> committed("rewind-group", partition) == 10);
            assertThat(failures).hasValue(1);
            assertThat(new HashSet<>(applied)).as("every record applied")
                    .isEqualTo(IntStream.range(0, 10).mapToObj(i -> "r" + i).collect(Collectors.toSet()));
            // What the failed batch applied before r5 (at most two records, three a poll) was applied again after
            // the rewind, at least once as the loop promises; nothing of a committed batch was read twice.
            List<String> again = applied.stream().filter(v -> Collections.frequency(applied, v) > 1).distinct().toList();
            assertThat(again).hasSizeLessThanOrEqualTo(2).allSatisfy(v -> assertThat(v).isIn("r0", "r1", "r2", "r3", "r4"));
            assertThat(applied).hasSize(10 + again.size());
            assertThat(loop.lastFailure()).isNull();
        } finally {
            loop.stop(TIMEOUT);
        }
    }

    @Test
    void stoppingEndsTheLoopAndClosesItsConsumer() {
        TopicPartition partition = topicWith("stop", 1);
        KafkaConsumer<String, byte[]> consumer = consumer("stop-group", 100);
        consumer.assign(List.of(partition));
        ConsumerLoop.seekToCommitted(consumer, List.of(partition));
        AtomicInteger batches = new AtomicInteger();
        ConsumerLoop loop = new ConsumerLoop("stop-test", consumer,
                ConsumerLoop.committing(POLL, records -> batches.incrementAndGet()), failure -> Duration.ZERO, true);
        loop.start();
        await().atMost(TIMEOUT).until(() -> batches.get() == 1);

        loop.stop(TIMEOUT);

        assertThat(loop.isRunning()).isFalse();
        assertThatThrownBy(() -> consumer.poll(POLL)).as("the loop closed its consumer")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aReadToGivenOffsetsEndsWhenItsStopConditionHolds() {
        TopicPartition partition = topicWith("read-until", 4);
        try (KafkaConsumer<String, byte[]> consumer = consumer("read-until-group", 100)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Set<String> read = new HashSet<>();
            ConsumerLoop.readUntil(consumer, Map.of(partition, 4L), POLL,
                    records -> records.forEach(r -> read.add(new String(r.value(), StandardCharsets.UTF_8))),
                    () -> false, "not reached");
            assertThat(read).containsExactlyInAnyOrder("r0", "r1", "r2", "r3");

            AtomicInteger polls = new AtomicInteger();
            assertThatThrownBy(() -> ConsumerLoop.readUntil(consumer, Map.of(partition, 1_000L), POLL,
                    records -> polls.incrementAndGet(), () -> polls.get() == 3, "offset 1000 is never reached"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("offset 1000 is never reached");
            assertThat(polls).hasValue(3);
        }
    }

    /** A topic of one partition holding {@code r0 … r(n-1)}. */
    private static TopicPartition topicWith(String name, int records) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(name, "k", ("r" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        return new TopicPartition(name, 0);
    }

    private static KafkaConsumer<String, byte[]> consumer(String group, int maxPollRecords) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static long committed(String group, TopicPartition partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return offset == null ? 0 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
