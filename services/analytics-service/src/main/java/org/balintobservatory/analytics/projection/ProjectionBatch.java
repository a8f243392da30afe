package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.readmodel.institution.InstitutionTotals;
import org.balintobservatory.analytics.readmodel.participant.ParticipantRecord;
import org.balintobservatory.analytics.readmodel.programme.ProgrammeSummary;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.store.ReadModelStore;
import org.balintobservatory.analytics.readmodel.unit.PairContribution;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.contract.survey.SurveyResponseEvent;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One batch on its way through the handlers: its events sorted by the stream they belong to, the store, and
 * what a handler found that a later one builds on (the groups and programmes that changed, the members a
 * group event touched, the participants and their pairs before the batch).
 */
final class ProjectionBatch {

    final ReadModelStore store;
    /** Events of programme aggregates, in batch order. */
    final List<ConsumedEvent> programmeEvents = new ArrayList<>();
    /** Events of group aggregates, in batch order. */
    final List<ConsumedEvent> groupEvents = new ArrayList<>();
    /** Events of survey response aggregates, in batch order. */
    final List<ConsumedEvent> surveyEvents = new ArrayList<>();

    final Map<String, GroupSummary> groups = new HashMap<>();
    final Set<GroupSummary> changedGroups = new LinkedHashSet<>();
    /** Per group aggregate, the members whose membership or dose its events may have changed. */
    final Map<String, Set<String>> touchedMembers = new LinkedHashMap<>();
    final Set<ProgrammeSummary> changedProgrammes = new LinkedHashSet<>();

    final Map<String, ParticipantRecord> participants = new HashMap<>();
    /** Each loaded or created participant's pairs as they were before the batch. */
    final Map<String, Map<String, PairContribution>> pairsBefore = new HashMap<>();
    /** Participants the read models had not seen before this batch. */
    final Set<String> unseen = new HashSet<>();
    final Set<String> changedParticipants = new TreeSet<>();
    /** Per institution, the group tables (instrument, scale, timepoints) the batch touched. */
    final Map<String, List<InstitutionTotals.Table>> scalesSeen = new TreeMap<>();

    ProjectionBatch(List<ConsumedEvent> events, ReadModelStore store) {
        this.store = store;
        for (ConsumedEvent event : events) {
            // Aggregate ids are unique per service only: the payload type says whose stream an event is in.
            Object payload = event.payload();
            if (payload instanceof ProgrammeRegisteredEvent) {
                programmeEvents.add(event);
            } else if (payload instanceof SurveyResponseEvent) {
                surveyEvents.add(event);
            } else if (EventCatalogue.forPayload(payload.getClass())
                    .map(type -> type.topic().equals(Topics.GROUP_EVENTS)).orElse(false)) {
                groupEvents.add(event);
            }
        }
    }

    /** The participant with this key: loaded, or new and remembered as unseen. */
    ParticipantRecord participant(String key) {
        return participants.computeIfAbsent(key, k -> {
            pairsBefore.put(k, Map.of());
            unseen.add(k);
            return new ParticipantRecord(k);
        });
    }

    /** Loads documents and decodes them, by id. */
    <T> Map<String, T> load(ReadModel model, Collection<String> ids, Function<Document, T> decoder) {
        Map<String, T> decoded = new HashMap<>();
        store.load(model, ids).forEach((id, doc) -> decoded.put(id, decoder.apply(doc)));
        return decoded;
    }

    /** Encodes documents and writes them. */
    <T> void write(ReadModel model, Collection<T> values, Function<T, Document> encoder) {
        List<Document> docs = new ArrayList<>(values.size());
        values.forEach(v -> docs.add(encoder.apply(v)));
        store.write(model, docs);
    }

    static String institutionOf(String aggregateId) {
        return aggregateId.substring(0, aggregateId.indexOf('/'));
    }
}
