package org.balintobservatory.analytics.overview;

import com.mongodb.client.model.Filters;
import org.balintobservatory.analytics.comparison.ComparisonProperties;
import org.balintobservatory.analytics.group.GroupSummary;
import org.balintobservatory.analytics.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.analytics.readmodel.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.ReadModel;
import org.balintobservatory.analytics.unit.PairedMoments;
import org.balintobservatory.analytics.unit.UnitCatalogue;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.effectsize.EffectSizes;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.model.RandomEffectsModel;
import org.balintobservatory.metaanalysis.model.RandomEffectsResult;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.web.NotFoundException;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A school's own picture against the consortium: its groups' attendance and observed frequency next to
 * the consortium's means, and for every scale its pooled BASELINE → POST change (SMCR, REML) over its own
 * groups next to the consortium's. The consortium side is pooled with small cells suppressed, like any
 * cross-institution answer.
 */
@RestController
@RequestMapping("/api/v1/analytics/institutions")
public class InstitutionSummaryController {

    private static final Caller CONSORTIUM = new Caller("consortium-view", null, Role.RESEARCHER);

    private final Generations generations;
    private final UnitCatalogue units;
    private final ComparisonProperties privacy;

    public InstitutionSummaryController(Generations generations, UnitCatalogue units, ComparisonProperties privacy) {
        this.generations = generations;
        this.units = units;
        this.privacy = privacy;
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{institutionId}/summary")
    Map<String, Object> summary(Caller caller, @PathVariable String institutionId) {
        if (!institutionId.equals(caller.requireInstitution())) {
            // 404 rather than 403: "not yours" and "not there" stay indistinguishable.
            throw new NotFoundException("no summary of " + institutionId + " for this key");
        }
        MongoReadModelStore store = generations.activeStore();
        List<GroupSummary> all = store.find(ReadModel.GROUPS, Filters.empty()).stream()
                .map(GroupSummaryDocuments::fromDocument).toList();
        List<GroupSummary> own = all.stream().filter(g -> institutionId.equals(g.institutionId())).toList();

        List<Map<String, Object>> groups = new ArrayList<>();
        for (GroupSummary g : own) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("groupId", g.groupId());
            row.put("sessionsHeld", g.sessionsHeld());
            row.put("meanAttendancePerSession", g.meanAttendancePerSession());
            row.put("attendanceRate", g.attendanceRate());
            row.put("sessionsPerMonth", g.sessionsPerMonth());
            row.put("meanDose", g.meanDose());
            groups.add(row);
        }
        Map<String, Object> consortium = new LinkedHashMap<>();
        consortium.put("meanAttendancePerSession", mean(all, GroupSummary::meanAttendancePerSession));
        consortium.put("attendanceRate", mean(all, GroupSummary::attendanceRate));
        consortium.put("sessionsPerMonth", mean(all, GroupSummary::sessionsPerMonth));

        Map<String, Document> scales = new TreeMap<>();
        store.find(ReadModel.UNITS, Filters.and(Filters.eq("level", "group"), Filters.eq("from", "BASELINE"),
                Filters.eq("to", "POST"))).forEach(d -> scales.putIfAbsent(d.getString("instrumentId") + "|"
                + d.getString("scale"), d));
        List<Map<String, Object>> outcomes = new ArrayList<>();
        Map<String, Long> position = Map.of();
        int generation = store.generation();
        for (Document scale : scales.values()) {
            String instrument = scale.getString("instrumentId");
            String name = scale.getString("scale");
            UnitCatalogue.Loaded mine = units.load(caller, "group", instrument, name, Timepoint.BASELINE, Timepoint.POST);
            UnitCatalogue.Loaded everyone = units.load(CONSORTIUM, "group", instrument, name, Timepoint.BASELINE,
                    Timepoint.POST);
            position = everyone.logPosition();
            generation = everyone.generation();
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("instrument", instrument);
            outcome.put("scale", name);
            outcome.put("direction", scale.getString("direction"));
            outcome.put("from", Timepoint.BASELINE);
            outcome.put("to", Timepoint.POST);
            outcome.put("measure", "SMCR");
            outcome.put("method", "REML");
            outcome.put("own", pooled(mine.units()));
            outcome.put("consortium", pooled(everyone.units()));
            outcomes.add(outcome);
        }

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("institutionId", institutionId);
        answer.put("groups", groups);
        answer.put("consortium", consortium);
        answer.put("outcomes", outcomes);
        answer.put("minimumCellSize", privacy.minimumCellSize());
        answer.put("logPosition", position);
        answer.put("generation", generation);
        return answer;
    }

    private Map<String, Object> pooled(List<UnitCatalogue.UnitReport> reports) {
        List<EffectSize> effects = new ArrayList<>();
        for (UnitCatalogue.UnitReport report : reports) {
            PairedMoments m = report.moments();
            if (m.n() < privacy.minimumCellSize()) {
                continue;
            }
            EffectSize effect = EffectSizes.smcr(org.balintobservatory.metaanalysis.moments.PairedMoments.of(
                    new PairedMomentsState(m.n(), m.meanFrom(), m.meanTo(), m.m2From(), m.m2To(), m.coMoment())));
            if (effect.isComputable()) {
                effects.add(effect);
            }
        }
        RandomEffectsResult fit = RandomEffectsModel.fit(effects, ModelOptions.DEFAULTS);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("k", fit.k());
        result.put("estimate", finite(fit.estimate()));
        result.put("ciLower", finite(fit.ciLower()));
        result.put("ciUpper", finite(fit.ciUpper()));
        return result;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Double mean(List<GroupSummary> groups, Function<GroupSummary, Double> field) {
        return groups.stream().map(field).filter(Objects::nonNull).mapToDouble(Double::doubleValue).average()
                .stream().boxed().findFirst().orElse(null);
    }
}
