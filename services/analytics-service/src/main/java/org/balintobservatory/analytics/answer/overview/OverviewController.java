package org.balintobservatory.analytics.answer.overview;

import org.balintobservatory.analytics.readmodel.institution.InstitutionCatalogue;
import org.balintobservatory.analytics.readmodel.institution.InstitutionTotals;
import org.balintobservatory.analytics.readmodel.institution.MonthlyAttendance;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The consortium overview: how many institutions, groups, sessions and participants, attendance month by
 * month, and which scales and timepoints have paired scores. A school sees its own institution only, live;
 * researchers see the consortium as a data release has it (the latest unless one is named).
 *
 * <p>It reads the {@link InstitutionCatalogue} and one {@link InstitutionTotals} document per institution,
 * and adds them up.
 */
@RestController
@RequestMapping("/api/v1/analytics/overview")
public class OverviewController {

    private final ReadScopes scopes;

    public OverviewController(ReadScopes scopes) {
        this.scopes = scopes;
    }

    /** A scale with paired scores somewhere in the answer's scope. */
    public record Scale(String instrument, String scale, String direction) {
    }

    /**
     * @param institutions      institutions that registered a programme or formed a group
     * @param attendanceByMonth sessions held and attendance recorded per calendar month
     * @param timepoints        the timepoints that appear in some pair of scores
     * @param logPosition       the per-partition offsets this answer reflects
     * @param release           what the overview comes from: a data release, or a school's live view
     */
    public record Overview(int institutions, int groups, int sessions, int participants, List<String> countries,
                           List<MonthlyAttendance> attendanceByMonth, List<Scale> scales, List<Timepoint> timepoints,
                           Map<String, Long> logPosition, int generation, ReleaseLabel release) {
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping
    Overview overview(Caller caller, ReleaseChoice release) {
        ReadScope scope = scopes.of(caller, release);
        List<InstitutionTotals> totals = scope.live()
                ? scope.store().find(ReadModel.INSTITUTION_TOTALS, scope.institutionId()).stream()
                .map(InstitutionTotals::fromDocument).toList() : InstitutionCatalogue.totals(scope.store());

        int institutions = 0;
        int groups = 0;
        int sessions = 0;
        int participants = 0;
        TreeSet<String> countries = new TreeSet<>();
        TreeMap<String, MonthlyAttendance> months = new TreeMap<>();
        TreeMap<String, Scale> scales = new TreeMap<>();
        TreeSet<Timepoint> timepoints = new TreeSet<>();
        for (InstitutionTotals t : totals) {
            institutions += t.active() ? 1 : 0;
            groups += t.groups();
            sessions += t.sessions();
            participants += t.participants();
            countries.addAll(t.countries());
            t.months().forEach(m -> months.merge(m.month(), m, MonthlyAttendance::plus));
            for (InstitutionTotals.Table table : t.tables()) {
                scales.putIfAbsent(table.instrumentId() + "|" + table.scale(),
                        new Scale(table.instrumentId(), table.scale(), table.direction()));
                timepoints.add(table.from());
                timepoints.add(table.to());
            }
        }
        return new Overview(institutions, groups, sessions, participants, List.copyOf(countries),
                List.copyOf(months.values()), List.copyOf(scales.values()), List.copyOf(timepoints),
                scope.logPosition(), scope.generation(), scope.label());
    }
}
