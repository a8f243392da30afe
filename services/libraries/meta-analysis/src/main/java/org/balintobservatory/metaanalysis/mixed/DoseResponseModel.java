package org.balintobservatory.metaanalysis.mixed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dose-response across groups and institutions with the dose split into its within-group and across-group
 * parts (Riley et al. 2020, Stat Med 39(15); Begg &amp; Parides 2003, Stat Med 22(16)): for each term
 * {@code b_k(dose)} of the dose's basis (the dose itself, or its restricted cubic spline,
 * {@link RestrictedCubicSpline}), the model has the group mean {@code bbar_k} and the participant's
 * deviation {@code b_k - bbar_k}, each with its own coefficient:
 * <pre>
 *   y = b0 + covariates'gamma + sum_k betaW_k (b_k(dose) - bbar_k) + sum_k betaA_k bbar_k + u_institution + u_group + e
 * </pre>
 * {@code betaW} compares participants of one group (free of aggregation bias); {@code betaA} compares groups.
 * The within curve at dose d is {@code sum_k betaW_k (b_k(d) - b_k(d_ref))}, a combination of the
 * coefficients with its Satterthwaite band ({@link MixedModelFit#predict}); the across curve likewise with
 * {@code betaA}. That they agree is the joint test {@code betaW_k = betaA_k} for every k.
 */
public final class DoseResponseModel {

    /** Points of each curve, evenly spaced from the least to the largest dose, when not told otherwise. */
    public static final int DEFAULT_CURVE_POINTS = 21;

    private DoseResponseModel() {
    }

    /**
     * @param rows           the participants
     * @param covariateNames names of the rows' covariates, in their order
     * @param knots          0 for a linear dose, or 3 to 5 for a restricted cubic spline with knots at Harrell's
     *                       default quantiles of the doses
     * @param referenceDose  the dose the curves are measured from; {@code null} for the least dose observed
     * @param estimation     REML or ML
     * @return the fit, the slopes and tests and both curves at {@link #DEFAULT_CURVE_POINTS} doses
     * @throws IllegalArgumentException (or {@link RankDeficientDesignException}) as {@link NestedInterceptModel#fit}
     */
    public static DoseResponse fit(List<DoseRow> rows, List<String> covariateNames, int knots, Double referenceDose,
                                   Estimation estimation) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no participants");
        }
        if (knots != 0 && (knots < 3 || knots > 5)) {
            throw new IllegalArgumentException("knots must be 0 (linear) or 3 to 5: " + knots);
        }
        double[] doses = rows.stream().mapToDouble(DoseRow::dose).toArray();
        double[] knotValues = knots == 0 ? new double[0] : RestrictedCubicSpline.defaultKnots(doses, knots);
        int terms = knots == 0 ? 1 : knotValues.length - 1;
        int covariates = covariateNames.size();

        Map<List<String>, List<DoseRow>> byGroup = new LinkedHashMap<>();
        for (DoseRow row : rows) {
            if (row.covariates().length != covariates) {
                throw new IllegalArgumentException("every row needs " + covariates + " covariates");
            }
            byGroup.computeIfAbsent(Arrays.asList(row.outerId(), row.innerId()), key -> new ArrayList<>()).add(row);
        }
        List<ClusterStatistics> clusters = new ArrayList<>(byGroup.size());
        for (List<DoseRow> members : byGroup.values()) {
            double[][] basis = members.stream().map(row -> basis(row.dose(), knotValues)).toArray(double[][]::new);
            double[] groupMean = new double[terms];
            for (double[] b : basis) {
                for (int k = 0; k < terms; k++) {
                    groupMean[k] += b[k] / basis.length;
                }
            }
            double[][] x = new double[members.size()][];
            double[] y = new double[members.size()];
            for (int r = 0; r < members.size(); r++) {
                double[] row = new double[1 + covariates + 2 * terms];
                row[0] = 1;
                System.arraycopy(members.get(r).covariates(), 0, row, 1, covariates);
                for (int k = 0; k < terms; k++) {
                    row[1 + covariates + k] = basis[r][k] - groupMean[k];
                    row[1 + covariates + terms + k] = groupMean[k];
                }
                x[r] = row;
                y[r] = members.get(r).outcome();
            }
            DoseRow first = members.get(0);
            clusters.add(ClusterStatistics.of(first.outerId(), first.innerId(), x, y));
        }
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        names.addAll(covariateNames);
        for (String part : List.of("doseWithin", "doseAcross")) {
            for (int k = 0; k < terms; k++) {
                names.add(part + "'".repeat(k));
            }
        }
        MixedModelFit fit = NestedInterceptModel.fit(names, clusters, estimation);

        int p = names.size();
        int within = 1 + covariates;
        int across = within + terms;
        double[][] equal = new double[terms][p];
        for (int k = 0; k < terms; k++) {
            equal[k][within + k] = 1;
            equal[k][across + k] = -1;
        }
        JointTestResult equalSlopes = fit.jointTest(equal);
        TestResult withinSlope = null;
        TestResult acrossSlope = null;
        TestResult difference = null;
        if (knots == 0) {
            withinSlope = fit.contrast(unit(p, within));
            acrossSlope = fit.contrast(unit(p, across));
            difference = fit.contrast(equal[0]);
        }
        double least = Arrays.stream(doses).min().orElseThrow();
        double largest = Arrays.stream(doses).max().orElseThrow();
        double reference = referenceDose == null ? least : referenceDose;
        double[] referenceBasis = basis(reference, knotValues);
        List<CurvePoint> withinCurve = new ArrayList<>();
        List<CurvePoint> acrossCurve = new ArrayList<>();
        for (int i = 0; i < DEFAULT_CURVE_POINTS; i++) {
            double dose = least + (largest - least) * i / (DEFAULT_CURVE_POINTS - 1);
            double[] b = basis(dose, knotValues);
            double[] lw = new double[p];
            double[] la = new double[p];
            for (int k = 0; k < terms; k++) {
                lw[within + k] = b[k] - referenceBasis[k];
                la[across + k] = b[k] - referenceBasis[k];
            }
            withinCurve.add(new CurvePoint(dose, fit.predict(lw)));
            acrossCurve.add(new CurvePoint(dose, fit.predict(la)));
        }
        return new DoseResponse(fit, knotValues, reference, withinSlope, acrossSlope, difference, equalSlopes,
                List.copyOf(withinCurve), List.copyOf(acrossCurve));
    }

    private static double[] basis(double dose, double[] knots) {
        return knots.length == 0 ? new double[] {dose} : RestrictedCubicSpline.basis(dose, knots);
    }

    private static double[] unit(int p, int j) {
        double[] unit = new double[p];
        unit[j] = 1;
        return unit;
    }
}
