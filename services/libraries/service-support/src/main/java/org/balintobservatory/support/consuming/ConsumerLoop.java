package org.balintobservatory.support.consuming;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one loop every Kafka reader of the services runs: a thread of its own owns the consumer and turns, each
 * turn being the reader's (poll and apply, as a rule), until {@link #stop()} wakes the consumer up. A turn that
 * throws does not end the loop: when the reader commits to a consumer group the loop first goes back to the last
 * committed offsets, so the records of a failed batch are read and applied again (at least once, which the
 * readers make harmless), then waits as long as the reader's {@link Recovery} says before the next turn.
 *
 * <p>Why a loop of our own rather than spring-kafka's listener container: the readers differ in what the
 * container would fix. The analytics projection changes consumer group while it runs (one group per read-model
 * generation), the key registry and the survey service's unit list read partitions assigned rather than
 * subscribed (every instance needs every record), and the key registry wakes its consumer on purpose to run a
 * catch-up round. What they share is this loop: its thread, the wake-up that stops it, the rewind and the wait
 * after a failure, and {@link #readUntil} for reading to given offsets.
 */
public final class ConsumerLoop {

    /** One turn of the loop, on its thread, with the consumer it owns at that moment. */
    @FunctionalInterface
    public interface Turn {
        void run(KafkaConsumer<String, byte[]> consumer);
    }

    /** What follows a failed turn: how long to wait before the next one. */
    @FunctionalInterface
    public interface Recovery {
        Duration after(RuntimeException failure);
    }

    private final String name;
    private final Turn turn;
    private final Recovery recovery;
    private final boolean rewind;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile RuntimeException lastFailure;
    private Thread thread;

    /**
     * @param name     the thread's name
     * @param consumer the consumer the loop owns from now on, and closes when it ends
     * @param turn     one turn
     * @param recovery the wait after a failed turn
     * @param rewind   whether a failed turn goes back to the consumer group's committed offsets first (readers
     *                 that commit); a reader without a group keeps its position
     */
    public ConsumerLoop(String name, KafkaConsumer<String, byte[]> consumer, Turn turn, Recovery recovery,
                        boolean rewind) {
        this.name = name;
        this.consumer = consumer;
        this.turn = turn;
        this.recovery = recovery;
        this.rewind = rewind;
    }

    /** A turn that polls once, applies a non-empty batch, then commits it: what a reader in a consumer group does. */
    public static Turn committing(Duration poll, Consumer<ConsumerRecords<String, byte[]>> apply) {
        return consumer -> {
            ConsumerRecords<String, byte[]> records = consumer.poll(poll);
            if (!records.isEmpty()) {
                apply.accept(records);
                consumer.commitSync();
            }
        };
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        boolean rewindFirst = false;
        try {
            while (running) {
                try {
                    if (rewindFirst) {
                        // Until the rewind succeeds, no turn reads past the records of the failed one.
                        rewind(consumer);
                        rewindFirst = false;
                    }
                    turn.run(consumer);
                    lastFailure = null;
                } catch (WakeupException e) {
                    // stop(), or the reader's own wake-up: the next turn (or the end of the loop) follows
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    lastFailure = e;
                    rewindFirst = rewind;
                    sleep(recovery.after(e));
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Replaces the consumer, closing the one before: only from a turn, on the loop's thread (the analytics
     * projection joining the consumer group of a new generation).
     */
    public void replace(KafkaConsumer<String, byte[]> next) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("the consumer is replaced from a turn of the loop only");
        }
        consumer.close(Duration.ofSeconds(5));
        consumer = next;
    }

    /** Wakes the consumer up without stopping the loop: the current poll ends with a {@link WakeupException}. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** Ends the loop: wakes the consumer up and waits up to {@code patience} for the loop to close it. */
    public void stop(Duration patience) {
        running = false;
        consumer.wakeup();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(patience.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** The failure of the last turn, {@code null} once a turn has succeeded since. */
    public RuntimeException lastFailure() {
        return lastFailure;
    }

    /**
     * Positions each assigned partition at the consumer group's committed offset, or at its beginning when the
     * group has committed none there.
     */
    public static void rewind(KafkaConsumer<String, byte[]> consumer) {
        seekToCommitted(consumer, consumer.assignment());
    }

    /** {@link #rewind} for the given partitions, which the consumer has been assigned. */
    public static void seekToCommitted(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    /**
     * Polls until the consumer's position reaches {@code target} on every assigned partition of it, handing
     * each poll's records (none, when the poll found none) to {@code apply}.
     *
     * @param stop checked before each poll; {@code true} ends the read with an {@link IllegalStateException}
     *             saying {@code why} (a deadline passed, the service stopping)
     */
    public static void readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> target,
                                 Duration poll, Consumer<ConsumerRecords<String, byte[]>> apply,
                                 BooleanSupplier stop, String why) {
        while (!reached(consumer, target)) {
            if (stop.getAsBoolean()) {
                throw new IllegalStateException(why);
            }
            apply.accept(consumer.poll(poll));
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> t : target.entrySet()) {
            if (consumer.assignment().contains(t.getKey()) && consumer.position(t.getKey()) < t.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ConsumerLoop[" + name + (running ? ", running" : "") + "]";
    }
}
