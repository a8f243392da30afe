package org.balintobservatory.analytics.answer.group;

import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.readmodel.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A school's view of one of its own groups. */
@RestController
@RequestMapping("/api/v1/analytics/groups")
public class GroupAnalyticsController {

    private final ReadScopes scopes;

    public GroupAnalyticsController(ReadScopes scopes) {
        this.scopes = scopes;
    }

    /**
     * One group as the read models know it.
     *
     * @param members                  everyone ever enrolled
     * @param sessionsPerMonth         observed meeting frequency between the first and the last session
     * @param meanAttendancePerSession members present per session: the effective group size
     * @param attendanceRate           present records over all attendance records
     * @param meanDose                 sessions attended per member, over everyone ever enrolled
     * @param logPosition              the per-partition offsets this answer reflects
     * @param generation               the read-model generation that answered
     * @param release                  what the answer comes from: the school's live view
     */
    public record GroupReport(
            String groupId,
            String programmeId,
            LocalDate formedOn,
            GroupDesign design,
            List<GroupSummary.DesignPeriod> designHistory,
            int members,
            int activeMembers,
            int withdrawals,
            List<GroupSummary.MembersAt> membersOverTime,
            int sessionsHeld,
            List<LocalDate> sessionDates,
            Double sessionsPerMonth,
            int attendanceRecords,
            int present,
            int absent,
            int excused,
            Double meanAttendancePerSession,
            Double attendanceRate,
            Double meanDose,
            int casesPresented,
            Map<CaseTheme, Integer> themeCounts,
            Map<String, Long> logPosition,
            int generation,
            ReleaseLabel release) {
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{groupId}")
    GroupReport group(Caller caller, @PathVariable String groupId) {
        ReadScope scope = scopes.of(caller);
        GroupSummary s = scope.store().find(ReadModel.GROUPS, scope.institutionId() + "/" + groupId)
                .map(GroupSummaryDocuments::fromDocument)
                .filter(g -> g.groupId != null)
                .orElseThrow(() -> new NotFoundException("no group " + groupId + " in the read models yet"));
        return new GroupReport(s.groupId, s.programmeId, s.formedOn, s.design(), s.designHistory(),
                s.members.size(), s.activeMembers(), s.withdrawals(), s.membersOverTime(), s.sessionsHeld(),
                s.sessionDates(), s.sessionsPerMonth(), s.attendanceRecords(), s.count(AttendanceStatus.PRESENT),
                s.count(AttendanceStatus.ABSENT), s.count(AttendanceStatus.EXCUSED), s.meanAttendancePerSession(),
                s.attendanceRate(), s.meanDose(), s.casesPresented(), s.themeCounts(), scope.logPosition(),
                scope.generation(), scope.label());
    }
}
