package org.balintobservatory.analytics.answer.comparison.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.ModelChoice;
import org.balintobservatory.analytics.answer.comparison.engine.ModelFits;
import org.balintobservatory.analytics.answer.comparison.engine.Moderator;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.model.TestType;
import org.balintobservatory.metaanalysis.power.ComparisonPower;
import org.balintobservatory.metaanalysis.power.LevelInformation;
import org.balintobservatory.metaanalysis.power.PowerAnalysis;
import org.balintobservatory.metaanalysis.power.SlopePower;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;
import org.balintobservatory.metaanalysis.regression.SubgroupResult;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.balintobservatory.analytics.answer.comparison.engine.ModelFits.number;

/**
 * Power planning for a consortium deciding whether to recruit more units: with the units a comparison or
 * meta-regression has now and its residual tau^2, the power to detect a stated difference between the
 * moderator's levels or a stated slope, and how many more units like the current ones would give the target
 * power (Hedges &amp; Pigott 2001, 2004; formulas in {@link PowerAnalysis}).
 *
 * <p>Disclosure control: the figures come from the same units as the comparison or meta-regression answer to
 * the same question ({@link ComparisonUnits}), and from nothing of them but their sampling variances, levels
 * and moderator values, which those answers' rows already publish, and the residual tau^2 they report; so a
 * power answer reveals nothing the caller cannot already see.
 */
@RestController
@RequestMapping("/api/v1/analytics")
public class PowerController {

    /** The largest stated effect taken: far beyond any plausible standardized change or slope. */
    static final double MAX_EFFECT = 1000;

    static final String KNHA_NOTE = "Power is that of the z test (Hedges & Pigott's approximation); the"
            + " Knapp-Hartung test this question asks for has a little less with few units.";

    private final ComparisonUnits units;

    public PowerController(ComparisonUnits units) {
        this.units = units;
    }

    /**
     * One level of the moderator as the power depends on it.
     *
     * @param meanVi the mean sampling variance of its units, which a new unit is assumed to have
     * @param se     the standard error of its mean, {@code 1/sqrt(sum 1/(vi + tau2))}
     */
    public record PowerLevel(String level, int k, Double meanVi, Double se) {
    }

    /**
     * The power of the moderator test (QM) to detect the stated difference between two levels.
     *
     * @param tau2                 the residual tau^2 of {@code rma(yi, vi, mods = ~ factor(moderator))}
     * @param df                   QM's degrees of freedom, levels - 1
     * @param criticalValue        the chi-square value QM must exceed at {@code alpha}
     * @param lambda               the noncentrality when the least favourable pair differs by {@code difference}
     *                             and every other level lies at their weighted mean
     * @param power                the least power the test has now whenever two levels differ that much
     * @param leastFavourablePair  the two levels whose difference is hardest to detect
     * @param additionalPerLevel   units to add to every level for the target power, 0 when it is reached;
     *                             {@code null} when not within a million per level
     * @param powerWithAdditional  the power with them
     */
    public record ComparisonPlan(@JsonUnwrapped ComparisonController.Header header, String moderator,
                                 double difference, double alpha, double target, Double tau2, Integer df,
                                 Double criticalValue, Double lambda, Double power, List<String> leastFavourablePair,
                                 Integer additionalPerLevel, Double powerWithAdditional, List<PowerLevel> levels,
                                 List<String> notes) {
    }

    /**
     * The power of the z test of one meta-regression coefficient to detect the stated slope.
     *
     * @param coefficient         the moderator whose slope is tested
     * @param tau2                the residual tau^2 of the meta-regression
     * @param meanVi              the units' mean sampling variance, which a new unit is assumed to have
     * @param se                  the slope's standard error now
     * @param lambda              {@code (slope/se)^2}, the chi-square noncentrality of the test
     * @param additionalUnits     units to add for the target power, 0 when it is reached; {@code null} when not
     *                            within a million
     * @param seWithAdditional    the slope's standard error with them
     * @param powerWithAdditional the power with them
     */
    public record RegressionPlan(@JsonUnwrapped ComparisonController.Header header, List<String> moderators,
                                 String coefficient, double slope, double alpha, double target, Double tau2,
                                 Double meanVi, Double se, Double lambda, Double power, Integer additionalUnits,
                                 Double seWithAdditional, Double powerWithAdditional, List<String> notes) {
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/comparison/power")
    ComparisonPlan comparisonPower(Caller caller, ComparisonController.QueryParameters parameters, ReleaseChoice release,
                                   @RequestParam(required = false) String moderator,
                                   @RequestParam(required = false) String difference,
                                   @RequestParam(required = false) String alpha,
                                   @RequestParam(required = false) String target) {
        ComparisonQuery query = parameters.parse();
        return comparisonPlan(query, () -> units.select(caller, release, query), moderator, difference, alpha, target);
    }

    /**
     * The comparison's power on the units {@code selection} gives, read only once every parameter is accepted.
     */
    static ComparisonPlan comparisonPlan(ComparisonQuery query, Supplier<ComparisonUnits.Selection> selected,
                                         String moderator, String difference, String alpha, String target) {
        twoLevelOnly(query);
        if (moderator == null || moderator.isBlank()) {
            throw new RuleViolationException("moderator", "required", "moderator is required: the categorical"
                    + " moderator whose levels are compared, e.g. meetingFrequency");
        }
        Moderator by = Moderator.categorical(moderator);
        double delta = effect("difference", difference);
        double a = alpha(alpha);
        double power = target(target, a);

        ComparisonUnits.Selection selection = selected.get();
        ComparisonEngine.Comparison result = selection.compare(query, by);
        List<ComparisonEngine.Row> labelled = result.rows().stream()
                .filter(r -> r.moderators().get(by.parameter()) != null).toList();
        SubgroupResult subgroups = result.subgroups();
        MetaRegressionResult model = subgroups.moderatorModel();
        List<String> notes = notes(query);
        ComparisonController.Header header = ComparisonController.Header.of(query, selection, labelled,
                result.suppressedUnits());
        if (!model.estimable()) {
            notes.addAll(model.notes());
            notes.add("No power without a fitted moderator model: it needs the residual tau^2.");
            return new ComparisonPlan(header, by.parameter(), delta, a, power, null, null, null, null, null, null,
                    null, null, null, notes);
        }
        List<double[]> variances = new ArrayList<>();
        for (String level : subgroups.levels()) {
            variances.add(labelled.stream().filter(r -> level.equals(r.moderators().get(by.parameter()).toString()))
                    .mapToDouble(ComparisonEngine.Row::vi).toArray());
        }
        ComparisonPower plan = PowerAnalysis.comparison(subgroups.levels(), variances, model.tau2(), delta, a, power);
        List<PowerLevel> levels = plan.levels().stream().map(PowerController::level).toList();
        if (plan.additionalPerLevel() == null) {
            notes.add("The target power is not reached with up to " + PowerAnalysis.MAX_ADDITIONAL
                    + " more units per level.");
        }
        return new ComparisonPlan(header, by.parameter(), delta, a, power, number(model.tau2()), plan.df(),
                number(plan.criticalValue()), number(plan.lambda()), number(plan.power()),
                List.of(plan.first(), plan.second()), plan.additionalPerLevel(), plan.powerWithAdditional(), levels,
                notes.isEmpty() ? null : notes);
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/meta-regression/power")
    RegressionPlan regressionPower(Caller caller, ComparisonController.QueryParameters parameters, ReleaseChoice release,
                                   @RequestParam(defaultValue = "meanAttendance") String moderators,
                                   @RequestParam(required = false) String coefficient,
                                   @RequestParam(required = false) String slope,
                                   @RequestParam(required = false) String alpha,
                                   @RequestParam(required = false) String target) {
        ComparisonQuery query = parameters.parse();
        return regressionPlan(query, () -> units.select(caller, release, query), moderators, coefficient, slope, alpha,
                target);
    }

    /** The slope's power on the units {@code selection} gives, read only once every parameter is accepted. */
    static RegressionPlan regressionPlan(ComparisonQuery query, Supplier<ComparisonUnits.Selection> selected,
                                         String moderators, String coefficient, String slope, String alpha,
                                         String target) {
        if (query.measure() == EffectMeasure.SMD) {
            throw new RuleViolationException("measure", "one-of", "meta-regression takes SMCR or SMCC");
        }
        twoLevelOnly(query);
        List<Moderator> by = Moderator.continuous(moderators);
        Moderator tested = coefficient == null || coefficient.isBlank() ? by.get(0)
                : by.stream().filter(m -> m.parameter().equals(coefficient)).findFirst()
                .orElseThrow(() -> new RuleViolationException("coefficient", "one-of", "coefficient names the"
                        + " moderator whose slope is tested, one of moderators: " + String.join(", ",
                        by.stream().map(Moderator::parameter).toList())));
        double b = effect("slope", slope);
        double a = alpha(alpha);
        double power = target(target, a);

        ComparisonUnits.Selection selection = selected.get();
        ComparisonEngine.Regression result = selection.regress(query, by);
        MetaRegressionResult model = result.model();
        List<String> names = by.stream().map(Moderator::parameter).toList();
        List<String> notes = notes(query);
        ComparisonController.Header header = ComparisonController.Header.of(query, selection, result.rows(),
                result.suppressedUnits());
        if (!model.estimable()) {
            notes.addAll(model.notes());
            notes.add("No power without a fitted meta-regression: it needs the residual tau^2 and X'WX.");
            return new RegressionPlan(header, names, tested.parameter(), b, a, power, null, null, null, null, null,
                    null, null, null, notes);
        }
        SlopePower plan;
        try {
            plan = PowerAnalysis.slope(ModelFits.design(result.rows(), by),
                    result.rows().stream().mapToDouble(ComparisonEngine.Row::vi).toArray(), model.tau2(),
                    by.indexOf(tested) + 1, b, a, power);
        } catch (IllegalArgumentException e) {
            // A design the fit accepted but whose X'W*X is numerically singular at the planning weights.
            notes.add("No power: " + e.getMessage() + ".");
            return new RegressionPlan(header, names, tested.parameter(), b, a, power, number(model.tau2()), null,
                    null, null, null, null, null, null, notes);
        }
        if (plan.additional() == null) {
            notes.add("The target power is not reached with up to " + PowerAnalysis.MAX_ADDITIONAL + " more units.");
        }
        return new RegressionPlan(header, names, tested.parameter(), b, a, power, number(model.tau2()),
                number(plan.meanVariance()), number(plan.se()), number(plan.lambda()), number(plan.power()),
                plan.additional(), plan.seWithAdditional(), plan.powerWithAdditional(), notes.isEmpty() ? null : notes);
    }

    private static PowerLevel level(LevelInformation level) {
        return new PowerLevel(level.level(), level.k(), number(level.meanVariance()), number(1 / Math.sqrt(level.weight())));
    }

    /** Hedges &amp; Pigott's formulas are for the two-level model's Wald tests. */
    private static void twoLevelOnly(ComparisonQuery query) {
        if (query.model() != ModelChoice.TWO_LEVEL) {
            throw new RuleViolationException("model", "two-level", "power is planned for the two-level model"
                    + " (Hedges & Pigott): use model=two-level");
        }
        if (query.robust()) {
            throw new RuleViolationException("robust", "none", "power is planned for the model-based tests:"
                    + " use robust=none");
        }
    }

    private static List<String> notes(ComparisonQuery query) {
        List<String> notes = new ArrayList<>();
        if (query.test() == TestType.KNHA) {
            notes.add(KNHA_NOTE);
        }
        return notes;
    }

    /** A stated effect: required, a finite number other than 0, at most {@link #MAX_EFFECT} either way. */
    static double effect(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RuleViolationException(field, "required", field + " is required: the effect worth detecting");
        }
        double parsed = parse(field, value);
        if (parsed == 0 || !(Math.abs(parsed) <= MAX_EFFECT)) {
            throw new RuleViolationException(field, "range", field + " must be a number other than 0, at most "
                    + (int) MAX_EFFECT + " either way");
        }
        return parsed;
    }

    /** The significance level: 0.05 unless given, at most 0.5. */
    static double alpha(String value) {
        if (value == null || value.isBlank()) {
            return 0.05;
        }
        double parsed = parse("alpha", value);
        if (!(parsed > 0 && parsed <= 0.5)) {
            throw new RuleViolationException("alpha", "range", "alpha must lie in (0, 0.5]");
        }
        return parsed;
    }

    /** The power wanted: 0.8 unless given, above alpha and below 1. */
    static double target(String value, double alpha) {
        if (value == null || value.isBlank()) {
            return PowerAnalysis.CONVENTIONAL_POWER;
        }
        double parsed = parse("target", value);
        if (!(parsed > alpha && parsed < 1)) {
            throw new RuleViolationException("target", "range", "target must lie between alpha and 1");
        }
        return parsed;
    }

    private static double parse(String field, String value) {
        try {
            if (value.length() > 32) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new RuleViolationException(field, "number", field + " must be a number, e.g. 0.2");
        }
    }
}
