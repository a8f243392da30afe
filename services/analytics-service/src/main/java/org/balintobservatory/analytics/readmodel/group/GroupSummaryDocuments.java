package org.balintobservatory.analytics.readmodel.group;

import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.SessionFormat;
import org.bson.Document;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.balintobservatory.analytics.readmodel.store.Documents.date;
import static org.balintobservatory.analytics.readmodel.store.Documents.enumValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.instant;
import static org.balintobservatory.analytics.readmodel.store.Documents.integer;
import static org.balintobservatory.analytics.readmodel.store.Documents.list;
import static org.balintobservatory.analytics.readmodel.store.Documents.longValue;

/**
 * A {@link GroupSummary} as one MongoDB document keyed by the group's aggregate id, and each of its
 * {@link SessionRecord}s as one document keyed by {@link SessionRecord#id}.
 */
public final class GroupSummaryDocuments {

    private GroupSummaryDocuments() {
    }

    public static Document toDocument(GroupSummary s) {
        List<Document> history = new ArrayList<>();
        for (GroupSummary.DesignPeriod period : s.designHistory) {
            history.add(new Document("effectiveFrom", date(period.effectiveFrom())).append("design", design(period.design())));
        }
        List<Document> members = new ArrayList<>();
        s.members.forEach((id, m) -> members.add(new Document("participantId", id)
                .append("enrolledOn", date(m.enrolledOn)).append("withdrewOn", date(m.withdrewOn))));
        List<Document> doses = new ArrayList<>();
        s.doses.forEach((id, d) -> doses.add(new Document("participantId", id).append("present", d.present)
                .append("recorded", d.recorded)));
        List<Document> days = new ArrayList<>();
        s.tally.days.forEach((day, t) -> days.add(new Document("heldOn", date(day)).append("sessions", t.sessions())
                .append("present", t.present()).append("records", t.records())));
        Document sessions = new Document("held", s.tally.sessions)
                .append("attendance", counts(s.tally.attendance))
                .append("cases", s.tally.cases)
                .append("themes", counts(s.tally.themes))
                .append("days", days);
        return new Document("_id", s.aggregateId)
                .append("institutionId", s.institutionId)
                .append("groupId", s.groupId)
                .append("programmeId", s.programmeId)
                .append("formedOn", date(s.formedOn))
                .append("designHistory", history)
                .append("members", members)
                .append("doses", doses)
                .append("sessions", sessions)
                .append("lastSequence", s.lastSequence)
                .append("updatedAt", instant(s.updatedAt));
    }

    public static GroupSummary fromDocument(Document doc) {
        GroupSummary s = new GroupSummary(doc.getString("_id"));
        s.institutionId = doc.getString("institutionId");
        s.groupId = doc.getString("groupId");
        s.programmeId = doc.getString("programmeId");
        s.formedOn = date(doc, "formedOn");
        s.lastSequence = longValue(doc, "lastSequence", -1);
        s.updatedAt = instant(doc, "updatedAt");
        for (Document period : list(doc, "designHistory")) {
            s.designHistory.add(new GroupSummary.DesignPeriod(date(period, "effectiveFrom"),
                    design(period.get("design", Document.class))));
        }
        for (Document m : list(doc, "members")) {
            s.members.put(m.getString("participantId"),
                    new GroupSummary.Membership(date(m, "enrolledOn"), date(m, "withdrewOn")));
        }
        for (Document d : list(doc, "doses")) {
            s.doses.put(d.getString("participantId"),
                    new GroupSummary.Dose(d.getInteger("present", 0), d.getInteger("recorded", 0)));
        }
        // Format 2 kept a list of sessions here: until the rebuild at start replaces such a generation, its
        // groups answer without their sessions rather than not at all.
        if (doc.get("sessions") instanceof Document sessions) {
            s.tally.sessions = sessions.getInteger("held", 0);
            s.tally.attendance.putAll(counts(AttendanceStatus.class, sessions.get("attendance", Document.class)));
            s.tally.cases = sessions.getInteger("cases", 0);
            s.tally.themes.putAll(counts(CaseTheme.class, sessions.get("themes", Document.class)));
            for (Document day : list(sessions, "days")) {
                s.tally.days.put(date(day, "heldOn"), new GroupSummary.Day(day.getInteger("sessions", 0),
                        day.getInteger("present", 0), day.getInteger("records", 0)));
            }
        }
        return s;
    }

    public static Document toDocument(SessionRecord r) {
        List<Document> attendance = new ArrayList<>();
        r.attendance.forEach((p, status) -> attendance.add(
                new Document("participantId", p).append("status", status.name())));
        List<Document> cases = new ArrayList<>();
        r.cases.values().forEach(c -> cases.add(new Document("caseId", c.caseId())
                .append("presenterId", c.presenterId())
                .append("themes", c.themes().stream().map(Enum::name).toList())
                .append("emotionalIntensity", c.emotionalIntensity())));
        return new Document("_id", r.id)
                .append("heldOn", date(r.heldOn))
                .append("durationMinutes", r.durationMinutes)
                .append("format", r.format == null ? null : r.format.name())
                .append("leadersPresent", r.leadersPresent)
                .append("corrected", r.corrected)
                .append("voided", !r.counted)
                .append("attendance", attendance)
                .append("cases", cases)
                .append("lastSequence", r.lastSequence);
    }

    public static SessionRecord sessionFromDocument(Document doc) {
        SessionRecord r = new SessionRecord(doc.getString("_id"));
        r.heldOn = date(doc, "heldOn");
        r.durationMinutes = doc.getInteger("durationMinutes", 0);
        r.format = enumValue(SessionFormat.class, doc, "format");
        r.leadersPresent = doc.getInteger("leadersPresent", 0);
        r.corrected = doc.getBoolean("corrected", false);
        r.counted = !doc.getBoolean("voided", false);
        r.lastSequence = longValue(doc, "lastSequence", -1);
        for (Document a : list(doc, "attendance")) {
            r.attendance.put(a.getString("participantId"), AttendanceStatus.valueOf(a.getString("status")));
        }
        for (Document c : list(doc, "cases")) {
            r.cases.put(c.getString("caseId"), new GroupSummary.CaseRecord(c.getString("caseId"),
                    c.getString("presenterId"),
                    c.getList("themes", String.class).stream().map(CaseTheme::valueOf).toList(),
                    integer(c, "emotionalIntensity")));
        }
        return r;
    }

    /** Counts by an enum as a document whose fields are the constants' names (which hold no dots). */
    private static <E extends Enum<E>> Document counts(Map<E, Integer> counts) {
        Document doc = new Document();
        counts.forEach((key, n) -> doc.append(key.name(), n));
        return doc;
    }

    private static <E extends Enum<E>> Map<E, Integer> counts(Class<E> type, Document doc) {
        Map<E, Integer> counts = new EnumMap<>(type);
        if (doc != null) {
            doc.forEach((key, n) -> counts.put(Enum.valueOf(type, key), ((Number) n).intValue()));
        }
        return counts;
    }

    static Document design(GroupDesign d) {
        Facilitation f = d.facilitation();
        return new Document("plannedSize", d.plannedSize())
                .append("meetingFrequency", d.meetingFrequency().name())
                .append("sessionMinutes", d.sessionMinutes())
                .append("format", d.format().name())
                .append("facilitation", new Document("style", f.style().name())
                        .append("leaders", f.leaders())
                        .append("leaderBackgrounds", f.leaderBackgrounds().stream().map(Enum::name).toList())
                        .append("accreditedLeader", f.accreditedLeader()));
    }

    static GroupDesign design(Document design) {
        Document f = design.get("facilitation", Document.class);
        return new GroupDesign(design.getInteger("plannedSize"),
                MeetingFrequency.valueOf(design.getString("meetingFrequency")),
                design.getInteger("sessionMinutes"),
                SessionFormat.valueOf(design.getString("format")),
                new Facilitation(FacilitationStyle.valueOf(f.getString("style")), f.getInteger("leaders"),
                        f.getList("leaderBackgrounds", String.class).stream().map(LeaderBackground::valueOf).toList(),
                        f.getBoolean("accreditedLeader")));
    }
}
