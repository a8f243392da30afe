package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.group.GroupSummary;
import org.balintobservatory.analytics.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.group.SessionRecord;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.ingest.Projection;
import org.balintobservatory.analytics.institution.GroupProfile;
import org.balintobservatory.analytics.institution.InstitutionActivity;
import org.balintobservatory.analytics.institution.InstitutionCatalogue;
import org.balintobservatory.analytics.institution.InstitutionProfile;
import org.balintobservatory.analytics.institution.InstitutionTotals;
import org.balintobservatory.analytics.institution.ParticipantDirectory;
import org.balintobservatory.analytics.institution.ProgrammeProfile;
import org.balintobservatory.analytics.participant.ParticipantRecord;
import org.balintobservatory.analytics.participant.ResponseOwner;
import org.balintobservatory.analytics.programme.ProgrammeSummary;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.analytics.readmodel.ReadModel;
import org.balintobservatory.analytics.readmodel.ReadModelStore;
import org.balintobservatory.analytics.unit.PairContribution;
import org.balintobservatory.analytics.unit.UnitKey;
import org.balintobservatory.analytics.unit.UnitPairs;
import org.balintobservatory.analytics.unit.UnitTable;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.contract.survey.ScoredResponseEvent;
import org.balintobservatory.contract.survey.SurveyResponseEvent;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

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
 * <p>Several writers at once (instances of the service, or a consumer still finishing a batch for partitions
 * it has just lost) are safe because every write is conditional on the version this batch read
 * ({@link org.balintobservatory.analytics.readmodel.MongoReadModelStore#forBatch}) and every document
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
    public void apply(List<ConsumedEvent> batch, ReadModelStore store) {
        Set<String> groupIds = new LinkedHashSet<>();
        Set<String> programmeIds = new LinkedHashSet<>();
        Set<String> responseIds = new LinkedHashSet<>();
        Set<String> participantKeys = new TreeSet<>();
        Map<String, Map<String, String>> sessionRecordIds = new LinkedHashMap<>();
        for (ConsumedEvent event : batch) {
            Object payload = event.payload();
            if (payload instanceof ProgrammeRegisteredEvent) {
                programmeIds.add(event.aggregateId());
            } else if (payload instanceof SurveyResponseEvent e) {
                responseIds.add(event.aggregateId());
                participantKeys.add(ParticipantRecord.key(e.institutionId(), e.participantId()));
            } else if (isGroupEvent(payload)) {
                groupIds.add(event.aggregateId());
                String sessionId = SessionRecord.sessionOf(payload);
                if (sessionId != null) {
                    sessionRecordIds.computeIfAbsent(event.aggregateId(), k -> new LinkedHashMap<>())
                            .put(sessionId, SessionRecord.id(event.aggregateId(), sessionId));
                }
            }
        }

        Map<String, GroupSummary> groups = decode(store.load(ReadModel.GROUPS, groupIds), GroupSummaryDocuments::fromDocument);
        // Only the sessions the batch touches are read: a group's other sessions are summed up in its tallies.
        Map<String, Document> sessionDocs = store.load(ReadModel.GROUP_SESSIONS,
                sessionRecordIds.values().stream().flatMap(ids -> ids.values().stream()).toList());
        sessionRecordIds.forEach((groupId, ids) -> ids.forEach((sessionId, id) -> {
            Document doc = sessionDocs.get(id);
            if (doc != null) {
                groups.computeIfAbsent(groupId, GroupSummary::new)
                        .attach(sessionId, GroupSummaryDocuments.sessionFromDocument(doc));
            }
        }));
        Map<String, ProgrammeSummary> programmes = decode(store.load(ReadModel.PROGRAMMES, programmeIds), ProgrammeSummary::fromDocument);
        Map<String, ResponseOwner> owners = decode(store.load(ReadModel.RESPONSES, responseIds), ResponseOwner::fromDocument);
        owners.values().forEach(o -> {
            if (o.participantKey() != null) {
                participantKeys.add(o.participantKey());
            }
        });

        Set<GroupSummary> changedGroups = new LinkedHashSet<>();
        Set<ProgrammeSummary> changedProgrammes = new LinkedHashSet<>();
        Map<String, Set<String>> touchedMembers = new LinkedHashMap<>();
        for (ConsumedEvent event : batch) {
            Object payload = event.payload();
            // Aggregate ids are unique per service only: the payload type says whose stream an event is in.
            if (payload instanceof ProgrammeRegisteredEvent) {
                ProgrammeSummary programme = programmes.computeIfAbsent(event.aggregateId(), ProgrammeSummary::new);
                if (programme.apply(event.sequence(), payload)) {
                    changedProgrammes.add(programme);
                }
            } else if (isGroupEvent(payload)) {
                GroupSummary group = groups.computeIfAbsent(event.aggregateId(), GroupSummary::new);
                Set<String> touched = touchedMembers.computeIfAbsent(event.aggregateId(), k -> new TreeSet<>());
                if (group.apply(event.sequence(), event.time(), payload, touched::add)) {
                    changedGroups.add(group);
                }
            }
        }
        touchedMembers.forEach((groupId, members) -> {
            GroupSummary group = groups.get(groupId);
            members.forEach(p -> participantKeys.add(ParticipantRecord.key(group.institutionId() != null
                    ? group.institutionId() : institutionOf(groupId), p)));
        });

        Map<String, ParticipantRecord> participants = decode(store.load(ReadModel.PARTICIPANTS, participantKeys),
                ParticipantRecord::fromDocument);
        Map<String, Map<String, PairContribution>> pairsBefore = new HashMap<>();
        participants.forEach((key, p) -> pairsBefore.put(key, p.contributions()));
        Set<String> unseen = new HashSet<>();
        Function<String, ParticipantRecord> participant = key -> participants.computeIfAbsent(key, k -> {
            pairsBefore.put(k, Map.of());
            unseen.add(k);
            return new ParticipantRecord(k);
        });

        Set<String> changedParticipants = new TreeSet<>();
        Set<ResponseOwner> changedOwners = new LinkedHashSet<>();
        for (ConsumedEvent event : batch) {
            if (!(event.payload() instanceof SurveyResponseEvent payload)) {
                continue;
            }
            ResponseOwner owner = owners.computeIfAbsent(event.aggregateId(), ResponseOwner::new);
            if (!owner.accepts(event.sequence())) {
                continue;
            }
            if (owner.participantKey() != null && participant.apply(owner.participantKey()).removeResponse(event.aggregateId())) {
                changedParticipants.add(owner.participantKey());
            }
            String newOwner = ParticipantRecord.key(payload.institutionId(), payload.participantId());
            ParticipantRecord.Response response = response(payload);
            if (response != null && participant.apply(newOwner).putResponse(event.aggregateId(), response)) {
                changedParticipants.add(newOwner);
            }
            owner.applied(event.sequence(), newOwner, response == null);
            changedOwners.add(owner);
        }

        touchedMembers.forEach((groupId, members) -> {
            GroupSummary group = groups.get(groupId);
            for (String p : members) {
                GroupSummary.Membership m = group.members().get(p);
                String key = ParticipantRecord.key(group.institutionId() != null ? group.institutionId()
                        : institutionOf(groupId), p);
                ParticipantRecord.Membership membership = new ParticipantRecord.Membership(group.groupId(),
                        group.programmeId(), m == null ? null : m.enrolledOn(), m == null ? null : m.withdrewOn(),
                        group.dose(p), group.sessionsRecorded(p));
                if (participant.apply(key).setMembership(groupId, membership)) {
                    changedParticipants.add(key);
                }
            }
        });

        Map<String, Map<String, PairContribution>> pairChanges = new LinkedHashMap<>();
        Set<String> unitIds = new TreeSet<>();
        for (String key : changedParticipants) {
            Map<String, PairContribution> before = pairsBefore.getOrDefault(key, Map.of());
            Map<String, PairContribution> after = participants.get(key).contributions();
            Set<String> units = new HashSet<>(before.keySet());
            units.addAll(after.keySet());
            units.removeIf(id -> Objects.equals(before.get(id), after.get(id)));
            if (!units.isEmpty()) {
                Map<String, PairContribution> changes = new HashMap<>();
                units.forEach(id -> changes.put(id, after.get(id)));
                pairChanges.put(key, changes);
                unitIds.addAll(units);
            }
        }
        Map<String, UnitPairs> units = decode(store.load(ReadModel.UNIT_PAIRS, unitIds), UnitPairs::fromDocument);
        Map<String, UnitPairs> touchedUnits = new TreeMap<>();
        pairChanges.forEach((key, changes) -> changes.forEach((unitId, contribution) -> {
            UnitPairs unit = units.get(unitId);
            if (unit == null) {
                if (contribution == null) {
                    return;
                }
                unit = new UnitPairs(contribution.unit());
                units.put(unitId, unit);
            }
            touchedUnits.put(unitId, unit);
            unit.set(key, contribution);
        }));

        Set<String> tableIds = new TreeSet<>();
        touchedUnits.values().forEach(u -> tableIds.add(u.key().tableId()));
        Map<String, UnitTable> tables = decode(store.load(ReadModel.UNIT_TABLES, tableIds), UnitTable::fromDocument);
        Set<UnitTable> changedTables = new LinkedHashSet<>();
        Map<String, List<InstitutionTotals.Table>> scalesSeen = new TreeMap<>();
        for (UnitPairs unit : touchedUnits.values()) {
            UnitTable table = tables.computeIfAbsent(unit.key().tableId(), id -> UnitTable.of(unit.key()));
            if (table.set(unit)) {
                changedTables.add(table);
            }
            if (table.level().equals(UnitKey.GROUP)) {
                scalesSeen.computeIfAbsent(table.institutionId(), k -> new ArrayList<>()).add(new InstitutionTotals.Table(
                        table.instrumentId(), table.scale(), table.from(), table.to(),
                        table.direction() == null ? null : table.direction().name()));
            }
        }

        // Institutions: what changed groups and programmes now say, and who is new.
        Map<String, Set<String>> newParticipants = new TreeMap<>();
        for (String key : changedParticipants) {
            if (unseen.contains(key)) {
                ParticipantRecord p = participants.get(key);
                newParticipants.computeIfAbsent(p.institutionId(), k -> new TreeSet<>()).add(p.participantId());
            }
        }
        Set<String> describedInstitutions = new TreeSet<>();
        changedGroups.forEach(g -> describedInstitutions.add(institutionOf(g.aggregateId())));
        changedProgrammes.forEach(p -> describedInstitutions.add(institutionOf(p.aggregateId())));
        Map<String, Set<String>> versionsSeen = new TreeMap<>();
        for (String key : changedParticipants) {
            ParticipantRecord p = participants.get(key);
            p.responses().values().forEach(r -> versionsSeen.computeIfAbsent(p.institutionId(), k -> new TreeSet<>())
                    .add(r.instrumentId() + "@" + r.instrumentVersion()));
        }
        Set<String> touchedInstitutions = new TreeSet<>(describedInstitutions);
        touchedInstitutions.addAll(versionsSeen.keySet());
        touchedInstitutions.addAll(newParticipants.keySet());
        touchedInstitutions.addAll(scalesSeen.keySet());

        Map<String, InstitutionProfile> profiles = decode(store.load(ReadModel.INSTITUTIONS, describedInstitutions),
                InstitutionProfile::fromDocument);
        Map<String, InstitutionActivity> activities = decode(store.load(ReadModel.INSTITUTION_ACTIVITY,
                describedInstitutions), InstitutionActivity::fromDocument);
        Map<String, ParticipantDirectory> directories = decode(store.load(ReadModel.PARTICIPANT_DIRECTORY,
                newParticipants.keySet()), ParticipantDirectory::fromDocument);
        Map<String, InstitutionTotals> totals = decode(store.load(ReadModel.INSTITUTION_TOTALS, touchedInstitutions),
                InstitutionTotals::fromDocument);
        Map<String, Document> totalsBefore = new HashMap<>();
        totals.forEach((id, t) -> totalsBefore.put(id, t.toDocument()));

        for (GroupSummary group : changedGroups) {
            if (group.groupId() == null) {
                continue;
            }
            String institution = institutionOf(group.aggregateId());
            profiles.computeIfAbsent(institution, InstitutionProfile::new).put(GroupProfile.of(group));
            activities.computeIfAbsent(institution, InstitutionActivity::new).put(group.groupId(),
                    InstitutionActivity.of(group));
        }
        for (ProgrammeSummary programme : changedProgrammes) {
            profiles.computeIfAbsent(institutionOf(programme.aggregateId()), InstitutionProfile::new)
                    .put(ProgrammeProfile.of(programme));
        }
        newParticipants.forEach((institution, ids) -> {
            ParticipantDirectory directory = directories.computeIfAbsent(institution, ParticipantDirectory::new);
            ids.forEach(directory::add);
        });
        for (String institution : touchedInstitutions) {
            InstitutionTotals t = totals.computeIfAbsent(institution, InstitutionTotals::new);
            if (profiles.containsKey(institution)) {
                t.profile(profiles.get(institution));
            }
            if (activities.containsKey(institution)) {
                t.activity(activities.get(institution));
            }
            if (directories.containsKey(institution)) {
                t.directory(directories.get(institution));
            }
            scalesSeen.getOrDefault(institution, List.of()).forEach(t::table);
            versionsSeen.getOrDefault(institution, Set.of()).forEach(t::instrumentVersion);
        }
        List<String> newInstitutions = touchedInstitutions.stream().filter(i -> !totalsBefore.containsKey(i)).toList();
        InstitutionCatalogue catalogue = null;
        if (!newInstitutions.isEmpty()) {
            catalogue = InstitutionCatalogue.fromDocument(store.load(ReadModel.CATALOGUE,
                    List.of(InstitutionCatalogue.ID)).get(InstitutionCatalogue.ID));
            if (!catalogue.addAll(newInstitutions)) {
                catalogue = null;
            }
        }
        List<Document> changedTotals = new ArrayList<>();
        totals.forEach((id, t) -> {
            Document doc = t.toDocument();
            if (!doc.equals(totalsBefore.get(id))) {
                changedTotals.add(doc);
            }
        });

        // Derived documents first, the documents holding the sequence guards last (see the class comment).
        // Every document another one was copied from is written back even if unchanged, so that a
        // concurrent writer's change to it fails this batch (VersionedWrites) instead of going unseen.
        store.write(ReadModel.UNIT_PAIRS, encode(touchedUnits.values(), UnitPairs::toDocument));
        store.write(ReadModel.UNIT_TABLES, encode(changedTables, UnitTable::toDocument));
        store.write(ReadModel.CATALOGUE, catalogue == null ? List.of() : List.of(catalogue.toDocument()));
        store.write(ReadModel.PARTICIPANT_DIRECTORY, encode(directories.values(), ParticipantDirectory::toDocument));
        store.write(ReadModel.INSTITUTIONS, encode(profiles.values(), InstitutionProfile::toDocument));
        store.write(ReadModel.INSTITUTION_ACTIVITY, encode(activities.values(), InstitutionActivity::toDocument));
        store.write(ReadModel.INSTITUTION_TOTALS, changedTotals);
        store.write(ReadModel.PARTICIPANTS, encode(changedParticipants.stream().map(participants::get).toList(),
                ParticipantRecord::toDocument));
        store.write(ReadModel.RESPONSES, encode(changedOwners, ResponseOwner::toDocument));
        store.write(ReadModel.PROGRAMMES, encode(changedProgrammes, ProgrammeSummary::toDocument));
        store.write(ReadModel.GROUPS, encode(changedGroups, GroupSummaryDocuments::toDocument));
        // Session records last: never ahead of their group's counters (SessionRecord says why).
        store.write(ReadModel.GROUP_SESSIONS, encode(groups.values().stream()
                .flatMap(g -> g.changedSessions().stream()).toList(), GroupSummaryDocuments::toDocument));
    }

    private static boolean isGroupEvent(Object payload) {
        return EventCatalogue.forPayload(payload.getClass()).map(type -> type.topic().equals(Topics.GROUP_EVENTS))
                .orElse(false);
    }

    /** The response as the participant keeps it, or {@code null} for a retraction. */
    private static ParticipantRecord.Response response(SurveyResponseEvent event) {
        if (event instanceof ScoredResponseEvent e) {
            return new ParticipantRecord.Response(e.responseId(), e.programmeId(), e.groupId(), e.instrumentId(),
                    e.instrumentVersion(), e.timepoint(), e.completedOn(), List.copyOf(e.scores()));
        }
        return null;
    }

    private static String institutionOf(String aggregateId) {
        return aggregateId.substring(0, aggregateId.indexOf('/'));
    }

    private static <T> Map<String, T> decode(Map<String, Document> docs, Function<Document, T> decoder) {
        Map<String, T> decoded = new HashMap<>();
        docs.forEach((id, doc) -> decoded.put(id, decoder.apply(doc)));
        return decoded;
    }

    private static <T> List<Document> encode(java.util.Collection<T> values, Function<T, Document> encoder) {
        List<Document> docs = new ArrayList<>(values.size());
        values.forEach(v -> docs.add(encoder.apply(v)));
        return docs;
    }
}
