package org.balintobservatory.analytics.answer.overview;

import org.balintobservatory.analytics.answer.unit.UnitCatalogue;
import org.balintobservatory.analytics.answer.unit.UnitReport;
import org.balintobservatory.analytics.readmodel.institution.GroupProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionCatalogue;
import org.balintobservatory.analytics.readmodel.institution.InstitutionProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionTotals;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.effectsize.EffectSizes;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A school's own picture against the consortium: its groups' attendance and observed frequency next to
 * the consortium's means, and for every scale its pooled BASELINE → POST change (SMCR, REML) over its own
 * groups next to the consortium's. The consortium side is pooled with small cells suppressed, like any
 * cross-institution answer.
 *
 * <p>It reads the school's {@link InstitutionProfile}, every institution's {@link InstitutionTotals}, and
 * per scale the group-level unit tables: what grows with institutions and units, never with events.
 */
@RestController
@RequestMapping("/api/v1/analytics/institutions")
public class InstitutionSummaryController {

    private final ReadScopes scopes;
    private final UnitCatalogue units;

    public InstitutionSummaryController(ReadScopes scopes, UnitCatalogue units) {
        this.scopes = scopes;
        this.units = units;
    }

    /** One of the school's groups. */
    public record GroupRow(String groupId, int sessionsHeld, Double meanAttendancePerSession, Double attendanceRate,
                           Double sessionsPerMonth, Double meanDose) {
    }

    /** Means over every group of the consortium. */
    public record ConsortiumMeans(Double meanAttendancePerSession, Double attendanceRate, Double sessionsPerMonth) {
    }

    /** A random-effects pool of group effects: how many, the estimate and its 95% confidence interval. */
    public record Pooled(int k, Double estimate, Double ciLower, Double ciUpper) {
    }

    public record Outcome(String instrument, String scale, String direction, Timepoint from, Timepoint to,
                          String measure, String method, Pooled own, Pooled consortium) {
    }

    /**
     * @param logPosition the per-partition offsets the school's own figures reflect
     * @param release            what the school's own figures come from: its live view
     * @param consortiumRelease the data release the consortium's figures come from; {@code null} before the first
     */
    public record Summary(String institutionId, List<GroupRow> groups, ConsortiumMeans consortium,
                          List<Outcome> outcomes, int minimumCellSize, Map<String, Long> logPosition, int generation,
                          ReleaseLabel release, ReleaseLabel consortiumRelease) {
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{institutionId}/summary")
    Summary summary(Caller caller, @PathVariable String institutionId) {
        if (!institutionId.equals(caller.requireInstitution())) {
            // 404 rather than 403: "not yours" and "not there" stay indistinguishable.
            throw new NotFoundException("no summary of " + institutionId + " for this key");
        }
        ReadScope own = scopes.of(caller);
        MongoReadModelStore store = own.store();
        InstitutionProfile profile = store.find(ReadModel.INSTITUTIONS, institutionId)
                .map(InstitutionProfile::fromDocument).orElseGet(() -> new InstitutionProfile(institutionId));
        List<GroupRow> groups = new ArrayList<>();
        for (GroupProfile g : profile.groups().values()) {
            groups.add(new GroupRow(g.groupId(), g.sessionsHeld(), g.meanAttendance(), g.attendanceRate(),
                    g.sessionsPerMonth(), g.meanDose()));
        }

        // The consortium side as researchers see it: from the latest data release, if there is one.
        Optional<ReadScope> consortiumScope = scopes.latestRelease();
        List<InstitutionTotals> totals = consortiumScope.map(r -> InstitutionCatalogue.totals(r.store())).orElse(List.of());
        ConsortiumMeans consortium = new ConsortiumMeans(mean(totals, InstitutionTotals::meanAttendance),
                mean(totals, InstitutionTotals::attendanceRate), mean(totals, InstitutionTotals::sessionsPerMonth));

        Map<String, InstitutionTotals.Table> scales = new TreeMap<>();
        List<InstitutionTotals> ownAndConsortium = new ArrayList<>(totals);
        store.find(ReadModel.INSTITUTION_TOTALS, institutionId).map(InstitutionTotals::fromDocument)
                .ifPresent(ownAndConsortium::add);
        ownAndConsortium.forEach(t -> t.tables().stream()
                .filter(table -> table.from() == Timepoint.BASELINE && table.to() == Timepoint.POST)
                .forEach(table -> scales.putIfAbsent(table.instrumentId() + "|" + table.scale(), table)));
        List<Outcome> outcomes = new ArrayList<>();
        for (InstitutionTotals.Table scale : scales.values()) {
            List<PairedMomentsState> mine = disclosed(units.load(own, UnitKey.GROUP, scale.instrumentId(),
                    scale.scale(), Timepoint.BASELINE, Timepoint.POST));
            Pooled everyone = consortiumScope.map(r -> pooled(disclosed(units.load(r, UnitKey.GROUP,
                    scale.instrumentId(), scale.scale(), Timepoint.BASELINE, Timepoint.POST)))).orElse(null);
            outcomes.add(new Outcome(scale.instrumentId(), scale.scale(), scale.direction(), Timepoint.BASELINE,
                    Timepoint.POST, "SMCR", "REML", pooled(mine), everyone));
        }
        return new Summary(institutionId, groups, consortium, outcomes, own.minCellSize(), own.logPosition(),
                own.generation(), own.label(), consortiumScope.map(ReadScope::label).orElse(null));
    }

    /** The units disclosure control lets any caller see: the same rule for the school's own and everyone's. */
    private static List<PairedMomentsState> disclosed(UnitCatalogue.Loaded loaded) {
        return loaded.units().stream().filter(u -> !u.withheld()).map(UnitReport::state).toList();
    }

    private Pooled pooled(List<PairedMomentsState> moments) {
        List<EffectSize> effects = new ArrayList<>();
        for (PairedMomentsState m : moments) {
            EffectSize effect = EffectSizes.smcr(PairedMoments.of(m));
            if (effect.isComputable()) {
                effects.add(effect);
            }
        }
        RandomEffectsResult fit = RandomEffectsModel.fit(effects, ModelOptions.DEFAULTS);
        return new Pooled(fit.k(), finite(fit.estimate()), finite(fit.ciLower()), finite(fit.ciUpper()));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Double mean(List<InstitutionTotals> totals, Function<InstitutionTotals, InstitutionTotals.Sum> field) {
        return totals.stream().map(field).reduce(InstitutionTotals.Sum.EMPTY, InstitutionTotals.Sum::plus).mean();
    }
}
