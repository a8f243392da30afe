package org.balintobservatory.analytics.unit;

import com.mongodb.client.model.Filters;
import org.balintobservatory.analytics.group.GroupSummary;
import org.balintobservatory.analytics.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.programme.ProgrammeSummary;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.analytics.readmodel.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.ReadModel;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads analysis units from the read models: the stored paired moments of groups and programmes, merged
 * per institution and arm on request (Chan's formula), each with the moderators that describe it. Shared
 * by the units endpoint and the comparisons, so both answer from exactly the same units.
 */
@Component
public class UnitCatalogue {

    static final String INSTITUTION = "institution";

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
            PairedMoments moments,
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
        String storedLevel = level.equals(INSTITUTION) ? UnitKey.PROGRAMME : level;
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("level", storedLevel),
                Filters.eq("instrumentId", instrument), Filters.eq("scale", scale),
                Filters.eq("from", from.name()), Filters.eq("to", to.name())));
        if (caller.role() == Role.SCHOOL) {
            filters.add(Filters.eq("institutionId", caller.institutionId()));
        }
        List<Document> stored = store.find(ReadModel.UNITS, Filters.and(filters));
        Set<String> institutions = stored.stream().map(d -> d.getString("institutionId")).collect(Collectors.toSet());
        Map<String, GroupSummary> groups = byId(store.find(ReadModel.GROUPS, Filters.in("institutionId", institutions)),
                GroupSummaryDocuments::fromDocument, GroupSummary::aggregateId);
        Map<String, ProgrammeSummary> programmes = byId(store.find(ReadModel.PROGRAMMES,
                Filters.in("institutionId", institutions)), ProgrammeSummary::fromDocument, ProgrammeSummary::aggregateId);
        if (since != null || until != null) {
            stored = stored.stream().filter(doc -> {
                String unitId = doc.getString("unitId");
                GroupSummary group = groups.get(unitId);
                ProgrammeSummary programme = group != null
                        ? programmes.get(group.institutionId() + "/" + group.programmeId()) : programmes.get(unitId);
                LocalDate start = programme == null ? null : programme.startsOn();
                return start != null && (since == null || !start.isBefore(since))
                        && (until == null || !start.isAfter(until));
            }).toList();
        }

        List<UnitReport> units = new ArrayList<>();
        if (level.equals(INSTITUTION)) {
            Map<String, PairedMoments> merged = new TreeMap<>();
            Map<String, ScaleDirection> directions = new HashMap<>();
            for (Document doc : stored) {
                ProgrammeSummary programme = programmes.get(doc.getString("unitId"));
                Arm arm = programme == null ? null : programme.arm();
                String key = doc.getString("institutionId") + "|" + arm;
                merged.merge(key, UnitStatistics.momentsOf(doc), PairedMoments::merge);
                directions.put(key, direction(doc));
            }
            merged.forEach((key, moments) -> {
                String institution = key.substring(0, key.indexOf('|'));
                String arm = key.substring(key.indexOf('|') + 1);
                List<ProgrammeSummary> inArm = programmes.values().stream()
                        .filter(p -> institution.equals(p.institutionId()) && String.valueOf(p.arm()).equals(arm))
                        .toList();
                Set<String> programmeIds = inArm.stream().map(ProgrammeSummary::programmeId).collect(Collectors.toSet());
                List<GroupSummary> its = groups.values().stream().filter(g -> institution.equals(g.institutionId())
                        && programmeIds.contains(g.programmeId())).toList();
                units.add(report(institution, institution, directions.get(key), moments, describe(its, inArm)));
            });
        } else {
            for (Document doc : stored) {
                String unitId = doc.getString("unitId");
                List<GroupSummary> its;
                ProgrammeSummary programme;
                if (storedLevel.equals(UnitKey.GROUP)) {
                    GroupSummary group = groups.get(unitId);
                    its = group == null ? List.of() : List.of(group);
                    programme = group == null ? null
                            : programmes.get(group.institutionId() + "/" + group.programmeId());
                } else {
                    programme = programmes.get(unitId);
                    its = groups.values().stream().filter(g -> Objects.equals(g.institutionId() + "/" + g.programmeId(),
                            unitId)).toList();
                }
                units.add(report(unitId, doc.getString("institutionId"), direction(doc),
                        UnitStatistics.momentsOf(doc), describe(its, programme == null ? List.of() : List.of(programme))));
            }
        }
        return new Loaded(units, at, store.generation());
    }

    private static ScaleDirection direction(Document doc) {
        String value = doc.getString("direction");
        return value == null ? null : ScaleDirection.valueOf(value);
    }

    private static UnitReport report(String unitId, String institutionId, ScaleDirection direction,
                                     PairedMoments m, Moderators moderators) {
        return new UnitReport(unitId, institutionId, direction, m.n(), m.meanFrom(), m.sdFrom(), m.meanTo(), m.sdTo(),
                m.correlation(), m.meanChange(), m.sdChange(), m, moderators);
    }

    static Moderators describe(Collection<GroupSummary> groups, Collection<ProgrammeSummary> programmes) {
        List<GroupDesign> designs = groups.stream().map(GroupSummary::design).filter(Objects::nonNull).toList();
        return new Moderators(
                groups.size(),
                mean(designs, d -> (double) d.plannedSize()),
                common(designs, d -> d.facilitation().style().name()),
                mean(designs, d -> (double) d.facilitation().leaders()),
                common(designs, d -> d.facilitation().accreditedLeader()),
                common(designs, d -> d.meetingFrequency().name()),
                mean(groups, GroupSummary::sessionsPerMonth),
                common(designs, d -> d.format().name()),
                common(programmes, p -> p.participantType() == null ? null : p.participantType().name()),
                common(programmes, ProgrammeSummary::country),
                common(programmes, ProgrammeSummary::arm),
                mean(groups, GroupSummary::meanAttendancePerSession),
                mean(groups, GroupSummary::meanDose));
    }

    private static <T> Double mean(Collection<T> values, Function<T, Double> field) {
        List<Double> present = values.stream().map(field).filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static <T, V> V common(Collection<T> values, Function<T, V> field) {
        List<V> distinct = values.stream().map(field).distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : null;
    }

    private static <T> Map<String, T> byId(List<Document> docs, Function<Document, T> decoder, Function<T, String> id) {
        Map<String, T> found = new HashMap<>();
        docs.forEach(doc -> {
            T value = decoder.apply(doc);
            found.put(id.apply(value), value);
        });
        return found;
    }
}
