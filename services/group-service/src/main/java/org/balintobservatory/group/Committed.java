package org.balintobservatory.group;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A memo of facts read from event streams that never change once stored (a programme's registration, the
 * programme a group was formed in), which keeps a fact only once it is stored. Inside a unit of work the event
 * store answers with the events the unit has staged as well as the stored ones, and a fact read from a staged
 * event must not outlive a rollback of that unit (a refused command, a batch transaction that failed to commit):
 * such a fact is kept in the root unit of work, where the later lines of the same transaction find it, and joins
 * the memo when that unit commits.
 *
 * @param <V> what is remembered
 */
public final class Committed<V> {

    private final Map<String, V> stored = new ConcurrentHashMap<>();
    private final String resource = "committed-memo-" + System.identityHashCode(this);

    /**
     * The fact under {@code key}: remembered, or read by {@code read} (empty when there is none yet, which is
     * not remembered).
     */
    public Optional<V> get(String key, Function<String, Optional<V>> read) {
        V known = stored.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (!CurrentUnitOfWork.isStarted()) {
            Optional<V> fact = read.apply(key);
            fact.ifPresent(v -> stored.put(key, v));
            return fact;
        }
        Map<String, V> staged = staged(CurrentUnitOfWork.get().root());
        V seen = staged.get(key);
        if (seen != null) {
            return Optional.of(seen);
        }
        Optional<V> fact = read.apply(key);
        fact.ifPresent(v -> staged.put(key, v));
        return fact;
    }

    private Map<String, V> staged(UnitOfWork<?> root) {
        return root.getOrComputeResource(resource, k -> {
            Map<String, V> facts = new HashMap<>();
            root.afterCommit(u -> stored.putAll(facts));
            return facts;
        });
    }
}
