package org.balintobservatory.group.programme;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.group.Committed;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Reads programmes from their event streams. A registered programme never changes (its stream holds the
 * one registration event), so what was read once is kept ({@link Committed}: what an earlier line of the same
 * batch transaction staged is kept once that transaction commits).
 */
@Component
public class ProgrammeQueries {

    private final EventStore eventStore;
    private final Committed<ProgrammeRegisteredEvent> registered = new Committed<>();

    public ProgrammeQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<ProgrammeRegisteredEvent> find(String institutionId, String programmeId) {
        return registered.get(AggregateIds.of(institutionId, programmeId), aggregateId ->
                eventStore.readEvents(aggregateId).asStream()
                        .map(m -> m.getPayload())
                        .filter(ProgrammeRegisteredEvent.class::isInstance)
                        .map(ProgrammeRegisteredEvent.class::cast)
                        .findFirst());
    }
}
