package org.balintobservatory.analytics.answer.comparison.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.CumulativeOrder;
import org.balintobservatory.analytics.answer.comparison.engine.ModelChoice;
import org.balintobservatory.analytics.answer.comparison.engine.ModelFits;
import org.balintobservatory.analytics.answer.comparison.engine.Pooled;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.metaanalysis.diagnostics.Diagnostics;
import org.balintobservatory.metaanalysis.diagnostics.EggerTest;
import org.balintobservatory.metaanalysis.diagnostics.InfluenceRow;
import org.balintobservatory.metaanalysis.diagnostics.TrimAndFillResult;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static org.balintobservatory.analytics.answer.comparison.engine.ModelFits.number;

/**
 * How much an answer depends on single units and institutions, whether small units differ, and how the
 * evidence grew: metafor's {@code leave1out}, {@code influence}, {@code regtest}, {@code trimfill} and
 * {@code cumul} on the units of a comparison question, under the model the question chose.
 *
 * <p>Disclosure control: every figure is computed from the units the comparison itself shows
 * ({@link ComparisonUnits}): units below the minimum cell size and units disclosure control withholds are
 * in none of them, so two answers can differ only by units whose own rows (n, yi, vi) are already published.
 * Leaving out or adding a visible unit therefore reveals nothing the rows do not; see docs/security.md.
 */
@RestController
@RequestMapping("/api/v1/analytics")
public class RobustnessController {

    /**
     * Above this many units the multilevel leave-one-unit-out is not computed and the multilevel cumulative
     * analysis is refused: each refits the three-level model once per unit, a cost that grows with the
     * square of k.
     */
    static final int MULTILEVEL_LEAVE_ONE_OUT_LIMIT = 300;

    static final String SMALL_STUDY_LABEL = "Small-study diagnostics: whether smaller units show different effects."
            + " Funnel asymmetry can come from heterogeneity as well as from selective reporting; every unit of the"
            + " consortium is analysed, so these are not tests or corrections of publication bias.";

    private final ComparisonUnits units;

    public RobustnessController(ComparisonUnits units) {
        this.units = units;
    }

    /**
     * The model without one unit or one institution.
     *
     * @param left         the unit or institution left out
     * @param participants participants in the remaining units
     */
    public record LeftOut(String left, long participants, @JsonUnwrapped Pooled model) {
    }

    /** One unit's residual and influence ({@code rstandard}, {@code influence}, {@code baujat}). */
    public record Influence(String unitId, String institutionId, Double residual, Double standardized,
                            Double rstudent, Double dffits, Double cooksDistance, Double covarianceRatio,
                            Double tau2Deleted, Double qDeleted, Double hat, Double weight, Double dfbetas,
                            Double baujatX, Double baujatY, boolean influential) {
    }

    /** Egger's regression test ({@code regtest}). */
    public record Egger(Double statistic, Double df, Double pValue, Double slope, Double limitEstimate,
                        Double limitLower, Double limitUpper, List<String> notes) {
    }

    /** Trim-and-fill ({@code trimfill}, L0) with the adjusted model. */
    public record TrimAndFill(Integer k0, Double k0Se, String side, List<Double> filledYi, List<Double> filledVi,
                              Pooled adjusted, List<String> notes) {
    }

    /** @param label what the diagnostics are and are not */
    public record SmallStudy(String label, Egger egger, TrimAndFill trimAndFill) {
    }

    /**
     * @param byUnit        leave-one-unit-out, in row order; {@code null} with a note when not computed
     * @param byInstitution leave-one-institution-out
     * @param influence     case diagnostics under the two-level model
     * @param smallStudy    Egger's test and trim-and-fill under the two-level model
     */
    public record Robustness(@JsonUnwrapped ComparisonController.Header header, Pooled overall,
                             List<LeftOut> byUnit, List<LeftOut> byInstitution, List<Influence> influence,
                             SmallStudy smallStudy, List<ComparisonEngine.Row> rows, List<String> notes) {
    }

    /**
     * One step of the cumulative meta-analysis.
     *
     * @param added          the unit added at this step
     * @param programmeStart when its programme started
     * @param completedIn    the month it reached its second timepoint (its first pair became complete)
     * @param participants   participants in the units pooled so far
     */
    public record Step(String added, String institutionId, LocalDate programmeStart, YearMonth completedIn,
                       long participants, @JsonUnwrapped Pooled model) {
    }

    /** @param order what the units are ordered by: {@code completion} or {@code start} ({@link CumulativeOrder}) */
    public record Cumulative(@JsonUnwrapped ComparisonController.Header header, String order, List<Step> steps,
                             List<ComparisonEngine.Excluded> unordered, List<String> notes) {
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/robustness")
    Robustness robustness(Caller caller, ComparisonController.QueryParameters parameters, ReleaseChoice release) {
        ComparisonQuery query = parameters.parse();
        ComparisonUnits.Selection selection = units.select(caller, release, query);
        ComparisonEngine.Comparison result = selection.compare(query, null);
        List<ComparisonEngine.Row> rows = result.rows();
        List<String> notes = new ArrayList<>();
        Pooled overall = ModelFits.pooled(rows, query);

        List<LeftOut> byUnit = null;
        if (query.model() == ModelChoice.MULTILEVEL && rows.size() > MULTILEVEL_LEAVE_ONE_OUT_LIMIT) {
            notes.add("Leave-one-unit-out is not computed under the multilevel model above "
                    + MULTILEVEL_LEAVE_ONE_OUT_LIMIT + " units (it refits the model once per unit); ask for"
                    + " model=two-level, or narrow the question.");
        } else {
            byUnit = new ArrayList<>();
            for (ComparisonEngine.Row row : rows) {
                byUnit.add(leftOut(row.unitId(), rows.stream().filter(r -> r != row).toList(), query));
            }
        }
        List<LeftOut> byInstitution = new ArrayList<>();
        for (String institution : new LinkedHashSet<>(ModelFits.institutions(rows))) {
            byInstitution.add(leftOut(institution,
                    rows.stream().filter(r -> !institution.equals(r.institutionId())).toList(), query));
        }

        double[] yi = ModelFits.yi(rows);
        double[] vi = ModelFits.vi(rows);
        if (query.model() == ModelChoice.MULTILEVEL || query.robust()) {
            notes.add("Influence, Egger's test and trim-and-fill are computed under the two-level model with"
                    + " model-based tests, as metafor defines them (influence, regtest, trimfill for rma.uni).");
        }
        Diagnostics.Influence influence = Diagnostics.influence(yi, vi, query.options());
        notes.addAll(influence.notes());
        List<Influence> cases = influence.rows().stream().map(r -> influence(r, rows.get(r.index()))).toList();
        EggerTest egger = Diagnostics.egger(yi, vi, query.options());
        TrimAndFillResult trimmed = Diagnostics.trimAndFill(yi, vi, query.options());
        SmallStudy smallStudy = new SmallStudy(SMALL_STUDY_LABEL,
                new Egger(number(egger.statistic()), number(egger.df()), number(egger.pValue()), number(egger.slope()),
                        number(egger.limitEstimate()), number(egger.limitLower()), number(egger.limitUpper()),
                        egger.notes().isEmpty() ? null : egger.notes()),
                new TrimAndFill(trimmed.estimable() ? trimmed.k0() : null, number(trimmed.k0Se()), trimmed.side(),
                        trimmed.filledYi(), trimmed.filledVi(), Pooled.of(trimmed.adjusted()),
                        trimmed.notes().isEmpty() ? null : trimmed.notes()));
        return new Robustness(ComparisonController.Header.of(query, selection, rows, result.suppressedUnits()),
                overall, byUnit, byInstitution, cases, smallStudy, rows, notes.isEmpty() ? null : notes);
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/cumulative")
    Cumulative cumulative(Caller caller, ComparisonController.QueryParameters parameters, ReleaseChoice release,
                          @RequestParam(defaultValue = "completion") String order) {
        ComparisonQuery query = parameters.parse();
        CumulativeOrder by = CumulativeOrder.of(order);
        if (by == null) {
            throw new InvalidRequestException(List.of(new FieldError("order", "one-of", "order must be completion"
                    + " (the month each unit reached its second timepoint) or start (the date each unit's programme"
                    + " started)")));
        }
        if (query.measure() == EffectMeasure.SMD) {
            throw new RuleViolationException("measure", "one-of", "the cumulative analysis takes SMCR or SMCC");
        }
        ComparisonUnits.Selection selection = units.select(caller, release, query);
        ComparisonEngine.Comparison result = selection.compare(query, null);
        if (query.model() == ModelChoice.MULTILEVEL && result.rows().size() > MULTILEVEL_LEAVE_ONE_OUT_LIMIT) {
            throw new RuleViolationException("model", "multilevel-size", "the cumulative analysis refits the model"
                    + " once per unit; under model=multilevel it takes at most " + MULTILEVEL_LEAVE_ONE_OUT_LIMIT
                    + " units, this question has " + result.rows().size() + ": use model=two-level or narrow the question");
        }
        CumulativeOrder.Sorted sorted = by.sort(result.rows());
        List<ComparisonEngine.Row> ordered = sorted.ordered();
        List<ComparisonEngine.Excluded> unordered = sorted.unordered();
        List<Step> steps = new ArrayList<>();
        long participants = 0;
        for (int i = 0; i < ordered.size(); i++) {
            ComparisonEngine.Row added = ordered.get(i);
            participants += added.n();
            steps.add(new Step(added.unitId(), added.institutionId(), added.programmeStart(), added.completedIn(),
                    participants, ModelFits.pooled(ordered.subList(0, i + 1), query)));
        }
        List<String> notes = new ArrayList<>();
        if (!unordered.isEmpty()) {
            notes.add(unordered.size() + " units without " + (by == CumulativeOrder.START ? "a programme start date"
                    : "a known month of their second timepoint") + " are not in the cumulative analysis.");
        }
        return new Cumulative(ComparisonController.Header.of(query, selection, ordered, result.suppressedUnits()),
                by.parameter(), steps,
                unordered.isEmpty() ? null : unordered, notes.isEmpty() ? null : notes);
    }

    private static LeftOut leftOut(String left, List<ComparisonEngine.Row> remaining, ComparisonQuery query) {
        return new LeftOut(left, remaining.stream().mapToLong(ComparisonEngine.Row::n).sum(),
                ModelFits.pooled(remaining, query));
    }

    private static Influence influence(InfluenceRow r, ComparisonEngine.Row row) {
        return new Influence(row.unitId(), row.institutionId(), number(r.residual()), number(r.standardized()),
                number(r.rstudent()), number(r.dffits()), number(r.cooksDistance()), number(r.covarianceRatio()),
                number(r.tau2Deleted()), number(r.qDeleted()), number(r.hat()), number(r.weight()),
                number(r.dfbetas()), number(r.baujatX()), number(r.baujatY()), r.influential());
    }
}
