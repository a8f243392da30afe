package org.balintobservatory.analytics.answer.participantlevel.engine;

import org.balintobservatory.analytics.readmodel.participant.DoseMoments;
import org.balintobservatory.metaanalysis.mixed.ClusterStatistics;
import org.balintobservatory.metaanalysis.mixed.RestrictedCubicSpline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The design of a participant-level model, built group by group from sufficient statistics alone:
 *
 * <pre>
 *   y_ij = β0 + β1·x_ij + Σ_k γ_k·(h_k(d_ij) − h̄_k,j) + δ·d̄_j + Σ_m θ_m·z_mj + u_institution + u_group + e_ij
 * </pre>
 *
 * with x the baseline, y the later score, d the sessions attended, d̄_j the mean dose of group j's participants
 * in the fit and z the group-level moderators. h is the identity for a straight line (γ is then the within-group
 * slope) or the restricted cubic spline basis of {@link RestrictedCubicSpline} (as {@code rms::rcs}); each
 * within-group column is centred on its group mean, so that it carries only the within-group information, and
 * δ is the across-group slope of the group means (Riley et al. 2020, Stat Med 39:2115–2137, on
 * separating within- and across-study information; Begg &amp; Parides 2003, Stat Med 22:2591–2602). A categorical moderator enters as treatment
 * contrasts against its level with the most groups (ties: the first by name).
 *
 * <p>For the participants of group j at dose d the design row is u(d) + x·e, with u the columns that do not
 * depend on x and e the unit vector of the baseline column; summing over each dose cell of {@link DoseMoments}
 * gives the group's cross-products exactly: Σx = n_d·u + Σx·e, ΣXX' = n_d·uu' + Σx·(ue' + eu') + Σx²·ee',
 * ΣXy = Σy·u + Σxy·e.
 */
public final class ParticipantLevelDesign {

    public static final String INTERCEPT = "(Intercept)";
    public static final String BASELINE = "baseline";
    public static final String DOSE_WITHIN = "doseWithin";
    public static final String DOSE_BETWEEN = "doseBetween";

    /**
     * A categorical moderator's level in the model.
     *
     * @param term   the coefficient's name, {@code moderator[level]}; {@code null} for the reference level
     * @param groups groups at that level in the fit
     */
    public record Level(String moderator, String level, String term, int groups) {
    }

    /**
     * @param terms       column names, in order
     * @param clusters    each group's sufficient statistics, institution as the outer cluster ({@code null}
     *                    outer ids when there is none)
     * @param groups      the groups in the fit, in the order of {@code clusters}
     * @param levels      every level of each categorical moderator in the fit
     * @param knots       the spline's knots in sessions attended, empty for the line
     * @param missing     groups left out for want of a moderator's value, by moderator
     * @param baselineSd  the pooled within-group SD of the baseline, √(Σ_j Σ_i (x_ij − x̄_j)² / Σ_j (n_j − 1))
     */
    public record Built(List<String> terms, List<ClusterStatistics> clusters, List<GroupData> groups,
                        List<Level> levels, double[] knots, Map<String, Integer> missing, double baselineSd) {

        public long participants() {
            return groups.stream().mapToLong(g -> g.doses().n()).sum();
        }

        /** The within-group dose columns, first to last. */
        public int[] withinColumns() {
            List<Integer> within = new ArrayList<>();
            for (int j = 0; j < terms.size(); j++) {
                if (terms.get(j).startsWith(DOSE_WITHIN)) {
                    within.add(j);
                }
            }
            return within.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The within-group part of the dose at {@code sessions}: h(d), as the curve's contrasts weigh it. */
        public double[] withinBasis(double sessions) {
            return knots.length == 0 ? new double[] {sessions} : RestrictedCubicSpline.basis(sessions, knots);
        }
    }

    private ParticipantLevelDesign() {
    }

    /**
     * @param nested whether groups are nested in institutions (a random intercept per institution)
     */
    public static Built build(List<GroupData> candidates, List<GroupModerator> moderators, DoseShape shape,
                              boolean nested) {
        Map<String, Integer> missing = new LinkedHashMap<>();
        List<GroupData> groups = new ArrayList<>();
        for (GroupData g : candidates) {
            GroupModerator without = moderators.stream().filter(m -> m.value(g.moderators()) == null).findFirst()
                    .orElse(null);
            if (without != null) {
                missing.merge(without.parameter(), 1, Integer::sum);
            } else if (g.doses().n() > 0) {
                groups.add(g);
            }
        }
        groups.sort(Comparator.comparing(GroupData::institutionId).thenComparing(GroupData::groupId));

        double[] knots = shape.knots() == 0 ? new double[0] : RestrictedCubicSpline.defaultKnots(
                doses(groups), shape.knots());
        // Heavily tied doses can leave fewer distinct knots than asked (Hmisc's rule): the basis follows the knots.
        int withinColumns = knots.length == 0 ? 1 : knots.length - 1;

        List<String> terms = new ArrayList<>(List.of(INTERCEPT, BASELINE));
        for (int k = 0; k < withinColumns; k++) {
            terms.add(withinColumns == 1 ? DOSE_WITHIN : DOSE_WITHIN + (k + 1));
        }
        terms.add(DOSE_BETWEEN);
        List<Level> levels = new ArrayList<>();
        Map<GroupModerator, List<String>> contrasts = new LinkedHashMap<>();
        for (GroupModerator m : moderators) {
            if (m.numeric()) {
                terms.add(m.parameter());
                continue;
            }
            Map<String, Integer> counts = new TreeMap<>();
            groups.forEach(g -> counts.merge((String) m.value(g.moderators()), 1, Integer::sum));
            String reference = counts.entrySet().stream()
                    .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
            List<String> coded = new ArrayList<>();
            counts.forEach((level, n) -> {
                String term = level.equals(reference) ? null : m.parameter() + "[" + level + "]";
                levels.add(new Level(m.parameter(), level, term, n));
                if (term != null) {
                    terms.add(term);
                    coded.add(level);
                }
            });
            contrasts.put(m, coded);
        }

        int p = terms.size();
        int baseline = 1;
        List<ClusterStatistics> clusters = new ArrayList<>(groups.size());
        double squares = 0;
        long freedom = 0;
        for (GroupData g : groups) {
            DoseMoments doses = g.doses();
            long n = doses.n();
            double meanDose = doses.meanDose();
            double[] meanBasis = new double[withinColumns];
            for (int k = 0; k < withinColumns; k++) {
                int column = k;
                meanBasis[k] = doses.sum(d -> basis(d, knots)[column]) / n;
            }
            double[] constant = new double[p];
            constant[0] = 1;
            constant[2 + withinColumns] = meanDose;
            int column = 3 + withinColumns;
            for (GroupModerator m : moderators) {
                if (m.numeric()) {
                    constant[column++] = (Double) m.value(g.moderators());
                } else {
                    String level = (String) m.value(g.moderators());
                    for (String coded : contrasts.get(m)) {
                        constant[column++] = coded.equals(level) ? 1 : 0;
                    }
                }
            }
            double[] xSum = new double[p];
            double[][] xtx = new double[p][p];
            double[] xty = new double[p];
            for (Map.Entry<Integer, DoseMoments.Cell> e : doses.cells().entrySet()) {
                DoseMoments.Cell c = e.getValue();
                double[] u = constant.clone();
                double[] h = basis(e.getKey(), knots);
                for (int k = 0; k < withinColumns; k++) {
                    u[2 + k] = h[k] - meanBasis[k];
                }
                for (int a = 0; a < p; a++) {
                    xSum[a] += c.n() * u[a];
                    xty[a] += c.sumY() * u[a];
                    for (int b = 0; b < p; b++) {
                        xtx[a][b] += c.n() * u[a] * u[b];
                    }
                    xtx[a][baseline] += c.sumX() * u[a];
                    xtx[baseline][a] += c.sumX() * u[a];
                }
                xSum[baseline] += c.sumX();
                xty[baseline] += c.sumXY();
                xtx[baseline][baseline] += c.sumXX();
            }
            DoseMoments.Cell total = doses.total();
            clusters.add(new ClusterStatistics(nested ? g.institutionId() : null, g.groupId(), n, xSum, xtx, xty,
                    total.sumY(), total.sumYY()));
            squares += doses.baselineSquares();
            freedom += n - 1;
        }
        return new Built(List.copyOf(terms), clusters, List.copyOf(groups), List.copyOf(levels), knots, missing,
                freedom > 0 ? Math.sqrt(squares / freedom) : Double.NaN);
    }

    /** h(d): the dose itself for the line, the spline basis otherwise. */
    private static double[] basis(int dose, double[] knots) {
        return knots.length == 0 ? new double[] {dose} : RestrictedCubicSpline.basis(dose, knots);
    }

    /** Every participant's dose, for the spline's knots at their quantiles. */
    private static double[] doses(List<GroupData> groups) {
        int total = (int) groups.stream().mapToLong(g -> g.doses().n()).sum();
        double[] all = new double[total];
        int i = 0;
        for (GroupData g : groups) {
            for (Map.Entry<Integer, DoseMoments.Cell> e : g.doses().cells().entrySet()) {
                for (long k = 0; k < e.getValue().n(); k++) {
                    all[i++] = e.getKey();
                }
            }
        }
        return all;
    }
}
