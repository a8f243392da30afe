package org.balintobservatory.support.batch;

import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One line while it runs: its text, and what the handler learns about it on the way (its operation and id,
 * so that a refusal still names them, and whether it stored anything).
 */
public final class BatchLine {

    private final int number;
    private final String text;
    private String op;
    private String id;
    private boolean appended = true;

    BatchLine(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The same line, as it was before it ran: for running it again after its shared transaction rolled back. */
    BatchLine fresh() {
        return new BatchLine(number, text);
    }

    public int number() {
        return number;
    }

    public String text() {
        return text;
    }

    public BatchLine op(String op) {
        this.op = op;
        return this;
    }

    public BatchLine id(String id) {
        this.id = id;
        return this;
    }

    String op() {
        return op;
    }

    String id() {
        return id;
    }

    boolean appended() {
        return appended;
    }

    /**
     * Runs {@code action} and notes whether it appended events to {@code aggregateId}'s stream: a command
     * repeated with the same payload appends nothing and is answered {@code unchanged}. Inside a shared
     * transaction the events of earlier lines are not stored yet; Axon's event store counts them all the same
     * (its last sequence number includes the events staged in the current unit of work), and answers from
     * them without asking the database once the aggregate has staged events.
     */
    public <T> T tracking(EventStore eventStore, String aggregateId, Callable<T> action) throws Exception {
        Optional<Long> before = eventStore.lastSequenceNumberFor(aggregateId);
        T result = action.call();
        appended = !eventStore.lastSequenceNumberFor(aggregateId).equals(before);
        return result;
    }
}
