package org.balintobservatory.analytics.unit;

import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.institution.GroupProfile;
import org.balintobservatory.analytics.institution.InstitutionCatalogue;
import org.balintobservatory.analytics.institution.InstitutionProfile;
import org.balintobservatory.analytics.institution.ProgrammeProfile;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.analytics.readmodel.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.ReadModel;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads analysis units from the query-shaped read models: the {@link UnitTable} of each institution for
 * the question asked, and each institution's {@link InstitutionProfile} for the moderators. Institutions
 * are merged from their programme units per institution and arm on request (Chan's formula). Shared by
 * the units endpoint and the comparisons, so both answer from exactly the same units.
 *
 * <p>Cost: the {@link InstitutionCatalogue} (one document), then two {@code $in} reads by {@code _id}
 * of at most one small document per institution each. What is read grows with the units reported, never
 * with the events behind them; no group history, participant or pair is read.
 */
@Component
public class UnitCatalogue {

    public static final String INSTITUTION = "institution";

    private final Generations generations;
    private final LogPosition position;

    public UnitCatalogue(Generations generations, LogPosition position) {
        this.generations = generations;
        this.position = position;
    }

    /**
     * What describes a unit. Categorical moderators of a programme or institution are given only when
     * all its groups agree; numeric ones are means over its groups.
     *
     * @param meanAttendance   members present per session (the effective group size)
     * @param sessionsPerMonth observed meeting frequency
     * @param meanDose         sessions attended per member
     */
    public record Moderators(
            Integer groups,
            Double plannedSize,
            String facilitationStyle,
            Double leaders,
            Boolean accreditedLeader,
            String meetingFrequency,
            Double sessionsPerMonth,
            String format,
            String participantType,
            String country,
            Arm arm,
            Double meanAttendance,
            Double meanDose) {
    }

    /**
     * One unit's paired statistics.
     *
     * @param unitId      {@code institutionId/localId} for groups and programmes, {@code institutionId} for
     *                    institutions
     * @param correlation Pearson's r between the two timepoints, {@code null} below two pairs
     * @param moments     the raw moments, so a client can pool units exactly
     */
    public record UnitReport(
            String unitId,
            String institutionId,
            ScaleDirection direction,
            long n,
            double meanFrom,
            Double sdFrom,
            double meanTo,
            Double sdTo,
            Double correlation,
            double meanChange,
            Double sdChange,
            PairedMomentsState moments,
            Moderators moderators) {
    }

    /**
     * @param logPosition the per-partition offsets the units reflect
     */
    public record Loaded(List<UnitReport> units, Map<String, Long> logPosition, int generation) {
    }

    /**
     * The units of one scale between two timepoints the caller may see: a school only its own institution's.
     *
     * @param level {@code group}, {@code programme} or {@code institution}
     */
    public Loaded load(Caller caller, String level, String instrument, String scale, Timepoint from, Timepoint to) {
        return load(caller, level, instrument, scale, from, to, null, null);
    }

    /**
     * The same, limited to cohorts whose programme started within {@code [since, until]} (either may be
     * {@code null}): how a researcher compares, say, the programmes of one academic year.
     */
    public Loaded load(Caller caller, String level, String instrument, String scale, Timepoint from, Timepoint to,
                       LocalDate since, LocalDate until) {
        Map<String, Long> at = position.snapshot();
        MongoReadModelStore store = generations.activeStore();
        List<UnitTable> tables = tables(store, caller, level.equals(INSTITUTION) ? UnitKey.PROGRAMME : level,
                instrument, scale, from, to);
        Map<String, InstitutionProfile> profiles = new HashMap<>();
        store.load(ReadModel.INSTITUTIONS, tables.stream().map(UnitTable::institutionId).toList())
                .forEach((id, doc) -> profiles.put(id, InstitutionProfile.fromDocument(doc)));

        List<UnitReport> units = new ArrayList<>();
        for (UnitTable table : tables) {
            InstitutionProfile profile = profiles.getOrDefault(table.institutionId(),
                    new InstitutionProfile(table.institutionId()));
            if (level.equals(INSTITUTION)) {
                units.addAll(institutionUnits(table, profile, since, until));
                continue;
            }
            table.units().forEach((unitId, moments) -> {
                String localId = unitId.substring(unitId.indexOf('/') + 1);
                List<GroupProfile> its;
                ProgrammeProfile programme;
                if (level.equals(UnitKey.GROUP)) {
                    GroupProfile group = profile.groups().get(localId);
                    its = group == null ? List.of() : List.of(group);
                    programme = group == null ? null : profile.programmes().get(group.programmeId());
                } else {
                    programme = profile.programmes().get(localId);
                    its = profile.groups().values().stream().filter(g -> localId.equals(g.programmeId())).toList();
                }
                if (startedWithin(programme, since, until)) {
                    units.add(report(unitId, table.institutionId(), table.direction(), moments,
                            describe(its, programme == null ? List.of() : List.of(programme))));
                }
            });
        }
        units.sort(Comparator.comparing(u -> orderKey(level, u)));
        return new Loaded(units, at, store.generation());
    }

    /**
     * Where a unit stands in every answer's order, whatever the order of the tables: its id, and for an
     * institution its id and arm.
     */
    public static String orderKey(String level, UnitReport unit) {
        return level.equals(INSTITUTION) ? unit.unitId() + "|" + unit.moderators().arm() : unit.unitId();
    }

    /**
     * Only the moments of the units of one level, in unit id order, for callers that pool them without
     * moderators.
     *
     * @param institutionId one institution, or {@code null} for every institution
     */
    public List<PairedMomentsState> moments(String institutionId, String level, String instrument, String scale,
                                            Timepoint from, Timepoint to) {
        MongoReadModelStore store = generations.activeStore();
        List<String> institutions = institutionId == null ? allInstitutions(store) : List.of(institutionId);
        Map<String, PairedMomentsState> moments = new TreeMap<>();
        for (UnitTable table : tables(store, institutions, level, instrument, scale, from, to)) {
            moments.putAll(table.units());
        }
        return List.copyOf(moments.values());
    }

    private static List<UnitTable> tables(MongoReadModelStore store, Caller caller, String level, String instrument,
                                          String scale, Timepoint from, Timepoint to) {
        List<String> institutions = caller.role() == Role.SCHOOL ? List.of(caller.requireInstitution())
                : allInstitutions(store);
        return tables(store, institutions, level, instrument, scale, from, to);
    }

    private static List<UnitTable> tables(MongoReadModelStore store, List<String> institutions, String level,
                                          String instrument, String scale, Timepoint from, Timepoint to) {
        List<String> ids = institutions.stream().map(i -> UnitTable.id(level, instrument, scale, from, to, i)).toList();
        TreeMap<String, UnitTable> tables = new TreeMap<>();
        store.load(ReadModel.UNIT_TABLES, ids).values().forEach(doc -> {
            UnitTable table = UnitTable.fromDocument(doc);
            tables.put(table.institutionId(), table);
        });
        return List.copyOf(tables.values());
    }

    private static List<String> allInstitutions(MongoReadModelStore store) {
        return InstitutionCatalogue.read(store);
    }

    /** An institution's programme units merged per arm, one unit each. */
    private static List<UnitReport> institutionUnits(UnitTable table, InstitutionProfile profile, LocalDate since,
                                                     LocalDate until) {
        Map<String, PairedMoments> merged = new TreeMap<>();
        table.units().forEach((unitId, moments) -> {
            ProgrammeProfile programme = profile.programmes().get(unitId.substring(unitId.indexOf('/') + 1));
            if (startedWithin(programme, since, until)) {
                merged.computeIfAbsent(String.valueOf(programme == null ? null : programme.arm()),
                        k -> new PairedMoments()).combine(PairedMoments.of(moments));
            }
        });
        List<UnitReport> units = new ArrayList<>();
        merged.forEach((arm, moments) -> {
            List<ProgrammeProfile> inArm = profile.programmes().values().stream()
                    .filter(p -> String.valueOf(p.arm()).equals(arm)).toList();
            List<String> programmeIds = inArm.stream().map(ProgrammeProfile::programmeId).toList();
            List<GroupProfile> its = profile.groups().values().stream()
                    .filter(g -> programmeIds.contains(g.programmeId())).toList();
            units.add(report(table.institutionId(), table.institutionId(), table.direction(), moments.state(),
                    describe(its, inArm)));
        });
        return units;
    }

    private static boolean startedWithin(ProgrammeProfile programme, LocalDate since, LocalDate until) {
        if (since == null && until == null) {
            return true;
        }
        LocalDate start = programme == null ? null : programme.startsOn();
        return start != null && (since == null || !start.isBefore(since)) && (until == null || !start.isAfter(until));
    }

    private static UnitReport report(String unitId, String institutionId, ScaleDirection direction,
                                     PairedMomentsState state, Moderators moderators) {
        PairedMoments m = PairedMoments.of(state);
        return new UnitReport(unitId, institutionId, direction, m.count(), state.meanFrom(), finite(m.sdFrom()),
                state.meanTo(), finite(m.sdTo()), finite(m.correlation()), state.meanTo() - state.meanFrom(),
                finite(m.sdChange()), state, moderators);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static Moderators describe(Collection<GroupProfile> groups, Collection<ProgrammeProfile> programmes) {
        List<GroupProfile> designed = groups.stream().filter(g -> g.plannedSize() != null).toList();
        return new Moderators(
                groups.size(),
                mean(designed, g -> (double) g.plannedSize()),
                common(designed, GroupProfile::facilitationStyle),
                mean(designed, g -> (double) g.leaders()),
                common(designed, GroupProfile::accreditedLeader),
                common(designed, GroupProfile::meetingFrequency),
                mean(groups, GroupProfile::sessionsPerMonth),
                common(designed, GroupProfile::format),
                common(programmes, p -> p.participantType() == null ? null : p.participantType().name()),
                common(programmes, ProgrammeProfile::country),
                common(programmes, ProgrammeProfile::arm),
                mean(groups, GroupProfile::meanAttendance),
                mean(groups, GroupProfile::meanDose));
    }

    private static <T> Double mean(Collection<T> values, Function<T, Double> field) {
        List<Double> present = values.stream().map(field).filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static <T, V> V common(Collection<T> values, Function<T, V> field) {
        List<V> distinct = values.stream().map(field).distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : null;
    }
}
