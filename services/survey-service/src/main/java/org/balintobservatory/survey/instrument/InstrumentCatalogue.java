package org.balintobservatory.survey.instrument;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every instrument version this service can score with: the built-in keys, and the versions
 * administrators registered, read from their event streams. Stored versions are read on each look-up,
 * which costs one small query and lets several instances of the service agree without a cache to expire;
 * inside a unit of work (the lines of a batch that share a transaction) an instrument is read once, as if every
 * line were scored at the transaction's start.
 */
@Component
public class InstrumentCatalogue {

    private static final String READ_IN_UNIT_OF_WORK = InstrumentCatalogue.class.getName() + ".read";

    private final EventStore eventStore;
    private final InstrumentIndex index;

    public InstrumentCatalogue(EventStore eventStore, InstrumentIndex index) {
        this.eventStore = eventStore;
        this.index = index;
    }

    /** Every version of every instrument, ordered by id and version. */
    public List<InstrumentKey> all() {
        TreeSet<String> ids = new TreeSet<>(index.all());
        BuiltInInstruments.ALL.forEach(k -> ids.add(k.id()));
        List<InstrumentKey> all = new ArrayList<>();
        ids.forEach(id -> all.addAll(versions(id)));
        return all;
    }

    /** The versions of one instrument, oldest first; empty when the id is unknown. */
    public List<InstrumentKey> versions(String instrumentId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return read(instrumentId);
        }
        Map<String, List<InstrumentKey>> read = CurrentUnitOfWork.get().root()
                .getOrComputeResource(READ_IN_UNIT_OF_WORK, k -> new HashMap<>());
        return read.computeIfAbsent(instrumentId, this::read);
    }

    private List<InstrumentKey> read(String instrumentId) {
        List<InstrumentKey> versions = new ArrayList<>(builtInVersions(instrumentId));
        eventStore.readEvents(instrumentId).asStream()
                .map(m -> m.getPayload())
                .filter(InstrumentVersionRegisteredEvent.class::isInstance)
                .map(e -> ((InstrumentVersionRegisteredEvent) e).key())
                .forEach(versions::add);
        versions.sort(Comparator.comparingInt(InstrumentKey::version));
        return List.copyOf(versions);
    }

    public Optional<InstrumentKey> latest(String instrumentId) {
        List<InstrumentKey> versions = versions(instrumentId);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public Optional<InstrumentKey> version(String instrumentId, int version) {
        return versions(instrumentId).stream().filter(k -> k.version() == version).findFirst();
    }

    public static List<InstrumentKey> builtInVersions(String instrumentId) {
        return BuiltInInstruments.ALL.stream().filter(k -> k.id().equals(instrumentId)).toList();
    }
}
