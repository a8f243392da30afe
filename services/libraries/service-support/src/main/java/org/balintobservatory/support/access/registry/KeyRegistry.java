package org.balintobservatory.support.access.registry;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.balintobservatory.contract.access.ApiKeyUsedEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.balintobservatory.support.consuming.ConsumerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The keys issued through the access service and when each was last used, as read from
 * {@link Topics#ACCESS_EVENTS} and {@link Topics#KEY_USAGE}.
 *
 * <p>One thread owns the Kafka consumer. It reads both topics from the beginning without a consumer
 * group (every instance of every service needs every key), and keeps following them. A request thread
 * that meets an unknown key asks for a catch-up round and wakes the owner if it is waiting for records:
 * the owner reads the end offsets of the access topic once and polls until it reaches them; every request
 * that asked before the round began is answered by it, so a flood of bad keys costs one end-offset lookup
 * per round, not one per request. A round is one round trip to the broker when nothing new was issued, so
 * an unknown key is refused about as fast as a known one is accepted: the end offsets are asked on a
 * connection of their own, because a broker answers one connection's requests in order and the reader's
 * connection always has a fetch waiting for new records. The usage topic, which changes all the time and
 * says nothing about who may call, is left to the background reading.
 */
public class KeyRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyRegistry.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long the broker may hold a fetch without new records: bounds a round that has records to read. */
    private static final int FETCH_MAX_WAIT_MS = 100;
    private static final List<Topic> TOPICS = List.of(Topics.ACCESS_EVENTS, Topics.KEY_USAGE);

    private final String bootstrapServers;
    private final Duration catchUpTimeout;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final Map<String, RegisteredKey> byId = new ConcurrentHashMap<>();
    private final Map<String, RegisteredKey> byHash = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> lastUsed = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<Void>> nextCatchUp = new AtomicReference<>();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong endOffsetLookups = new AtomicLong();
    private final AtomicLong roundPolls = new AtomicLong();

    private KafkaConsumer<String, byte[]> consumer;
    /** Asks only for end offsets, so that a catch-up never queues behind the reader's waiting fetch. */
    private KafkaConsumer<String, byte[]> endOffsets;
    private List<TopicPartition> accessPartitions = List.of();
    private volatile ConsumerLoop loop;
    /** Whether the owner is waiting for records, the only time a catch-up request wakes it. */
    private volatile boolean idle;

    public KeyRegistry(String bootstrapServers, Duration catchUpTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.catchUpTimeout = catchUpTimeout;
    }

    /**
     * Reads both topics to their current end, then follows them in the background.
     *
     * @throws IllegalStateException if the topics cannot be read to their end within {@code timeout}
     */
    public void start(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, "key-registry",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, timeout.toMillis())),
                new StringDeserializer(), new ByteArrayDeserializer());
        endOffsets = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "key-registry-end-offsets",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, catchUpTimeout.toMillis())),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : TOPICS) {
                for (PartitionInfo partition : partitionsOf(topic, deadline)) {
                    partitions.add(new TopicPartition(partition.topic(), partition.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            accessPartitions = partitions.stream()
                    .filter(p -> p.topic().equals(Topics.ACCESS_EVENTS.name())).toList();
            readToEnd(partitions, deadline, false);
        } catch (RuntimeException e) {
            consumer.close();
            endOffsets.close();
            throw new IllegalStateException("could not read the key topics from Kafka at " + bootstrapServers, e);
        }
        log.info("key registry read {} issued keys ({} revoked)", byId.size(),
                byId.values().stream().filter(RegisteredKey::revoked).count());
        loop = new ConsumerLoop("key-registry", consumer, this::turn, failure -> {
            // Kafka unreachable for a while: keep the keys known so far and try again.
            log.warn("key registry could not read the key topics; retrying", failure);
            return Duration.ofSeconds(1);
        }, false);
        loop.start();
    }

    /** A topic created a moment ago may not be in every broker's metadata yet: ask until it is. */
    private List<PartitionInfo> partitionsOf(Topic topic, Instant deadline) {
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), left.isNegative() ? Duration.ZERO : left);
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist");
            }
            sleepQuietly(Duration.ofMillis(200));
        }
    }

    /** One turn of the loop: a catch-up round if one was asked for, else one wait for records. */
    private void turn(KafkaConsumer<String, byte[]> consumer) {
        CompletableFuture<Void> round = nextCatchUp.getAndSet(null);
        try {
            if (round != null) {
                catchUpRound(round);
                return;
            }
            idle = true;
            try {
                // A request that asked just before idle was set did not wake this thread.
                if (nextCatchUp.get() == null) {
                    apply(consumer.poll(POLL));
                }
            } finally {
                idle = false;
            }
        } catch (WakeupException e) {
            // Woken for a catch-up round, which the next turn runs, or closed.
            if (round != null) {
                round.complete(null);
            }
            throw e;
        } catch (RuntimeException e) {
            if (round != null) {
                round.completeExceptionally(e);
            }
            throw e;
        }
    }

    /**
     * Reads the access topic to the end offsets it has now. A wake-up meant for the next round (a request
     * that came while this one began) does not end this one: it starts over, within the same deadline.
     */
    private void catchUpRound(CompletableFuture<Void> round) {
        Instant deadline = Instant.now().plus(catchUpTimeout);
        rounds.incrementAndGet();
        while (true) {
            try {
                readToEnd(accessPartitions, deadline, true);
                round.complete(null);
                return;
            } catch (WakeupException e) {
                if (!isRunning()) {
                    throw e;
                }
            }
        }
    }

    private void readToEnd(List<TopicPartition> partitions, Instant deadline, boolean inRound) {
        Map<TopicPartition, Long> ends = endOffsets.endOffsets(partitions);
        if (inRound) {
            endOffsetLookups.incrementAndGet();
        }
        ConsumerLoop.readUntil(consumer, ends, POLL, records -> {
            if (inRound) {
                roundPolls.incrementAndGet();
            }
            apply(records);
        }, () -> Instant.now().isAfter(deadline), "the key topics were not read to their end in time");
    }

    /**
     * What the catch-up rounds have cost since start: counted, not timed, so that a test can tell a round
     * that is one end-offset lookup from one that also reads what it does not need, on any machine.
     *
     * @param rounds           catch-up rounds run
     * @param endOffsetLookups end-offset requests made by those rounds
     * @param polls            polls made by those rounds to read records up to the end offsets
     */
    record Work(long rounds, long endOffsetLookups, long polls) {
    }

    Work work() {
        return new Work(rounds.get(), endOffsetLookups.get(), roundPolls.get());
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                codec.payload(CloudEventRecords.read(record)).ifPresent(this::apply);
            } catch (MalformedCloudEventException | IllegalArgumentException e) {
                log.warn("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
    }

    /** Applies one event; visible for tests that feed events without a broker. */
    void apply(Object payload) {
        if (payload instanceof ApiKeyIssuedEvent issued) {
            RegisteredKey key = new RegisteredKey(issued.keyId(), issued.sha256().toLowerCase(Locale.ROOT),
                    Role.valueOf(issued.role().name()), issued.institutionId(), false);
            RegisteredKey known = byId.putIfAbsent(key.keyId(), key);
            // A redelivered issue event never brings back a key revoked since.
            if (known == null) {
                byHash.put(key.sha256(), key);
            }
        } else if (payload instanceof ApiKeyRevokedEvent revoked) {
            RegisteredKey key = byId.computeIfPresent(revoked.keyId(), (id, k) -> k.revoke());
            if (key != null) {
                byHash.remove(key.sha256());
            }
        } else if (payload instanceof ApiKeyUsedEvent used) {
            lastUsed.computeIfAbsent(used.keyId(), id -> new ConcurrentHashMap<>())
                    .merge(used.service(), used.lastUsedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** The live (not revoked) key with this SHA-256. */
    public Optional<RegisteredKey> findByHash(String sha256) {
        return Optional.ofNullable(byHash.get(sha256));
    }

    public Optional<RegisteredKey> findById(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /**
     * Reads the topics to their current end before answering.
     *
     * @return whether the registry caught up within the catch-up timeout
     */
    public boolean catchUp() {
        if (!isRunning()) {
            return false;
        }
        CompletableFuture<Void> round = nextCatchUp.updateAndGet(r -> r == null ? new CompletableFuture<>() : r);
        if (idle) {
            loop.wakeup();
        }
        try {
            round.get(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Waits until the key's state as read from the topic satisfies {@code condition}: the access service
     * uses it to answer an issue or a revocation only once the topic carries it.
     *
     * @return whether it did within {@code timeout}
     */
    public boolean await(String keyId, Predicate<RegisteredKey> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            RegisteredKey key = byId.get(keyId);
            if (key != null && condition.test(key)) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            sleepQuietly(Duration.ofMillis(20));
        }
    }

    /** The latest time any service reported accepting the key. */
    public Optional<Instant> lastUsed(String keyId) {
        return Optional.ofNullable(lastUsed.get(keyId))
                .flatMap(byService -> byService.values().stream().max(Instant::compareTo));
    }

    /** The latest time one service (any of its instances) reported accepting the key. */
    public Optional<Instant> lastUsed(String keyId, String service) {
        return Optional.ofNullable(lastUsed.get(keyId)).map(byService -> byService.get(service));
    }

    /** Whether the background reader is following the topics; {@code false} while Kafka cannot be read. */
    public boolean isFollowing() {
        return isRunning() && loop.lastFailure() == null;
    }

    private boolean isRunning() {
        return loop != null && loop.isRunning();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
            endOffsets.close();
        }
        // A request waiting for a round that will never run is answered now rather than at its timeout.
        CompletableFuture<Void> waiting = nextCatchUp.getAndSet(null);
        if (waiting != null) {
            waiting.complete(null);
        }
    }
}
