package org.balintobservatory.analytics.answer.unit;

import org.balintobservatory.analytics.readmodel.institution.GroupProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionCatalogue;
import org.balintobservatory.analytics.readmodel.institution.InstitutionProfile;
import org.balintobservatory.analytics.readmodel.institution.ProgrammeProfile;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;
import org.balintobservatory.analytics.release.disclosure.ReleasePolicy;
import org.balintobservatory.analytics.release.disclosure.SuppressionPlan;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads analysis units from the query-shaped read models: the {@link UnitTable} of each institution for
 * the question asked, and each institution's {@link InstitutionProfile} for the moderators. Institutions
 * are merged from their programme units per institution and arm on request (Chan's formula). Shared by
 * the units endpoint and the comparisons, so both answer from exactly the same units.
 *
 * <p>Disclosure control: whatever the level asked, both stored levels of each institution are read, so
 * that the {@link SuppressionPlan} sees the whole nesting (group ⊂ programme ⊂ institution arm) and
 * withholds a unit at one level exactly when another level would give it away. Researchers see opaque
 * unit ids ({@link UnitIds}) and no moments; what is read, a data release or a school's own units live, is
 * the {@link ReadScope}'s to say.
 *
 * <p>Cost: the {@link InstitutionCatalogue} (one document), then two {@code $in} reads by {@code _id}
 * of at most three small documents per institution (two unit tables and the profile). What is read grows with the units reported, never
 * with the events behind them; no group history, participant or pair is read.
 */
@Component
public class UnitCatalogue {

    public static final String INSTITUTION = "institution";

    private final UnitIds unitIds;
    /**
     * Researchers' units by release and question, the most recently asked {@value #REMEMBERED}: a release
     * never changes, so neither does what it answers, and a researcher who pages, filters or changes the
     * moderator asks the same units again. Schools' live views are never kept.
     */
    private final Map<String, Loaded> released = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Loaded> eldest) {
                    return size() > REMEMBERED;
                }
            });

    static final int REMEMBERED = 32;

    public UnitCatalogue(UnitIds unitIds) {
        this.unitIds = unitIds;
    }

    /**
     * @param scope what the units were read from: a release, or a school's live view
     */
    public record Loaded(List<UnitReport> units, ReadScope scope) {
    }

    /**
     * The units of one scale between two timepoints in the scope: every institution's of a release, or a
     * school's own live.
     *
     * @param level {@code group}, {@code programme} or {@code institution}
     */
    public Loaded load(ReadScope scope, String level, String instrument, String scale, Timepoint from, Timepoint to) {
        return load(scope, level, instrument, scale, from, to, null, null);
    }

    /**
     * The same, limited to cohorts whose programme started within {@code [since, until]} (either may be
     * {@code null}): how a researcher compares, say, the programmes of one academic year.
     */
    public Loaded load(ReadScope scope, String level, String instrument, String scale, Timepoint from, Timepoint to,
                       LocalDate since, LocalDate until) {
        boolean researcher = !scope.live();
        String question = researcher ? String.join("|", String.valueOf(scope.release().id()), level, instrument,
                scale, from.name(), to.name(), String.valueOf(since), String.valueOf(until)) : null;
        if (researcher) {
            Loaded answered = released.get(question);
            if (answered != null) {
                return answered;
            }
        }
        MongoReadModelStore store = scope.store();
        int minCellSize = scope.minCellSize();
        List<String> institutions = researcher ? InstitutionCatalogue.read(store) : List.of(scope.institutionId());
        // Both levels of every institution: what may be shown at one level depends on the other.
        Map<String, UnitTable> groupTables = tables(store, institutions, UnitKey.GROUP, instrument, scale, from, to);
        Map<String, UnitTable> programmeTables = tables(store, institutions, UnitKey.PROGRAMME, instrument, scale,
                from, to);
        List<String> withData = institutions.stream()
                .filter(i -> groupTables.containsKey(i) || programmeTables.containsKey(i)).toList();
        Map<String, InstitutionProfile> profiles = new HashMap<>();
        store.load(ReadModel.INSTITUTIONS, withData)
                .forEach((id, doc) -> profiles.put(id, InstitutionProfile.fromDocument(doc)));

        List<UnitReport> units = new ArrayList<>();
        for (String institution : withData) {
            InstitutionProfile profile = profiles.getOrDefault(institution, new InstitutionProfile(institution));
            UnitTable groups = groupTables.getOrDefault(institution, new UnitTable(UnitKey.GROUP, instrument, scale,
                    from, to, institution));
            UnitTable programmes = programmeTables.getOrDefault(institution, new UnitTable(UnitKey.PROGRAMME,
                    instrument, scale, from, to, institution));
            Nesting nesting = new Nesting(profile, groups, programmes);
            Set<String> hidden = SuppressionPlan.hidden(nesting.units(), minCellSize);
            if (level.equals(INSTITUTION)) {
                units.addAll(institutionUnits(nesting, hidden, since, until, minCellSize));
                continue;
            }
            UnitTable table = level.equals(UnitKey.GROUP) ? groups : programmes;
            Map<String, PairedMomentsState> listed = new TreeMap<>(table.units());
            // Held back by the release with nothing published before: counted as withheld, with no figures.
            table.unpublished().forEach(unitId -> listed.putIfAbsent(unitId, new PairedMoments().state()));
            listed.forEach((unitId, moments) -> {
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
                    Withholding withholding = table.unpublished().contains(unitId) ? Withholding.HELD_BACK
                            : hidden.contains(Nesting.id(level, unitId)) ? Withholding.hidden(moments.n(), minCellSize)
                            : null;
                    units.add(report(unitId, institution, table.direction(), moments,
                            describe(its, programme == null ? List.of() : List.of(programme)),
                            table.heldBack().contains(unitId), withholding, month(table.completedOn(unitId))));
                }
            });
        }
        if (researcher) {
            units.replaceAll(u -> u.forResearchers(unitIds.opaque(level, u.unitId())));
        }
        units.sort(Comparator.comparing(u -> orderKey(level, u)));
        Loaded loaded = new Loaded(List.copyOf(units), scope);
        if (researcher) {
            released.put(question, loaded);
        }
        return loaded;
    }

    /**
     * Where a unit stands in every answer's order, whatever the order of the tables: its id, and for an
     * institution its id and arm.
     */
    public static String orderKey(String level, UnitReport unit) {
        return level.equals(INSTITUTION) ? unit.unitId() + "|" + unit.moderators().arm() : unit.unitId();
    }

    /** Each institution's table of one level for the question, by institution id. */
    private static Map<String, UnitTable> tables(MongoReadModelStore store, List<String> institutions, String level,
                                                 String instrument, String scale, Timepoint from, Timepoint to) {
        List<String> ids = institutions.stream().map(i -> UnitTable.id(level, instrument, scale, from, to, i)).toList();
        Map<String, UnitTable> tables = new TreeMap<>();
        store.load(ReadModel.UNIT_TABLES, ids).values().forEach(doc -> {
            UnitTable table = UnitTable.fromDocument(doc);
            tables.put(table.institutionId(), table);
        });
        return tables;
    }

    /**
     * An institution's programme units merged per arm, one unit each. With a date filter only the visible
     * programmes that started within it are merged, so that two filters differ by visible programmes and
     * the unfiltered arm differs from any of them by a residual the suppression plan keeps at 0 or ≥ t.
     */
    private static List<UnitReport> institutionUnits(Nesting nesting, Set<String> hidden, LocalDate since,
                                                     LocalDate until, int minCellSize) {
        boolean filtered = since != null || until != null;
        InstitutionProfile profile = nesting.profile();
        Map<String, PairedMoments> merged = new TreeMap<>();
        Map<String, LocalDate> completed = new HashMap<>();
        Set<String> heldArms = new HashSet<>();
        nesting.programmes().units().forEach((unitId, moments) -> {
            ProgrammeProfile programme = profile.programmes().get(unitId.substring(unitId.indexOf('/') + 1));
            boolean counted = !filtered || (startedWithin(programme, since, until)
                    && !hidden.contains(Nesting.id(UnitKey.PROGRAMME, unitId)));
            if (counted) {
                merged.computeIfAbsent(Nesting.arm(programme), k -> new PairedMoments())
                        .combine(PairedMoments.of(moments));
                LocalDate day = nesting.programmes().completedOn(unitId);
                if (day != null) {
                    completed.merge(Nesting.arm(programme), day, (a, b) -> a.isBefore(b) ? a : b);
                }
                if (nesting.programmes().heldBack().contains(unitId)) {
                    heldArms.add(Nesting.arm(programme));
                }
            }
        });
        List<UnitReport> units = new ArrayList<>();
        merged.forEach((arm, moments) -> {
            List<ProgrammeProfile> inArm = profile.programmes().values().stream()
                    .filter(p -> Nesting.arm(p).equals(arm)).toList();
            List<String> programmeIds = inArm.stream().map(ProgrammeProfile::programmeId).toList();
            List<GroupProfile> its = profile.groups().values().stream()
                    .filter(g -> programmeIds.contains(g.programmeId())).toList();
            Withholding withheld = filtered ? (moments.count() < minCellSize ? Withholding.BELOW_THRESHOLD : null)
                    : hidden.contains(Nesting.armId(profile.institutionId(), arm))
                    ? Withholding.hidden(moments.count(), minCellSize) : null;
            units.add(report(profile.institutionId(), profile.institutionId(), nesting.programmes().direction(),
                    moments.state(), describe(its, inArm), heldArms.contains(arm), withheld, month(completed.get(arm))));
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
                                     PairedMomentsState state, Moderators moderators, boolean heldBack,
                                     Withholding withheld, YearMonth completedIn) {
        PairedMoments m = PairedMoments.of(state);
        return new UnitReport(unitId, institutionId, direction, m.count(), state.meanFrom(), finite(m.sdFrom()),
                state.meanTo(), finite(m.sdTo()), finite(m.correlation()), state.meanTo() - state.meanFrom(),
                finite(m.sdChange()), state, moderators, heldBack ? ReleasePolicy.HELD_BACK : null, withheld, state,
                completedIn);
    }

    /**
     * The month of a unit's completion day: the resolution every answer has. The day is when one participant
     * completed a questionnaire; the month is, in a group that fills in its post questionnaire together, the
     * month of that meeting, a fact about the group's calendar rather than about a person.
     */
    private static YearMonth month(LocalDate day) {
        return day == null ? null : YearMonth.from(day);
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
                mean(groups, GroupProfile::meanDose),
                programmes.stream().map(ProgrammeProfile::startsOn).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null));
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
