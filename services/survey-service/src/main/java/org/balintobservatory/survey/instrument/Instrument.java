package org.balintobservatory.survey.instrument;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.support.domain.Violation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The stored versions of one instrument.
 *
 * <p>Policies, each refused with its name:
 * <ul>
 *   <li><em>valid-key</em>: a key that cannot score (unknown items, empty scales, disordered or inconsistent
 *       ranges) is refused with every problem named;</li>
 *   <li><em>never-edited</em>: a registered version is immutable; registering it again with the same key
 *       changes nothing, with another key is a conflict;</li>
 *   <li><em>next-version</em>: versions follow each other without gaps, after any built-in versions; a key
 *       sent without a version becomes the next one, unless it repeats the latest key exactly.</li>
 * </ul>
 */
@Aggregate
public class Instrument {

    @AggregateIdentifier
    private String instrumentId;
    private final List<InstrumentKey> versions = new ArrayList<>();

    protected Instrument() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(RegisterInstrumentVersionCommand command, InstrumentIndex index) {
        List<InstrumentKey> known = new ArrayList<>(command.builtInVersions());
        known.addAll(versions);
        known.sort(Comparator.comparingInt(InstrumentKey::version));
        int latest = known.isEmpty() ? 0 : known.get(known.size() - 1).version();
        InstrumentKey key = command.key();
        if (key.version() == 0) {
            if (latest > 0 && known.get(known.size() - 1).withVersion(0).equals(key)) {
                return latest;
            }
            key = key.withVersion(latest + 1);
        } else if (key.version() <= latest) {
            int version = key.version();
            Optional<InstrumentKey> existing = known.stream().filter(k -> k.version() == version).findFirst();
            if (existing.isPresent() && existing.get().equals(key)) {
                return version;
            }
            throw new ConflictException("version " + version + " of " + key.id()
                    + " is registered with another key; instruments are never edited, register version "
                    + (latest + 1), Map.of("instrumentId", key.id(), "version", version, "latestVersion", latest));
        } else if (key.version() != latest + 1) {
            throw new RuleViolationException("version", "next-version",
                    "the next version of " + key.id() + " is " + (latest + 1));
        }
        List<Violation> violations = InstrumentKeyValidator.validate(key);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        index.remember(key.id());
        apply(new InstrumentVersionRegisteredEvent(key));
        return key.version();
    }

    @EventSourcingHandler
    void on(InstrumentVersionRegisteredEvent event) {
        this.instrumentId = event.key().id();
        versions.add(event.key());
    }
}
