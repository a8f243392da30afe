package org.balintobservatory.analytics.readmodel.institution;

import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.readmodel.store.Documents;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.GroupDesign;
import org.bson.Document;

import java.util.List;

import static org.balintobservatory.analytics.readmodel.store.Documents.integer;

/**
 * What analysis and a school's summary need to know of one group, without its history: the design in
 * force and the figures derived from its sessions, computed by the projection from the {@link GroupSummary}
 * after each change of the group.
 *
 * @param meanAttendance   members present per session (the effective group size), {@code null} before the
 *                         first session
 * @param attendanceRate   present records over all attendance records, {@code null} while there are none
 * @param sessionsPerMonth observed meeting frequency between the first and the last session
 * @param meanDose         sessions attended per member, over everyone ever enrolled
 * @param incompleteRegisters the sessions whose register leaves out a member enrolled by their day
 *                            ({@link GroupSummary#incompleteRegisters()}), for a school's list of what is missing
 */
public record GroupProfile(
        String groupId,
        String programmeId,
        Integer plannedSize,
        String meetingFrequency,
        String format,
        String facilitationStyle,
        Integer leaders,
        Boolean accreditedLeader,
        int members,
        int sessionsHeld,
        int present,
        int attendanceRecords,
        Double meanAttendance,
        Double attendanceRate,
        Double sessionsPerMonth,
        Double meanDose,
        List<GroupSummary.SessionRef> incompleteRegisters) {

    public static GroupProfile of(GroupSummary group) {
        GroupDesign d = group.design();
        return new GroupProfile(group.groupId(), group.programmeId(),
                d == null ? null : d.plannedSize(),
                d == null ? null : d.meetingFrequency().name(),
                d == null ? null : d.format().name(),
                d == null ? null : d.facilitation().style().name(),
                d == null ? null : d.facilitation().leaders(),
                d == null ? null : d.facilitation().accreditedLeader(),
                group.members().size(), group.sessionsHeld(), group.count(AttendanceStatus.PRESENT),
                group.attendanceRecords(), group.meanAttendancePerSession(), group.attendanceRate(),
                group.sessionsPerMonth(), group.meanDose(), group.incompleteRegisters());
    }

    Document toDocument() {
        Document doc = new Document("groupId", groupId)
                .append("programmeId", programmeId)
                .append("plannedSize", plannedSize)
                .append("meetingFrequency", meetingFrequency)
                .append("format", format)
                .append("facilitationStyle", facilitationStyle)
                .append("leaders", leaders)
                .append("accreditedLeader", accreditedLeader)
                .append("members", members)
                .append("sessionsHeld", sessionsHeld)
                .append("present", present)
                .append("attendanceRecords", attendanceRecords)
                .append("meanAttendance", meanAttendance)
                .append("attendanceRate", attendanceRate)
                .append("sessionsPerMonth", sessionsPerMonth)
                .append("meanDose", meanDose);
        // Written only when there are some: every comparison reads every profile, and most groups have none.
        if (!incompleteRegisters.isEmpty()) {
            doc.append("incompleteRegisters", incompleteRegisters.stream().map(r -> new Document("number", r.number())
                    .append("heldOn", Documents.date(r.heldOn()))).toList());
        }
        return doc;
    }

    static GroupProfile fromDocument(Document doc) {
        return new GroupProfile(doc.getString("groupId"), doc.getString("programmeId"), integer(doc, "plannedSize"),
                doc.getString("meetingFrequency"), doc.getString("format"), doc.getString("facilitationStyle"),
                integer(doc, "leaders"), doc.getBoolean("accreditedLeader"), doc.getInteger("members", 0),
                doc.getInteger("sessionsHeld", 0), doc.getInteger("present", 0), doc.getInteger("attendanceRecords", 0),
                number(doc, "meanAttendance"), number(doc, "attendanceRate"), number(doc, "sessionsPerMonth"),
                number(doc, "meanDose"), Documents.list(doc, "incompleteRegisters").stream()
                        .map(r -> new GroupSummary.SessionRef(r.getInteger("number"), Documents.date(r, "heldOn")))
                        .toList());
    }

    static Double number(Document doc, String field) {
        Object value = doc.get(field);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
