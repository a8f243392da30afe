package org.balintobservatory.analytics.group;

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
import java.util.List;

import static org.balintobservatory.analytics.readmodel.Documents.date;
import static org.balintobservatory.analytics.readmodel.Documents.enumValue;
import static org.balintobservatory.analytics.readmodel.Documents.instant;
import static org.balintobservatory.analytics.readmodel.Documents.integer;
import static org.balintobservatory.analytics.readmodel.Documents.list;
import static org.balintobservatory.analytics.readmodel.Documents.longValue;

/** A {@link GroupSummary} as one MongoDB document keyed by the group's aggregate id. */
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
        List<Document> sessions = new ArrayList<>();
        s.sessions.forEach((id, session) -> {
            List<Document> attendance = new ArrayList<>();
            session.attendance.forEach((p, status) -> attendance.add(
                    new Document("participantId", p).append("status", status.name())));
            List<Document> cases = new ArrayList<>();
            session.cases.values().forEach(c -> cases.add(new Document("caseId", c.caseId())
                    .append("presenterId", c.presenterId())
                    .append("themes", c.themes().stream().map(Enum::name).toList())
                    .append("emotionalIntensity", c.emotionalIntensity())));
            sessions.add(new Document("sessionId", id)
                    .append("heldOn", date(session.heldOn))
                    .append("durationMinutes", session.durationMinutes)
                    .append("format", session.format == null ? null : session.format.name())
                    .append("leadersPresent", session.leadersPresent)
                    .append("corrected", session.corrected)
                    .append("attendance", attendance)
                    .append("cases", cases));
        });
        return new Document("_id", s.aggregateId)
                .append("institutionId", s.institutionId)
                .append("groupId", s.groupId)
                .append("programmeId", s.programmeId)
                .append("formedOn", date(s.formedOn))
                .append("designHistory", history)
                .append("members", members)
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
        for (Document stored : list(doc, "sessions")) {
            GroupSummary.Session session = new GroupSummary.Session();
            session.heldOn = date(stored, "heldOn");
            session.durationMinutes = stored.getInteger("durationMinutes", 0);
            session.format = enumValue(SessionFormat.class, stored, "format");
            session.leadersPresent = stored.getInteger("leadersPresent", 0);
            session.corrected = stored.getBoolean("corrected", false);
            for (Document a : list(stored, "attendance")) {
                session.attendance.put(a.getString("participantId"), AttendanceStatus.valueOf(a.getString("status")));
            }
            for (Document c : list(stored, "cases")) {
                session.cases.put(c.getString("caseId"), new GroupSummary.CaseRecord(c.getString("caseId"),
                        c.getString("presenterId"),
                        c.getList("themes", String.class).stream().map(CaseTheme::valueOf).toList(),
                        integer(c, "emotionalIntensity")));
            }
            s.sessions.put(stored.getString("sessionId"), session);
        }
        return s;
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
