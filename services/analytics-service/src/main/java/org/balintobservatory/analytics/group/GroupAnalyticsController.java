package org.balintobservatory.analytics.group;

import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.support.web.Caller;
import org.balintobservatory.support.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A school's view of one of its own groups. */
@RestController
@RequestMapping("/api/v1/analytics/groups")
public class GroupAnalyticsController {

    private final GroupSummaryStore store;
    private final LogPosition position;

    public GroupAnalyticsController(GroupSummaryStore store, LogPosition position) {
        this.store = store;
        this.position = position;
    }

    /**
     * Attendance of one group.
     *
     * @param logPosition the per-partition offsets this answer reflects
     */
    public record GroupAttendance(
            String groupId,
            String programmeId,
            int members,
            int sessionsHeld,
            int attendanceRecords,
            int present,
            int absent,
            int excused,
            Double meanAttendancePerSession,
            Double attendanceRate,
            Map<String, Long> logPosition) {
    }

    @GetMapping("/{groupId}")
    GroupAttendance group(Caller caller, @PathVariable String groupId) {
        Map<String, Long> at = position.snapshot();
        GroupSummary s = store.find(caller.institutionId() + "/" + groupId)
                .orElseThrow(() -> new NotFoundException("no group " + groupId + " in the read models yet"));
        int present = s.count(AttendanceStatus.PRESENT);
        int records = s.attendanceRecords();
        return new GroupAttendance(s.groupId, s.programmeId, s.members, s.sessionsHeld(), records, present,
                s.count(AttendanceStatus.ABSENT), s.count(AttendanceStatus.EXCUSED),
                s.sessionsHeld() == 0 ? null : (double) present / s.sessionsHeld(),
                records == 0 ? null : (double) present / records, at);
    }
}
