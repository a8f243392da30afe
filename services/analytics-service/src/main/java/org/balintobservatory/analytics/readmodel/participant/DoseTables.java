package org.balintobservatory.analytics.readmodel.participant;

import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.unit.PairContribution;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.balintobservatory.analytics.readmodel.store.Documents.doubleValue;

/**
 * Each group's participants' paired scores summed by sessions attended ({@link DoseMoments}), per institution
 * and question, under the id of the institution's group {@code UnitTable} for that question.
 *
 * <p>A participant counts in a group exactly where their pair counts in the group's unit statistics
 * ({@link ParticipantRecord#contributions()}), so a group has the same participants here as in its unit table;
 * their dose is the sessions they attended in that group, 0 when its attendance never named them.
 *
 * <p>A school's live view computes them from the institution's participant documents; a data release stores
 * them when it is cut, so that a release answers from the participants as they were then.
 */
public final class DoseTables {

    private static final int PARTICIPANTS_PER_READ = 500;

    private DoseTables() {
    }

    /** Every group's dose moments of every question, by group table id, then group unit id. */
    public static Map<String, Map<String, DoseMoments>> of(Collection<ParticipantRecord> participants) {
        Map<String, Map<String, DoseMoments>> tables = new TreeMap<>();
        for (ParticipantRecord p : participants) {
            Map<String, Integer> doses = new HashMap<>();
            p.memberships().values().forEach(m -> doses.merge(m.groupId(), m.sessionsAttended(), Math::max));
            for (PairContribution pair : p.contributions().values()) {
                UnitKey unit = pair.unit();
                if (!unit.level().equals(UnitKey.GROUP)) {
                    continue;
                }
                String groupId = unit.unitId().substring(unit.unitId().indexOf('/') + 1);
                tables.computeIfAbsent(unit.tableId(), k -> new TreeMap<>())
                        .computeIfAbsent(unit.unitId(), k -> new DoseMoments())
                        .add(doses.getOrDefault(groupId, 0), pair.from(), pair.to());
            }
        }
        return tables;
    }

    /** An institution's participants, read by the ids its participant directory lists, a few hundred at a time. */
    public static List<ParticipantRecord> participants(MongoReadModelStore store, String institutionId) {
        List<String> ids = store.find(ReadModel.PARTICIPANT_DIRECTORY, institutionId)
                .map(d -> d.getList("participants", String.class, List.of())).orElse(List.of());
        List<ParticipantRecord> participants = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += PARTICIPANTS_PER_READ) {
            List<String> keys = ids.subList(from, Math.min(ids.size(), from + PARTICIPANTS_PER_READ)).stream()
                    .map(id -> ParticipantRecord.key(institutionId, id)).toList();
            store.load(ReadModel.PARTICIPANTS, keys).values()
                    .forEach(doc -> participants.add(ParticipantRecord.fromDocument(doc)));
        }
        return participants;
    }

    /** The stored tables of those ids, by table id, then group unit id. */
    public static Map<String, Map<String, DoseMoments>> read(MongoReadModelStore store, Collection<String> tableIds) {
        Map<String, Map<String, DoseMoments>> tables = new HashMap<>();
        store.load(ReadModel.DOSE_TABLES, tableIds).forEach((id, doc) -> tables.put(id, fromDocument(doc)));
        return tables;
    }

    public static Document toDocument(String tableId, Map<String, DoseMoments> groups) {
        List<Document> entries = new ArrayList<>();
        new TreeMap<>(groups).forEach((unitId, moments) -> {
            List<Document> cells = new ArrayList<>();
            moments.cells().forEach((dose, c) -> cells.add(new Document("dose", dose).append("n", c.n())
                    .append("sumX", c.sumX()).append("sumXX", c.sumXX()).append("sumY", c.sumY())
                    .append("sumYY", c.sumYY()).append("sumXY", c.sumXY())));
            entries.add(new Document("unit", unitId).append("cells", cells));
        });
        return new Document("_id", tableId).append("groups", entries);
    }

    public static Map<String, DoseMoments> fromDocument(Document doc) {
        Map<String, DoseMoments> groups = new TreeMap<>();
        for (Document entry : doc.getList("groups", Document.class, List.of())) {
            DoseMoments moments = new DoseMoments();
            for (Document c : entry.getList("cells", Document.class, List.of())) {
                moments.add(c.getInteger("dose"), new DoseMoments.Cell(((Number) c.get("n")).longValue(),
                        doubleValue(c, "sumX"), doubleValue(c, "sumXX"), doubleValue(c, "sumY"),
                        doubleValue(c, "sumYY"), doubleValue(c, "sumXY")));
            }
            groups.put(entry.getString("unit"), moments);
        }
        return groups;
    }
}
