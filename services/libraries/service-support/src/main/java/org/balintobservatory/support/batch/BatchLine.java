package org.balintobservatory.support.batch;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
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
     * repeated with the same payload appends nothing and is answered {@code unchanged}.
     *
     * <p>Inside a shared unit of work (lines run together, {@link UnitOfWorkLineTransactions}) the events of
     * earlier lines are staged, not stored: an accepted command's nested unit of work moves its events to the
     * root's queue when it commits, a refused one drops them. The line appended when that queue grew by an event
     * of its aggregate. Asking the event store for the stream's last sequence number instead, as a single
     * request does, costs a query for a stream with nothing staged, and Axon 4 answers it by copying every event
     * staged so far, each compared with all those before it ({@code AbstractEventBus.queuedMessages}): twice a
     * line, cubic in the batch's length, a sixth of the group service's time while loading.
     */
    public <T> T tracking(EventStore eventStore, String aggregateId, Callable<T> action) throws Exception {
        if (!CurrentUnitOfWork.isStarted()) {
            Optional<Long> before = eventStore.lastSequenceNumberFor(aggregateId);
            T result = action.call();
            appended = !eventStore.lastSequenceNumberFor(aggregateId).equals(before);
            return result;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        int before = staged(unitOfWork, eventStore).size();
        T result = action.call();
        List<?> after = staged(unitOfWork, eventStore);
        appended = after.subList(Math.min(before, after.size()), after.size()).stream()
                .anyMatch(event -> event instanceof DomainEventMessage<?> domain
                        && aggregateId.equals(domain.getAggregateIdentifier()));
        return result;
    }

    /**
     * The events staged in {@code unitOfWork} for {@code eventStore}: Axon's event bus keeps them in a resource of
     * the unit of work named after the bus itself ({@code AbstractEventBus}: {@code this + "_EVENTS"}), created
     * with the first event.
     */
    static List<?> staged(UnitOfWork<?> unitOfWork, EventStore eventStore) {
        List<?> events = unitOfWork.getResource(eventStore + STAGED_EVENTS);
        return events == null ? List.of() : events;
    }

    private static final String STAGED_EVENTS = "_EVENTS";
}
