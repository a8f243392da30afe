package org.balintobservatory.support.batch;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a line appended to its aggregate's stream, on Axon's own event store: inside a shared unit of work,
 * where earlier lines' events are staged and not stored, and alone. Each command runs in a unit of work nested
 * in the shared one, as the command gateway runs it.
 */
class BatchLineTest {

    private final EventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @AfterEach
    void endUnitsOfWork() {
        while (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().rollback();
        }
    }

    @Test
    void inASharedUnitOfWorkALineAppendedWhenItsCommandStagedAnEventOfItsAggregate() throws Exception {
        DefaultUnitOfWork.startAndGet(null);
        // earlier lines of the batch staged events of this aggregate and of another
        assertThat(run("group-1", () -> command(event("group-1", 0)))).isTrue();
        assertThat(run("group-2", () -> command(event("group-2", 0), event("group-2", 1)))).isTrue();

        assertThat(run("group-1", () -> command(event("group-1", 1)))).as("a new event").isTrue();
        assertThat(run("group-1", () -> command())).as("a repeat: nothing staged").isFalse();
        assertThat(run("group-1", () -> command(event("group-2", 2))))
                .as("an event of another aggregate only").isFalse();
        assertThat(run("group-1", this::refused)).as("a refused command: its events are dropped").isFalse();
        assertThat(BatchLine.staged(CurrentUnitOfWork.get(), store)).as("every accepted event staged once")
                .hasSize(5);
    }

    @Test
    void aloneALineAppendedWhenItsStreamsLastSequenceNumberMoved() throws Exception {
        assertThat(run("group-1", () -> command(event("group-1", 0)))).isTrue();
        assertThat(run("group-1", () -> command())).isFalse();
        assertThat(run("group-1", this::refused)).isFalse();
        assertThat(run("group-1", () -> command(event("group-1", 1)))).isTrue();
        assertThat(store.lastSequenceNumberFor("group-1")).contains(1L);
    }

    private boolean run(String aggregateId, Runnable command) throws Exception {
        BatchLine line = new BatchLine(1, "{}");
        line.tracking(store, aggregateId, () -> {
            command.run();
            return null;
        });
        return line.appended();
    }

    /** A command that publishes {@code events} in a unit of work of its own, nested in the current one if any. */
    private void command(DomainEventMessage<?>... events) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(events);
        unitOfWork.commit();
    }

    private void refused() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(event("group-1", 9));
        unitOfWork.rollback(new IllegalStateException("refused"));
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Group", aggregateId, sequence, "payload-" + sequence);
    }
}
