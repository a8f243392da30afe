package org.balintobservatory.group.programme;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.group.AggregateIds;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads programmes from their event streams. A registered programme never changes (its stream holds the
 * one registration event), so what was read once is kept.
 */
@Component
public class ProgrammeQueries {

    private final EventStore eventStore;
    private final Map<String, ProgrammeRegisteredEvent> registered = new ConcurrentHashMap<>();

    public ProgrammeQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<ProgrammeRegisteredEvent> find(String institutionId, String programmeId) {
        String aggregateId = AggregateIds.of(institutionId, programmeId);
        ProgrammeRegisteredEvent known = registered.get(aggregateId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ProgrammeRegisteredEvent> read = eventStore.readEvents(aggregateId).asStream()
                .map(m -> m.getPayload())
                .filter(ProgrammeRegisteredEvent.class::isInstance)
                .map(ProgrammeRegisteredEvent.class::cast)
                .findFirst();
        read.ifPresent(e -> registered.put(aggregateId, e));
        return read;
    }
}
