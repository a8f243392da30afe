package org.balintobservatory.analytics.answer.comparison.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.effectsize.EffectSize;
import org.balintobservatory.metaanalysis.effectsize.EffectSizes;
import org.balintobservatory.metaanalysis.model.ModelOptions;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsModel;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;
import org.balintobservatory.metaanalysis.regression.MetaRegression;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;
import org.balintobservatory.metaanalysis.regression.SubgroupAnalysis;
import org.balintobservatory.metaanalysis.regression.SubgroupResult;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns analysis units into effect sizes and pools them.
 *
 * <p>Effect size per unit, over participants with both timepoints:
 * <ul>
 *   <li>SMCR: metafor {@code escalc("SMCR", m1i = mean(to), m2i = mean(from), sd1i = sd(from), ni = n,
 *       ri = cor(from, to))}; sign raw (to − from).</li>
 *   <li>SMCC: the same standardised by the SD of the change scores.</li>
 *   <li>SMD (controlled): Hedges' g between the change scores of an institution's INTERVENTION and CONTROL
 *       programmes, metafor {@code escalc("SMD", m1i, sd1i, n1i, m2i, sd2i, n2i)} with m = mean change,
 *       sd = SD of change.</li>
 * </ul>
 * Formulas and references are in {@link EffectSizes}; pooling in {@link RandomEffectsModel},
 * {@link SubgroupAnalysis} and {@link MetaRegression}.
 *
 * <p>Small cells: a unit with fewer than {@code minimumN} participants (in either arm, for SMD) is
 * suppressed. It is left out of every estimate, not only hidden from the rows, so that no difference
 * between two answers can reveal it; only the number of suppressed units is reported.
 */
public final class ComparisonEngine {

    private ComparisonEngine() {
    }

    /**
     * @param measure   SMCR, SMCC (paired units) or SMD (controlled units)
     * @param options   estimator, test and confidence level
     * @param minimumN  units below it are suppressed; 0 or 1 in a school's view of its own units
     */
    public record Request(EffectMeasure measure, ModelOptions options, int minimumN) {
    }

    /**
     * One unit's effect size, as {@code escalc} gives it, with its 95% Wald interval yi ± z₀.₉₇₅·√vi: a row of
     * every answer that pools units, as the answer shows it.
     *
     * @param moderators     every moderator's value for the unit, by parameter name; {@code null} when unknown
     * @param heldBack       why the unit shows an earlier release's figures, when the release held it back
     * @param programmeStart when the unit's programme started, {@code null} when unknown; orders the cumulative
     *                       analysis, not shown in a row
     * @param completedIn    the month the unit reached its second timepoint, {@code null} when unknown; orders the
     *                       cumulative analysis by completion, not shown in a row
     */
    public record Row(String unitId, String institutionId, double yi, double vi, long n, double ciLower,
                      double ciUpper, Map<String, Object> moderators, String heldBack,
                      @JsonIgnore LocalDate programmeStart, @JsonIgnore YearMonth completedIn) {

        /** A row whose completion month is unknown. */
        public Row(String unitId, String institutionId, double yi, double vi, long n, double ciLower, double ciUpper,
                   Map<String, Object> moderators, String heldBack, LocalDate programmeStart) {
            this(unitId, institutionId, yi, vi, n, ciLower, ciUpper, moderators, heldBack, programmeStart, null);
        }

        static Row of(UnitData unit, String heldBack, EffectSize effect) {
            double half = Z_975 * Math.sqrt(effect.vi());
            return new Row(unit.unitId(), unit.institutionId(), effect.yi(), effect.vi(), effect.participants(),
                    effect.yi() - half, effect.yi() + half, moderatorValues(unit.moderators()), heldBack,
                    unit.moderators().programmeStart(), unit.completedIn());
        }
    }

    /** The 97.5th percentile of the standard normal distribution, {@code qnorm(0.975)}. */
    static final double Z_975 = 1.959963984540054;

    public record Excluded(String unitId, String reason) {
    }

    /**
     * @param subgroups       per-level models and the omnibus test, when a moderator was given
     * @param suppressedUnits units left out because they were smaller than the minimum cell size
     */
    public record Comparison(
            RandomEffectsResult overall,
            SubgroupResult subgroups,
            List<Row> rows,
            List<Excluded> excluded,
            int suppressedUnits) {
    }

    /** A meta-regression and the rows behind it. */
    public record Regression(MetaRegressionResult model, List<Row> rows, List<Excluded> excluded, int suppressedUnits) {
    }

    /** Pools paired units, overall and, when {@code moderator} is categorical, by its levels. */
    public static Comparison compare(List<UnitData> units, Request request, Moderator moderator) {
        return pool(effects(units, request), request, moderator);
    }

    /** Pools controlled units (SMD of change scores, intervention vs control). */
    public static Comparison compareControlled(List<ControlledUnitData> units, Request request, Moderator moderator) {
        return pool(controlledEffects(units, request), request, moderator);
    }

    /** A mixed-effects meta-regression of paired units' effects on continuous moderators. */
    public static Regression regress(List<UnitData> units, Request request, List<Moderator> moderators) {
        Effects effects = effects(units, request);
        List<Row> rows = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>(effects.excluded);
        for (Row row : effects.rows) {
            double[] x = new double[moderators.size()];
            String missing = null;
            for (int j = 0; j < moderators.size(); j++) {
                Object v = row.moderators().get(moderators.get(j).parameter());
                if (!(v instanceof Number number)) {
                    missing = moderators.get(j).parameter();
                    break;
                }
                x[j] = number.doubleValue();
            }
            if (missing != null) {
                excluded.add(new Excluded(row.unitId(), "no value for " + missing));
            } else {
                rows.add(row);
                values.add(x);
            }
        }
        double[][] columns = new double[moderators.size()][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < moderators.size(); j++) {
                columns[j][i] = values.get(i)[j];
            }
        }
        List<String> names = new ArrayList<>();
        names.add(MetaRegression.INTERCEPT);
        moderators.forEach(m -> names.add(m.parameter()));
        MetaRegressionResult model = MetaRegression.fit(yi(rows), vi(rows), MetaRegression.designMatrix(columns),
                names, request.options());
        return new Regression(model, rows, excluded, effects.suppressed);
    }

    private record Effects(List<Row> rows, List<Excluded> excluded, int suppressed) {
    }

    private static Effects effects(List<UnitData> units, Request request) {
        if (request.measure() == EffectMeasure.SMD) {
            throw new IllegalArgumentException("SMD compares arms: use compareControlled");
        }
        List<Row> rows = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        int suppressed = 0;
        for (UnitData unit : units) {
            PairedMoments moments = PairedMoments.of(unit.moments());
            if (moments.count() < request.minimumN()) {
                suppressed++;
                continue;
            }
            EffectSize effect = request.measure() == EffectMeasure.SMCC
                    ? EffectSizes.smcc(moments) : EffectSizes.smcr(moments);
            add(unit, unit.heldBack(), effect, rows, excluded);
        }
        return new Effects(rows, excluded, suppressed);
    }

    private static Effects controlledEffects(List<ControlledUnitData> units, Request request) {
        List<Row> rows = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        int suppressed = 0;
        for (ControlledUnitData unit : units) {
            PairedMoments treated = PairedMoments.of(unit.intervention().moments());
            PairedMoments control = PairedMoments.of(unit.control().moments());
            if (Math.min(treated.count(), control.count()) < request.minimumN()) {
                suppressed++;
                continue;
            }
            EffectSize effect = EffectSizes.smd(treated.count(), treated.meanChange(), treated.sdChange(),
                    control.count(), control.meanChange(), control.sdChange());
            add(unit.intervention(), unit.heldBack(), effect, rows, excluded);
        }
        return new Effects(rows, excluded, suppressed);
    }

    private static void add(UnitData unit, String heldBack, EffectSize effect, List<Row> rows,
                            List<Excluded> excluded) {
        if (!effect.isComputable()) {
            excluded.add(new Excluded(unit.unitId(), effect.exclusionReason()));
            return;
        }
        rows.add(Row.of(unit, heldBack, effect));
    }

    static Map<String, Object> moderatorValues(Moderators moderators) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Moderator m : Moderator.values()) {
            values.put(m.parameter(), m.kind() == Moderator.Kind.CATEGORICAL ? m.level(moderators) : m.number(moderators));
        }
        return values;
    }

    private static Comparison pool(Effects effects, Request request, Moderator moderator) {
        List<Row> rows = effects.rows;
        RandomEffectsResult overall = RandomEffectsModel.fit(yi(rows), vi(rows), request.options());
        SubgroupResult subgroups = null;
        List<Excluded> excluded = new ArrayList<>(effects.excluded);
        if (moderator != null) {
            if (moderator.kind() != Moderator.Kind.CATEGORICAL) {
                throw new IllegalArgumentException(moderator.parameter() + " is continuous: use a meta-regression");
            }
            List<Row> labelled = new ArrayList<>();
            List<String> levels = new ArrayList<>();
            for (Row row : rows) {
                Object level = row.moderators().get(moderator.parameter());
                if (level == null) {
                    excluded.add(new Excluded(row.unitId(), "no value for " + moderator.parameter()));
                } else {
                    labelled.add(row);
                    levels.add(level.toString());
                }
            }
            subgroups = SubgroupAnalysis.fit(yi(labelled), vi(labelled), levels, request.options());
        }
        return new Comparison(overall, subgroups, rows, excluded, effects.suppressed);
    }

    private static double[] yi(List<Row> rows) {
        return rows.stream().mapToDouble(Row::yi).toArray();
    }

    private static double[] vi(List<Row> rows) {
        return rows.stream().mapToDouble(Row::vi).toArray();
    }
}
