package org.balintobservatory.analytics.answer.comparison.reproduction;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.ModelChoice;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.model.TestType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An R script that reproduces every number of one answer with metafor (and clubSandwich for CR2 tests) from
 * the answer's {@code effect-sizes.csv}: one {@link Fit} per model the answer reports, and one {@link Check}
 * per number, which the script compares with the value the service returned. The fits are data, not text,
 * so that a test can carry out the same calls in Java on the same CSV and keep script and service in step.
 */
public final class ReproductionScript {

    /** The versions the service's numbers are checked against (tests in the meta-analysis module). */
    public static final String METAFOR_VERSION = "3.8-1";
    public static final String CLUBSANDWICH_VERSION = "0.5.8";

    static final double DEFAULT_TOLERANCE = 1e-6;
    static final double VARIANCE_COMPONENT_TOLERANCE = 1e-4;

    /**
     * One model fit of the script.
     *
     * @param name           the R variable, e.g. {@code res1}
     * @param subsetColumn   a categorical column the fit is restricted to, or {@code null}
     * @param subsetLevel    the level of {@code subsetColumn} kept
     * @param factor         a categorical moderator ({@code mods = ~ factor(...)}), or {@code null}
     * @param factorLevels   its levels, the first the reference
     * @param covariates     continuous moderators, empty for none
     * @param multilevel     {@code rma.mv(random = ~ 1 | institution/unit)} instead of {@code rma}
     * @param stepAdjustment metafor's {@code control$stepadj} when it is not 1, else {@code NaN}
     * @param robust         whether a CR2 {@code robust()} fit by institution follows
     */
    public record Fit(String name, String subsetColumn, String subsetLevel, String factor, List<String> factorLevels,
                      List<String> covariates, boolean multilevel, EstimationMethod method, TestType test,
                      double stepAdjustment, boolean robust) {

        public Fit {
            factorLevels = factorLevels == null ? List.of() : List.copyOf(factorLevels);
            covariates = List.copyOf(covariates);
        }

        /** The R lines that fit the model (and its robust tests). */
        String r() {
            List<String> arguments = new ArrayList<>();
            arguments.add("yi");
            arguments.add("vi");
            if (factor != null) {
                arguments.add("mods = ~ factor(" + factor + ", levels = c(" + factorLevels.stream()
                        .map(ReproductionScript::string).collect(Collectors.joining(", ")) + "))");
            } else if (!covariates.isEmpty()) {
                arguments.add("mods = ~ " + String.join(" + ", covariates));
            }
            if (multilevel) {
                arguments.add("random = ~ 1 | institution/unit");
            }
            arguments.add(subsetColumn == null ? "data = dat"
                    : "data = dat[!is.na(dat$" + subsetColumn + ") & dat$" + subsetColumn + " == "
                    + string(subsetLevel) + ", ]");
            arguments.add("method = " + string(method.name()));
            arguments.add("test = " + string(test == TestType.KNHA ? (multilevel ? "t" : "knha") : "z"));
            if (!Double.isNaN(stepAdjustment) && stepAdjustment != 1) {
                arguments.add("control = list(stepadj = " + number(stepAdjustment) + ")");
            }
            String call = name + " <- " + (multilevel ? "rma.mv(" : "rma(") + String.join(", ", arguments) + ")";
            return robust ? call + "\n" + name + "r <- robust(" + name + ", cluster = institution, clubSandwich = TRUE)"
                    : call;
        }
    }

    /** What a check reads from a fit. */
    public enum Statistic {
        BETA("%s$beta[%d]"), SE("%s$se[%d]"), STATISTIC("%s$zval[%d]"), PVALUE("%s$pval[%d]"),
        CI_LOWER("%s$ci.lb[%d]"), CI_UPPER("%s$ci.ub[%d]"), PI_LOWER("predict(%s)$pi.lb[%d]"),
        PI_UPPER("predict(%s)$pi.ub[%d]"), TAU2("%s$tau2[%d]"), I2("i2(%s)[%d]"), Q("%s$QE[%d]"),
        QM("%s$QM[%d]"), QM_PVALUE("%s$QMp[%d]"), SIGMA2("%s$sigma2[%d]"), ROBUST_SE("%sr$se[%d]"),
        ROBUST_DF("%sr$ddf[%d]"), ROBUST_PVALUE("%sr$pval[%d]"), ROBUST_QM("%sr$QM[%d]"),
        ROBUST_QM_DF2("%sr$QMdf[2 * %d]");

        private final String template;

        Statistic(String template) {
            this.template = template;
        }

        String r(String fit, int index) {
            return String.format(Locale.ROOT, template, fit, index + 1);
        }
    }

    /**
     * One number of the answer.
     *
     * @param label    where it is in the answer, e.g. {@code overall.estimate}
     * @param index    which coefficient or variance component (0-based)
     * @param expected the value the service returned
     */
    public record Check(String label, Fit fit, Statistic statistic, int index, double expected) {

        String r() {
            return "check(" + string(label) + ", " + statistic.r(fit.name(), index) + ", " + number(expected)
                    + (tolerance() == DEFAULT_TOLERANCE ? "" : ", " + tolerance()) + ")";
        }

        /**
         * 1e-6, relative; 1e-4 for the variance components of a multilevel fit and their I^2: where the
         * likelihood is flat along a component, metafor's optimiser ({@code nlminb}) stops within about
         * 1e-5 of the maximum, which the service's Fisher scoring reaches (its log-likelihood is the
         * higher), while estimates and standard errors hardly move.
         */
        double tolerance() {
            return fit.multilevel() && (statistic == Statistic.SIGMA2 || statistic == Statistic.I2)
                    ? VARIANCE_COMPONENT_TOLERANCE : DEFAULT_TOLERANCE;
        }
    }

    private final List<Fit> fits = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();

    /** Adds a fit, named {@code res1}, {@code res2}, ... in order. */
    Fit fit(String subsetColumn, String subsetLevel, String factor, List<String> factorLevels, List<String> covariates,
            ComparisonQuery query, Double stepAdjustment) {
        Fit fit = new Fit("res" + (fits.size() + 1), subsetColumn, subsetLevel, factor, factorLevels, covariates,
                query.model() == ModelChoice.MULTILEVEL, query.method(), query.test(),
                stepAdjustment == null ? Double.NaN : stepAdjustment, query.robust());
        fits.add(fit);
        return fit;
    }

    /** Adds a check of a number, or, when the answer has none there, says why in the script. */
    void check(String label, Fit fit, Statistic statistic, int index, Double value, String whyMissing) {
        if (value == null) {
            unavailable.add(label + ": not in the answer" + (whyMissing == null ? "" : " (" + whyMissing + ")"));
        } else {
            checks.add(new Check(label, fit, statistic, index, value));
        }
    }

    public List<Fit> fits() {
        return List.copyOf(fits);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** The script: read the CSV, fit every model, compare every number, stop on the first that differs. */
    public String render(String query) {
        StringBuilder r = new StringBuilder();
        r.append("# Reproduces every number of the answer to\n#   ").append(query.replace("\n", " ")).append('\n');
        r.append("# from effect-sizes.csv in this bundle. Checked with metafor ").append(METAFOR_VERSION);
        if (fits.stream().anyMatch(Fit::robust)) {
            r.append(" and clubSandwich ").append(CLUBSANDWICH_VERSION);
        }
        r.append(".\n# Run: Rscript reproduce.R\n");
        r.append("library(metafor)\n");
        r.append("dat <- read.csv(\"effect-sizes.csv\", stringsAsFactors = FALSE)\n");
        r.append("check <- function(label, ours, theirs, tolerance = 1e-6) {\n")
                .append("  ok <- isTRUE(abs(ours - theirs) <= tolerance * max(1, abs(theirs)))\n")
                .append("  cat(sprintf(\"%-40s R %.10g  service %.10g  %s\\n\", label, ours, theirs,")
                .append(" if (ok) \"ok\" else \"DIFFERS\"))\n")
                .append("  if (!ok) failed <<- failed + 1\n}\n");
        r.append("# I^2 (two-level) and I^2 per level (multilevel, Cheung 2014, as the metafor FAQ computes it)\n")
                .append("i2 <- function(res) {\n")
                .append("  if (!inherits(res, \"rma.mv\")) return(res$I2)\n")
                .append("  W <- diag(1 / res$vi); X <- model.matrix(res)\n")
                .append("  P <- W - W %*% X %*% solve(t(X) %*% W %*% X) %*% t(X) %*% W\n")
                .append("  s2 <- (res$k - res$p) / sum(diag(P))\n")
                .append("  c(100 * sum(res$sigma2) / (sum(res$sigma2) + s2), 100 * res$sigma2 / (sum(res$sigma2) + s2))\n")
                .append("}\n");
        r.append("failed <- 0\n\n");
        for (Fit fit : fits) {
            r.append(fit.r()).append('\n');
            for (Check check : checks) {
                if (check.fit() == fit) {
                    r.append(check.r()).append('\n');
                }
            }
            r.append('\n');
        }
        for (String line : unavailable) {
            r.append("# ").append(line).append('\n');
        }
        r.append("if (failed > 0) stop(failed, \" number(s) differ\") else cat(\"every number reproduced\\n\")\n");
        return r.toString();
    }

    static String string(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.17g", value);
    }
}
