package org.balintobservatory.analytics.answer.participantlevel.engine;

import org.balintobservatory.analytics.answer.comparison.engine.CoefficientRow;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ModelFits;
import org.balintobservatory.analytics.answer.comparison.engine.UnitData;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.mixed.FixedEffect;
import org.balintobservatory.metaanalysis.mixed.MixedModelFit;
import org.balintobservatory.metaanalysis.mixed.NestedInterceptModel;
import org.balintobservatory.metaanalysis.mixed.TestResult;
import org.balintobservatory.metaanalysis.mixed.VarianceComponents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fits a participant-level model ({@link ParticipantLevelDesign}) and turns it into what an answer may show:
 * fixed effects (each also standardised), variance components, the within- and across-group dose slopes with
 * the test of their difference, the dose-response curve with its 95% band, and the two-stage meta-regression
 * of the same groups beside the one-stage estimates. Never a residual, a random effect or a group's own value.
 *
 * <p>Standardised: a coefficient divided by the pooled within-group SD of the baseline s_p
 * ({@link ParticipantLevelDesign.Built#baselineSd()}), the participant-level counterpart of SMCR's division
 * by the baseline SD (Becker 1988; Morris 2008), so a one-stage moderator effect in these units sits beside the
 * two-stage meta-regression coefficient of SMCR. The intercept and the baseline's coefficient are not
 * differences of scores and stay unstandardised.
 *
 * <p>Disclosure: a categorical moderator's level with fewer groups than the threshold stays in the model (so
 * the other estimates are adjusted for it) but its coefficient is not reported; when its reference level has
 * fewer groups, none of its coefficients is. The curve runs between the t-th smallest and t-th largest dose, so
 * no end of it is set by fewer than t participants.
 */
public final class ParticipantLevelEngine {

    /**
     * One reported fixed effect.
     *
     * @param standardised the estimate divided by the pooled within-group SD of the baseline, {@code null} for
     *                     the intercept and the baseline
     */
    public record Term(String term, Double estimate, Double standardError, Double df, Double t, Double p,
                       Double ciLower, Double ciUpper, Double standardised, Double standardisedLower,
                       Double standardisedUpper) {
    }

    /** A fixed effect in the model whose coefficient the answer leaves out, and why. */
    public record WithheldTerm(String term, String reason) {
    }

    /** A linear combination of coefficients: an estimate with its Satterthwaite test and 95% interval. */
    public record Estimate(Double estimate, Double standardError, Double df, Double t, Double p, Double ciLower,
                           Double ciUpper) {

        static Estimate of(TestResult r) {
            return new Estimate(n(r.estimate()), n(r.standardError()), n(r.df()), n(r.t()), n(r.p()),
                    n(r.ciLower()), n(r.ciUpper()));
        }
    }

    /** A point of the dose-response curve: the expected difference from the reference dose, with its band. */
    public record CurvePoint(int sessions, Double estimate, Double ciLower, Double ciUpper) {
    }

    /**
     * @param within     the within-group slope per session attended (the linear model)
     * @param between    the across-group slope per session of the group's mean dose (the linear model)
     * @param difference across minus within: aggregation bias when it is not zero (Riley et al. 2020)
     * @param reference  the dose every point of the curve is compared with
     * @param knots      the spline's knots in sessions attended, empty for the line
     */
    public record DoseResponse(String shape, Estimate within, Estimate between, Estimate difference, int reference,
                               double[] knots, List<CurvePoint> curve) {
    }

    /** One group-level term in both analyses, in SMCR units. */
    public record TwoStageRow(String term, Double oneStage, Double oneStageLower, Double oneStageUpper,
                              Double twoStage, Double twoStageLower, Double twoStageUpper) {
    }

    public record Variance(Double institution, Double group, Double residual, Double iccInstitution,
                           Double iccGroup) {

        static Variance of(VarianceComponents v) {
            return new Variance(n(v.outer()), n(v.inner()), n(v.residual()), n(v.iccOuter()), n(v.iccInner()));
        }
    }

    /**
     * @param fit         the model as fitted, with every coefficient: for the service and the bundle, not an answer
     * @param design      what it was fitted from: for the service and the bundle, not an answer
     * @param twoStageGroups groups the two-stage meta-regression used
     */
    public record Result(ParticipantLevelDesign.Built design, MixedModelFit fit, List<Term> fixedEffects,
                         List<WithheldTerm> withheldTerms, Variance variance, DoseResponse dose,
                         List<TwoStageRow> twoStage, int twoStageGroups, List<String> notes) {
    }

    private ParticipantLevelEngine() {
    }

    /**
     * @param nested    whether groups are nested in institutions (a random intercept for each)
     * @param threshold the fewest groups a moderator level needs for its coefficient to be reported, and the
     *                  fewest participants at each end of the curve
     * @throws IllegalArgumentException when the groups cannot carry the model (too few, or aliased terms)
     */
    public static Result fit(List<GroupData> groups, ParticipantLevelQuery query, boolean nested, int threshold) {
        if (groups.stream().noneMatch(g -> g.doses().n() > 0)) {
            throw new IllegalArgumentException("no group shown has participants with both scores");
        }
        ParticipantLevelDesign.Built design = ParticipantLevelDesign.build(groups, query.moderators(), query.dose(),
                nested);
        MixedModelFit fit = NestedInterceptModel.fit(design.terms(), design.clusters(), query.method());
        ParticipantLevelDesign.Built line = query.dose() == DoseShape.LINEAR ? design
                : ParticipantLevelDesign.build(groups, query.moderators(), DoseShape.LINEAR, nested);
        MixedModelFit linear = line == design ? fit
                : NestedInterceptModel.fit(line.terms(), line.clusters(), query.method());

        Map<String, String> withheld = withheld(design.levels(), threshold);
        List<Term> terms = new ArrayList<>();
        for (FixedEffect f : fit.fixedEffects()) {
            if (withheld.containsKey(f.term())) {
                continue;
            }
            boolean scaled = !f.term().equals(ParticipantLevelDesign.INTERCEPT)
                    && !f.term().equals(ParticipantLevelDesign.BASELINE);
            double s = design.baselineSd();
            terms.add(new Term(f.term(), n(f.estimate()), n(f.standardError()), n(f.df()), n(f.t()), n(f.p()),
                    n(f.ciLower()), n(f.ciUpper()), scaled ? n(f.estimate() / s) : null,
                    scaled ? n(f.ciLower() / s) : null, scaled ? n(f.ciUpper() / s) : null));
        }
        List<WithheldTerm> withheldTerms = new ArrayList<>();
        withheld.forEach((term, reason) -> withheldTerms.add(new WithheldTerm(term, reason)));

        DoseResponse dose = doseResponse(query.dose(), design, fit, linear, threshold);
        List<String> notes = new ArrayList<>();
        design.missing().forEach((moderator, count) -> notes.add(count + " group(s) without a value for "
                + moderator + " are not in the model"));
        if (!fit.converged()) {
            notes.add("the variance components' optimisation did not converge; the estimates are the last reached");
        }
        TwoStage twoStage = twoStage(design, terms, query, threshold);
        notes.addAll(twoStage.notes);
        return new Result(design, fit, terms, withheldTerms, Variance.of(fit.variance()), dose, twoStage.rows,
                twoStage.groups, notes);
    }

    /** The terms of levels with fewer groups than the threshold, and of moderators whose reference has fewer. */
    static Map<String, String> withheld(List<ParticipantLevelDesign.Level> levels, int threshold) {
        Map<String, String> withheld = new TreeMap<>();
        Set<String> smallReference = new HashSet<>();
        levels.stream().filter(l -> l.term() == null && l.groups() < threshold)
                .forEach(l -> smallReference.add(l.moderator()));
        for (ParticipantLevelDesign.Level l : levels) {
            if (l.term() == null) {
                continue;
            }
            if (l.groups() < threshold) {
                withheld.put(l.term(), "fewer than " + threshold + " groups at this level");
            } else if (smallReference.contains(l.moderator())) {
                withheld.put(l.term(), "fewer than " + threshold + " groups at the reference level");
            }
        }
        return withheld;
    }

    private static DoseResponse doseResponse(DoseShape shape, ParticipantLevelDesign.Built design, MixedModelFit fit,
                                             MixedModelFit linear, int threshold) {
        int within = linear.termNames().indexOf(ParticipantLevelDesign.DOSE_WITHIN);
        int between = linear.termNames().indexOf(ParticipantLevelDesign.DOSE_BETWEEN);
        int p = linear.termNames().size();
        double[] w = new double[p];
        w[within] = 1;
        double[] b = new double[p];
        b[between] = 1;
        double[] difference = new double[p];
        difference[between] = 1;
        difference[within] = -1;

        int[] ends = ends(design, threshold);
        int step = Math.max(1, (ends[1] - ends[0] + 39) / 40);
        int[] columns = design.withinColumns();
        double[] reference = design.withinBasis(ends[0]);
        List<CurvePoint> curve = new ArrayList<>();
        for (int sessions = ends[0]; sessions <= ends[1]; sessions += step) {
            double[] h = design.withinBasis(sessions);
            double[] weights = new double[fit.termNames().size()];
            for (int k = 0; k < columns.length; k++) {
                weights[columns[k]] = h[k] - reference[k];
            }
            TestResult point = fit.contrast(weights);
            curve.add(new CurvePoint(sessions, n(point.estimate()), n(point.ciLower()), n(point.ciUpper())));
        }
        return new DoseResponse(shape.parameter(), Estimate.of(linear.contrast(w)), Estimate.of(linear.contrast(b)),
                Estimate.of(linear.contrast(difference)), ends[0], design.knots(), curve);
    }

    /** The t-th smallest and the t-th largest dose of the participants in the fit (the extremes below t). */
    static int[] ends(ParticipantLevelDesign.Built design, int threshold) {
        Map<Integer, Long> counts = new TreeMap<>();
        design.groups().forEach(g -> g.doses().cells().forEach((d, c) -> counts.merge(d, c.n(), Long::sum)));
        List<Integer> doses = new ArrayList<>(counts.keySet());
        int low = doses.get(0);
        long seen = 0;
        for (int d : doses) {
            seen += counts.get(d);
            if (seen >= threshold) {
                low = d;
                break;
            }
        }
        int high = doses.get(doses.size() - 1);
        seen = 0;
        for (int i = doses.size() - 1; i >= 0; i--) {
            seen += counts.get(doses.get(i));
            if (seen >= threshold) {
                high = doses.get(i);
                break;
            }
        }
        return new int[] {low, Math.max(low, high)};
    }

    private record TwoStage(List<TwoStageRow> rows, int groups, List<String> notes) {
    }

    /**
     * The two-stage analysis of the same groups: each group's SMCR ({@code escalc("SMCR")}), then the
     * two-level REML meta-regression ({@code rma(yi, vi, mods = ~ ...)}) on the group-level columns of the
     * one-stage design (its mean dose for {@code doseBetween}, each moderator as coded there).
     */
    private static TwoStage twoStage(ParticipantLevelDesign.Built design, List<Term> oneStage,
                                     ParticipantLevelQuery query, int threshold) {
        List<String> groupTerms = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        int between = design.terms().indexOf(ParticipantLevelDesign.DOSE_BETWEEN);
        for (int j = between; j < design.terms().size(); j++) {
            groupTerms.add(design.terms().get(j));
            columns.add(j);
        }
        Map<String, double[]> values = new HashMap<>();
        List<UnitData> units = new ArrayList<>();
        for (int i = 0; i < design.groups().size(); i++) {
            GroupData g = design.groups().get(i);
            double[] xSum = design.clusters().get(i).xSum();
            double[] x = new double[columns.size()];
            for (int k = 0; k < columns.size(); k++) {
                x[k] = xSum[columns.get(k)] / design.clusters().get(i).n();
            }
            values.put(g.groupId(), x);
            units.add(new UnitData(g.groupId(), g.institutionId(), g.moderators(), g.moments(), null));
        }
        ComparisonEngine.Request request = new ComparisonEngine.Request(EffectMeasure.SMCR,
                query.scores().options(), threshold);
        List<ComparisonEngine.Row> rows = ComparisonEngine.compare(units, request, null).rows();
        List<String> notes = new ArrayList<>();
        Map<String, CoefficientRow> twoStage = new HashMap<>();
        if (rows.size() > groupTerms.size() + 1) {
            double[][] x = new double[rows.size()][columns.size() + 1];
            for (int i = 0; i < rows.size(); i++) {
                x[i][0] = 1;
                System.arraycopy(values.get(rows.get(i).unitId()), 0, x[i], 1, columns.size());
            }
            List<String> names = new ArrayList<>();
            names.add("intrcpt");
            names.addAll(groupTerms);
            ModelFits.Regression regression = ModelFits.regression(rows, x, names, query.scores());
            regression.coefficients().forEach(c -> twoStage.put(c.name(), c));
            notes.addAll(regression.notes());
        } else {
            notes.add("too few groups with an effect size for the two-stage meta-regression");
        }
        Map<String, Term> byName = new HashMap<>();
        oneStage.forEach(t -> byName.put(t.term(), t));
        List<TwoStageRow> table = new ArrayList<>();
        for (String term : groupTerms) {
            Term one = byName.get(term);
            if (one == null) {
                continue;
            }
            CoefficientRow two = twoStage.get(term);
            table.add(new TwoStageRow(term, one.standardised(), one.standardisedLower(), one.standardisedUpper(),
                    two == null ? null : two.estimate(), two == null ? null : two.ciLower(),
                    two == null ? null : two.ciUpper()));
        }
        return new TwoStage(table, rows.size(), notes);
    }

    static Double n(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
