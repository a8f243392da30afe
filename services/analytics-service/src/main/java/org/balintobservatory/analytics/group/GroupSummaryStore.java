package org.balintobservatory.analytics.group;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.SessionFormat;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Group summaries in MongoDB, one document per group keyed by the aggregate id in {@code _id}: read in
 * one {@code $in} query per batch and written back in one bulk write, the access pattern every MongoDB
 * (and the in-process stand-in) serves fast.
 */
@Component
public class GroupSummaryStore {

    static final String COLLECTION = "group_summaries";

    private final MongoCollection<Document> collection;

    public GroupSummaryStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    Map<String, GroupSummary> load(Collection<String> aggregateIds) {
        Map<String, GroupSummary> found = new HashMap<>();
        for (Document doc : collection.find(Filters.in("_id", aggregateIds))) {
            GroupSummary summary = fromDocument(doc);
            found.put(summary.aggregateId, summary);
        }
        return found;
    }

    Optional<GroupSummary> find(String aggregateId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", aggregateId)).first()).map(GroupSummaryStore::fromDocument);
    }

    void save(Collection<GroupSummary> summaries) {
        if (summaries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(summaries.size());
        for (GroupSummary summary : summaries) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", summary.aggregateId), toDocument(summary),
                    new ReplaceOptions().upsert(true)));
        }
        collection.bulkWrite(writes);
    }

    static Document toDocument(GroupSummary s) {
        List<Document> sessions = new ArrayList<>();
        s.sessions.forEach((id, session) -> {
            Document attendance = new Document();
            session.attendance.forEach((status, n) -> attendance.append(status.name(), n));
            sessions.add(new Document("sessionId", id)
                    .append("heldOn", session.heldOn == null ? null : session.heldOn.toString())
                    .append("attendance", attendance));
        });
        Document doc = new Document("_id", s.aggregateId)
                .append("institutionId", s.institutionId)
                .append("groupId", s.groupId)
                .append("programmeId", s.programmeId)
                .append("formedOn", s.formedOn == null ? null : s.formedOn.toString())
                .append("members", s.members)
                .append("sessions", sessions)
                .append("lastSequence", s.lastSequence)
                .append("updatedAt", s.updatedAt == null ? null : Date.from(s.updatedAt));
        if (s.design != null) {
            Facilitation f = s.design.facilitation();
            doc.append("design", new Document("plannedSize", s.design.plannedSize())
                    .append("meetingFrequency", s.design.meetingFrequency().name())
                    .append("sessionMinutes", s.design.sessionMinutes())
                    .append("format", s.design.format().name())
                    .append("facilitation", new Document("style", f.style().name())
                            .append("leaders", f.leaders())
                            .append("leaderBackgrounds", f.leaderBackgrounds().stream().map(Enum::name).toList())
                            .append("accreditedLeader", f.accreditedLeader())));
        }
        return doc;
    }

    static GroupSummary fromDocument(Document doc) {
        GroupSummary s = new GroupSummary(doc.getString("_id"));
        s.institutionId = doc.getString("institutionId");
        s.groupId = doc.getString("groupId");
        s.programmeId = doc.getString("programmeId");
        String formedOn = doc.getString("formedOn");
        s.formedOn = formedOn == null ? null : LocalDate.parse(formedOn);
        s.members = doc.getInteger("members", 0);
        s.lastSequence = ((Number) doc.get("lastSequence")).longValue();
        Date updatedAt = doc.getDate("updatedAt");
        s.updatedAt = updatedAt == null ? null : updatedAt.toInstant();
        for (Document session : doc.getList("sessions", Document.class, List.of())) {
            GroupSummary.Session restored = new GroupSummary.Session();
            String heldOn = session.getString("heldOn");
            restored.heldOn = heldOn == null ? null : LocalDate.parse(heldOn);
            Document attendance = session.get("attendance", Document.class);
            attendance.forEach((status, n) -> restored.attendance.put(AttendanceStatus.valueOf(status), ((Number) n).intValue()));
            s.sessions.put(session.getString("sessionId"), restored);
        }
        Document design = doc.get("design", Document.class);
        if (design != null) {
            Document f = design.get("facilitation", Document.class);
            s.design = new GroupDesign(design.getInteger("plannedSize"),
                    MeetingFrequency.valueOf(design.getString("meetingFrequency")),
                    design.getInteger("sessionMinutes"),
                    SessionFormat.valueOf(design.getString("format")),
                    new Facilitation(FacilitationStyle.valueOf(f.getString("style")), f.getInteger("leaders"),
                            f.getList("leaderBackgrounds", String.class).stream().map(LeaderBackground::valueOf).toList(),
                            f.getBoolean("accreditedLeader")));
        }
        return s;
    }
}
