package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.ingest.Projection;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.analytics.readmodel.store.ReadModelStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Folds a batch of events into every read model of one generation.
 *
 * <p>Exactly-once effect under at-least-once delivery rests on two rules:
 * <ol>
 *   <li>Each event is guarded by the last applied sequence of its own aggregate, stored in the document
 *       that aggregate owns: a group summary, a programme summary, a response owner. An event at or
 *       below it is ignored.</li>
 *   <li>Documents fed by many aggregates hold derived state that is overwritten, never incremented blindly:
 *       a participant's membership section is copied from its group summary; a unit keeps each
 *       participant's current pair, so setting it again is a no-op. Those documents are written
 *       before the guarding documents, so a crash between the writes leaves the guards behind and the
 *       redelivered events are applied again, recomputing the same derived state.</li>
 * </ol>
 *
 * <p>The query-shaped documents follow the second rule too. A unit's entry in its {@link UnitTable} is
 * copied from its {@link UnitPairs} whenever a participant's pairs in that unit differ before and after
 * the batch, whether or not the pairs document itself changed (a crash may have written it already). An
 * institution's profile and activity entries are copied from a group or programme summary that the
 * batch changed; its totals are recomputed from those documents and from its participant directory,
 * to which every participant the read models had not seen is added; an institution without totals yet
 * is added to the {@link InstitutionCatalogue}. Write order: unit pairs, unit tables, the catalogue,
 * participant directories, institution profiles, activity and totals, participants, then the guards,
 * and last the session records of the groups, which carry guards of their own ({@link SessionRecord}).
 *
 * <p>Each read model has its handler ({@link ReadModelHandler}), small enough to read at once; this class
 * is the dispatcher. It sorts a batch's events by stream ({@link ProjectionBatch}), lets the handlers
 * apply them in the order their inputs require (groups, programmes, participants and responses, units,
 * institutions) and write in the order the rules above require (units, institutions, participants and
 * responses, programmes, groups and their sessions).
 *
 * <p>Several writers at once (instances of the service, or a consumer still finishing a batch for partitions
 * it has just lost) are safe because every write is conditional on the version this batch read
 * ({@link org.balintobservatory.analytics.readmodel.store.MongoReadModelStore#forBatch}) and every document
 * another is copied from is written back with it, changed or not: if anyone wrote one of them in between,
 * the batch fails with a conflict before its guards move, and is applied again to what is there now.
 * Kafka keys the research topics by institution, so in normal running one consumer owns all of an
 * institution's documents and the only shared one is the catalogue.
 */
@Component
public class ReadModelProjection implements Projection {

    private final Generations generations;

    public ReadModelProjection(Generations generations) {
        this.generations = generations;
    }

    @Override
    public void apply(List<ConsumedEvent> batch, int generation) {
        apply(batch, generations.store(generation).forBatch());
    }

    /** Applies a batch to the read models in a store; the unit tests call this with an in-memory store. */
    public void apply(List<ConsumedEvent> events, ReadModelStore store) {
        ProjectionBatch batch = new ProjectionBatch(events, store);
        GroupHandler groups = new GroupHandler();
        ProgrammeHandler programmes = new ProgrammeHandler();
        ParticipantHandler participants = new ParticipantHandler();
        UnitHandler units = new UnitHandler();
        InstitutionHandler institutions = new InstitutionHandler();
        for (ReadModelHandler handler : List.of(groups, programmes, participants, units, institutions)) {
            handler.apply(batch);
        }
        // Derived documents first, the documents holding the sequence guards last (see the class comment).
        // Every document another one was copied from is written back even if unchanged, so that a
        // concurrent writer's change to it fails this batch (VersionedWrites) instead of going unseen.
        for (ReadModelHandler handler : List.of(units, institutions, participants, programmes, groups)) {
            handler.write(batch);
        }
    }
}
