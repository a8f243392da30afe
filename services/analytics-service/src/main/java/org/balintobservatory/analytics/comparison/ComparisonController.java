package org.balintobservatory.analytics.comparison;

import org.balintobservatory.analytics.disclosure.Withholding;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.model.MetaRegressionResult;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.model.RandomEffectsResult;
import org.balintobservatory.metaanalysis.model.SubgroupResult;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Researchers' questions across institutions: do smaller groups, weekly meetings, accredited or co-led
 * facilitation give larger gains? Every answer carries the per-unit rows behind it and the log position it
 * reflects, and {@code effect-sizes.csv} gives the same rows to check in R:
 * {@code rma(yi, vi, data = read.csv(...))}.
 */
@RestController
@RequestMapping("/api/v1/analytics")
public class ComparisonController {

    private final ComparisonUnits units;

    public ComparisonController(ComparisonUnits units) {
        this.units = units;
    }

    /**
     * What every comparison answer starts with: the question as understood, and what it was answered from.
     *
     * @param direction       the scale's direction, {@code null} when no unit has scores yet
     * @param k               units in the model
     * @param participants    participants behind those units
     * @param suppressedUnits units with pairs the question selects that no estimate includes: every unit withheld
     * @param withheldUnits   the same by reason: below the minimum cell size, hidden by secondary suppression,
     *                        held back by the release with nothing published before
     * @param logPosition     the per-partition offsets the answer reflects
     * @param release         the data release a researcher's answer comes from; absent in a school's live view
     */
    public record Header(String instrument, String scale, String direction, Timepoint from, Timepoint to, String unit,
                         EffectMeasure measure, EstimationMethod method, String test, String model, String robust,
                         int k, long participants, int suppressedUnits, Withholding.Counts withheldUnits,
                         int minimumCellSize,
                         Map<String, Long> logPosition, int generation, String release) {
    }

    /**
     * One level's variance in the multilevel model ({@code rma.mv}'s "Variance Components").
     *
     * @param factor {@code institution} or {@code institution/unit}
     * @param levels how many distinct institutions or units
     * @param i2     the share of the total variance at this level, percent (Cheung 2014)
     */
    public record Component(String factor, int levels, Double sigma2, Double i2) {
    }

    /**
     * A CR2 cluster-robust test by institution ({@code robust(res, cluster = institution, clubSandwich = TRUE)}):
     * for a coefficient its se, t and Satterthwaite df; for a moderator test the HTZ F statistic with
     * {@code df1}, {@code df2}.
     */
    public record RobustTest(Double se, Double statistic, Double df1, Double df2, Double pValue, Double ciLower,
                             Double ciUpper, int institutions) {

        static RobustTest of(org.balintobservatory.metaanalysis.model.RobustResult result,
                             org.balintobservatory.metaanalysis.model.RobustCoefficient c) {
            return new RobustTest(number(c.se()), number(c.statistic()), null, number(c.df()), number(c.pValue()),
                    number(c.ciLower()), number(c.ciUpper()), result.clusters());
        }
    }

    /**
     * A random-effects model's summary as metafor prints it; {@code null} where a statistic is undefined, and
     * then {@code notes} says why (too few units, a fit that did not converge, no heterogeneity with one unit).
     *
     * @param stepAdjustment metafor's {@code control$stepadj} REML converged with (1 unless the default step
     *                       oscillated); {@code null} for DL
     * @param notes          the model's own notes, {@code null} when there are none
     */
    public record Pooled(int k, Double estimate, Double se, Double statistic, Double pValue, Double ciLower,
                         Double ciUpper, Double predictionLower, Double predictionUpper, Double tau2, Double i2,
                         Double h2, Double q, int qDf, Double qPValue, Double stepAdjustment, List<String> notes,
                         List<Component> components, RobustTest robust) {

        static Pooled of(RandomEffectsResult fit) {
            return of(fit, null, null);
        }

        static Pooled of(RandomEffectsResult fit, List<Component> components, RobustTest robust) {
            List<String> notes = new ArrayList<>(fit.notes());
            if (robust != null && robust.se() == null) {
                notes.add("No cluster-robust test: it needs a fitted model and at least two institutions.");
            }
            return new Pooled(fit.k(), number(fit.estimate()), number(fit.se()), number(fit.statistic()),
                    number(fit.pValue()), number(fit.ciLower()), number(fit.ciUpper()), number(fit.predictionLower()),
                    number(fit.predictionUpper()), number(fit.tau2()), number(fit.i2()), number(fit.h2()),
                    number(fit.q()), fit.qDf(), number(fit.qPValue()), number(fit.stepAdjustment()),
                    notes.isEmpty() ? null : notes, components, robust);
        }
    }

    /** One level of the moderator: the participants behind it and its own model. */
    public record Level(String level, long participants, @JsonUnwrapped Pooled model) {
    }

    /**
     * The omnibus test of the moderator (QM) and the residual heterogeneity (QE).
     *
     * @param qmDf2  the F test's denominator df under test=knha; {@code null} for the chi-square test
     * @param robust the CR2 HTZ test of the moderator when robust=cr2
     */
    public record ModeratorTest(Double qm, int qmDf, Double qmPValue, Double qe, int qeDf, Double qePValue,
                                Double qmDf2, RobustTest robust, List<String> notes) {
    }

    /**
     * One unit's effect size with its 95% confidence interval, as {@code escalc} gives it.
     *
     * @param moderators every moderator's value for the unit, by parameter name; {@code null} when unknown
     * @param heldBack   why the unit shows an earlier release's figures, when the release held it back
     */
    public record Row(String unitId, String institutionId, double yi, double vi, long n, double ciLower,
                      double ciUpper, Map<String, Object> moderators, String heldBack) {
    }

    public record Comparison(@JsonUnwrapped Header header, Pooled overall, String moderator, List<Level> levels,
                             ModeratorTest moderatorTest, List<Row> rows, List<ComparisonEngine.Excluded> excluded,
                             List<String> notes) {
    }

    /** @param robust the coefficient's CR2 test when robust=cr2 */
    public record CoefficientRow(String name, Double estimate, Double se, Double statistic, Double pValue,
                                 Double ciLower, Double ciUpper, RobustTest robust) {
    }

    /** A point of the fitted line of a one-moderator regression, with its confidence band. */
    public record FittedPoint(double x, Double estimate, Double ciLower, Double ciUpper) {
    }

    public record Regression(@JsonUnwrapped Header header, List<String> moderators, List<CoefficientRow> coefficients,
                             Double qm, int qmDf, Double qmPValue, Double qe, int qeDf, Double qePValue, Double tau2,
                             Double i2, Double r2, List<Component> components, RobustTest robustTest,
                             List<FittedPoint> fitted, List<Row> rows, List<ComparisonEngine.Excluded> excluded,
                             List<String> notes) {
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/comparison")
    Comparison comparison(Caller caller, QueryParameters parameters, @RequestParam(required = false) String moderator) {
        ComparisonQuery query = parameters.parse();
        Moderator by = moderator == null || moderator.isBlank() ? null : categorical(moderator);
        ComparisonUnits.Loaded loaded = units.load(caller, query, parameters.release());
        ComparisonEngine.Comparison result = units.compare(loaded, query, by);

        List<String> notes = new ArrayList<>();
        List<Level> levels = null;
        ModeratorTest moderatorTest = null;
        if (by != null) {
            SubgroupResult subgroups = result.subgroups();
            levels = new ArrayList<>();
            List<ComparisonEngine.Row> labelled = result.rows().stream()
                    .filter(r -> r.moderators().get(by.parameter()) != null).toList();
            List<String> labels = labelled.stream().map(r -> r.moderators().get(by.parameter()).toString()).toList();
            for (String level : subgroups.levels()) {
                List<ComparisonEngine.Row> members = labelled.stream()
                        .filter(r -> level.equals(r.moderators().get(by.parameter()).toString())).toList();
                long participants = members.stream().mapToLong(ComparisonEngine.Row::n).sum();
                Pooled pooled = standard(query) ? Pooled.of(subgroups.subgroups().get(level))
                        : ModelFits.pooled(members, query);
                levels.add(new Level(level, participants, pooled));
            }
            if (standard(query)) {
                MetaRegressionResult model = subgroups.moderatorModel();
                moderatorTest = new ModeratorTest(number(model.qm()), model.qmDf1(), number(model.qmPValue()),
                        number(model.qe()), model.qeDf(), number(model.qePValue()), number(model.qmDf2()), null,
                        model.notes().isEmpty() ? null : model.notes());
            } else if (subgroups.levels().size() >= 2) {
                moderatorTest = ModelFits.moderatorTest(labelled, labels, subgroups.levels(), query);
            }
            addNotes(notes, subgroups.notes());
        }
        Pooled overall = standard(query) ? Pooled.of(result.overall()) : ModelFits.pooled(result.rows(), query);
        addNotes(notes, overall.notes());
        return new Comparison(units.header(query, loaded, result.rows(), result.suppressedUnits()), overall,
                by == null ? null : by.parameter(), levels, moderatorTest, rows(result.rows(), loaded), result.excluded(),
                notes.isEmpty() ? null : notes);
    }

    /** The two-level model with model-based tests, as the answers were before a model could be chosen. */
    private static boolean standard(ComparisonQuery query) {
        return query.model() == ModelChoice.TWO_LEVEL && !query.robust();
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/meta-regression")
    Regression metaRegression(Caller caller, QueryParameters parameters,
                              @RequestParam(defaultValue = "meanAttendance") String moderators) {
        ComparisonQuery query = parameters.parse();
        if (query.measure() == EffectMeasure.SMD) {
            throw new RuleViolationException("measure", "one-of", "meta-regression takes SMCR or SMCC");
        }
        List<Moderator> by = continuousModerators(moderators);
        ComparisonUnits.Loaded loaded = units.load(caller, query, parameters.release());
        ComparisonEngine.Regression result = ComparisonEngine.regress(loaded.paired(), units.request(query), by);
        ModelFits.Regression model = ModelFits.regression(result.rows(), design(result.rows(), by),
                names(by), query);
        List<FittedPoint> fitted = by.size() == 1 && model.estimable() && result.rows().size() > 1
                ? fittedLine(model, result.rows(), by.get(0)) : null;
        List<String> notes = new ArrayList<>();
        addNotes(notes, model.notes());
        return new Regression(units.header(query, loaded, result.rows(), result.suppressedUnits()),
                by.stream().map(Moderator::parameter).toList(), model.coefficients(), model.qm(), model.qmDf(),
                model.qmPValue(), model.qe(), model.qeDf(), model.qePValue(), model.tau2(), model.i2(), model.r2(),
                model.components(), model.robustTest(), fitted, rows(result.rows(), loaded), result.excluded(),
                notes.isEmpty() ? null : notes);
    }

    static double[][] design(List<ComparisonEngine.Row> rows, List<Moderator> by) {
        double[][] x = new double[rows.size()][by.size() + 1];
        for (int i = 0; i < rows.size(); i++) {
            x[i][0] = 1;
            for (int j = 0; j < by.size(); j++) {
                x[i][j + 1] = ((Number) rows.get(i).moderators().get(by.get(j).parameter())).doubleValue();
            }
        }
        return x;
    }

    static List<String> names(List<Moderator> by) {
        List<String> names = new ArrayList<>();
        names.add(org.balintobservatory.metaanalysis.model.MetaRegression.INTERCEPT);
        by.forEach(m -> names.add(m.parameter()));
        return names;
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping(value = "/effect-sizes.csv", produces = "text/csv")
    ResponseEntity<String> effectSizes(Caller caller, QueryParameters parameters) {
        ComparisonQuery query = parameters.parse();
        ComparisonUnits.Loaded loaded = units.load(caller, query, parameters.release());
        ComparisonEngine.Comparison result = units.compare(loaded, query, null);
        String csv = EffectSizeCsv.write(result.rows());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"effect-sizes.csv\"")
                .header("X-Log-Position", loaded.source().logPosition().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")))
                .header("X-Data-Release", String.valueOf(loaded.source().release()))
                .body(csv);
    }

    /**
     * The query parameters the three endpoints share, bound by name; absent ones take the defaults below.
     */
    record QueryParameters(String instrument, String scale, String from, String to, String unit, String measure,
                           String method, String test, String participantType, String country, String format,
                           String arm, String since, String until, String release, String model, String robust) {

        ComparisonQuery parse() {
            return ComparisonQuery.parse(instrument, or(scale, "total"), or(from, "BASELINE"), or(to, "POST"),
                    or(unit, "group"), or(measure, "SMCR"), or(method, "REML"), or(test, "z"), participantType,
                    country, format, arm, since, until, or(model, "two-level"), or(robust, "none"));
        }

        private static String or(String value, String otherwise) {
            return value == null || value.isBlank() ? otherwise : value;
        }
    }

    static Moderator categorical(String name) {
        Moderator m = Moderator.byParameter(name).orElseThrow(() -> new RuleViolationException("moderator", "one-of",
                "unknown moderator " + name + "; one of " + names(Moderator.Kind.CATEGORICAL)));
        if (m.kind() != Moderator.Kind.CATEGORICAL) {
            throw new RuleViolationException("moderator", "categorical", name
                    + " is continuous: use /meta-regression?moderators=" + name);
        }
        return m;
    }

    /**
     * The moderators of a meta-regression, {@code meanAttendance,plannedSize}: each a continuous moderator,
     * named once, none left empty. ({@code ",,,"} names none, which no model can be fitted on.)
     */
    static List<Moderator> continuousModerators(String moderators) {
        List<Moderator> by = new ArrayList<>();
        for (String name : moderators.split(",", -1)) {
            Moderator m = continuous(name.trim());
            if (by.contains(m)) {
                throw new RuleViolationException("moderators", "once", m.parameter() + " is named twice");
            }
            by.add(m);
        }
        return List.copyOf(by);
    }

    private static Moderator continuous(String name) {
        if (name.isEmpty()) {
            throw new RuleViolationException("moderators", "not-empty", "moderators is a comma-separated list of "
                    + "continuous moderators without empty entries; one of " + names(Moderator.Kind.CONTINUOUS));
        }
        Moderator m = Moderator.byParameter(name).orElseThrow(() -> new RuleViolationException("moderators", "one-of",
                "unknown moderator " + name + "; one of " + names(Moderator.Kind.CONTINUOUS)));
        if (m.kind() != Moderator.Kind.CONTINUOUS) {
            throw new RuleViolationException("moderators", "continuous", name
                    + " is categorical: use /comparison?moderator=" + name);
        }
        return m;
    }

    private static String names(Moderator.Kind kind) {
        return Arrays.stream(Moderator.values()).filter(m -> m.kind() == kind).map(Moderator::parameter)
                .collect(Collectors.joining(", "));
    }

    /** Each unit's effect with its 95% Wald interval, yi ± z₀.₉₇₅·√vi, and whether its release held it back. */
    static List<Row> rows(List<ComparisonEngine.Row> rows, ComparisonUnits.Loaded loaded) {
        Map<String, String> heldBack = loaded.heldBack();
        List<Row> out = new ArrayList<>(rows.size());
        for (ComparisonEngine.Row r : rows) {
            double half = 1.959963984540054 * Math.sqrt(r.vi());
            out.add(new Row(r.unitId(), r.institutionId(), r.yi(), r.vi(), r.n(), r.yi() - half, r.yi() + half,
                    r.moderators(), heldBack.get(r.unitId())));
        }
        return out;
    }

    private static List<FittedPoint> fittedLine(ModelFits.Regression model, List<ComparisonEngine.Row> rows,
                                                Moderator by) {
        double min = rows.stream().mapToDouble(r -> ((Number) r.moderators().get(by.parameter())).doubleValue()).min().orElseThrow();
        double max = rows.stream().mapToDouble(r -> ((Number) r.moderators().get(by.parameter())).doubleValue()).max().orElseThrow();
        List<FittedPoint> line = new ArrayList<>();
        int points = min == max ? 1 : 50;
        for (int i = 0; i < points; i++) {
            double x = points == 1 ? min : min + (max - min) * i / (points - 1);
            Prediction p = model.predict().apply(x);
            line.add(new FittedPoint(x, number(p.estimate()), number(p.ciLower()), number(p.ciUpper())));
        }
        return line;
    }

    private static void addNotes(List<String> all, List<String> notes) {
        if (notes != null) {
            notes.stream().filter(n -> !all.contains(n)).forEach(all::add);
        }
    }

    /** JSON has no NaN: an undefined statistic is {@code null}. */
    static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
