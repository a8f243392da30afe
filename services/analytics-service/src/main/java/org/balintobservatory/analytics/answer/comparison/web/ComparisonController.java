package org.balintobservatory.analytics.answer.comparison.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletResponse;
import org.balintobservatory.analytics.answer.comparison.engine.CoefficientRow;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.Component;
import org.balintobservatory.analytics.answer.comparison.engine.FittedPoint;
import org.balintobservatory.analytics.answer.comparison.engine.ModelChoice;
import org.balintobservatory.analytics.answer.comparison.engine.ModelFits;
import org.balintobservatory.analytics.answer.comparison.engine.Moderator;
import org.balintobservatory.analytics.answer.comparison.engine.ModeratorTest;
import org.balintobservatory.analytics.answer.comparison.engine.Pooled;
import org.balintobservatory.analytics.answer.comparison.engine.RobustTest;
import org.balintobservatory.analytics.answer.comparison.reproduction.EffectSizeCsv;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.model.EstimationMethod;
import org.balintobservatory.metaanalysis.regression.MetaRegressionResult;
import org.balintobservatory.metaanalysis.regression.SubgroupResult;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.balintobservatory.analytics.answer.comparison.engine.ModelFits.number;

/**
 * Researchers' questions across institutions: do smaller groups, weekly meetings, accredited or co-led
 * facilitation give larger gains? Every answer carries the per-unit rows behind it and what it was read
 * from, and {@code effect-sizes.csv} gives the same rows to check in R:
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
     * @param release         what the answer comes from: a data release (name, cut time, log position), or a
     *                        school's live view
     */
    public record Header(String instrument, String scale, String direction, Timepoint from, Timepoint to, String unit,
                         EffectMeasure measure, EstimationMethod method, String test, String model, String robust,
                         int k, long participants, int suppressedUnits, Withholding.Counts withheldUnits,
                         int minimumCellSize,
                         Map<String, Long> logPosition, int generation, ReleaseLabel release) {

        /**
         * @param rows           the rows the answer's estimates are built from
         * @param belowThreshold units the engine left out for having fewer participants than the threshold
         */
        static Header of(ComparisonQuery query, ComparisonUnits.Selection selection,
                         List<ComparisonEngine.Row> rows, int belowThreshold) {
            Withholding.Counts withheld = selection.withheld().plusBelowThreshold(belowThreshold);
            return new Header(query.instrument(), query.scale(), selection.direction(), query.from(), query.to(),
                    query.unit(), query.measure(), query.method(), query.test().name().toLowerCase(Locale.ROOT),
                    query.model().parameter(), query.robust() ? "cr2" : "none", rows.size(),
                    rows.stream().mapToLong(ComparisonEngine.Row::n).sum(), withheld.total(), withheld,
                    selection.scope().minCellSize(), selection.scope().logPosition(), selection.scope().generation(),
                    selection.scope().label());
        }
    }

    /** One level of the moderator: the participants behind it and its own model. */
    public record Level(String level, long participants, @JsonUnwrapped Pooled model) {
    }

    /**
     * @param rows     the units in the model, all of them, a page or none ({@code null}) as asked ({@link UnitRows})
     * @param page     which rows {@code rows} holds, and how many there are in all
     * @param excluded units with pairs that no estimate could use, and why; {@code null} with {@code units=none}
     */
    public record Comparison(@JsonUnwrapped Header header, Pooled overall, String moderator, List<Level> levels,
                             ModeratorTest moderatorTest, List<ComparisonEngine.Row> rows, UnitRows.Page page,
                             List<ComparisonEngine.Excluded> excluded, List<String> notes) {
    }

    /** {@code rows}, {@code page} and {@code excluded} as in {@link Comparison}. */
    public record Regression(@JsonUnwrapped Header header, List<String> moderators, List<CoefficientRow> coefficients,
                             Double qm, int qmDf, Double qmPValue, Double qe, int qeDf, Double qePValue, Double tau2,
                             Double i2, Double r2, List<Component> components, RobustTest robustTest,
                             List<FittedPoint> fitted, List<ComparisonEngine.Row> rows, UnitRows.Page page,
                             List<ComparisonEngine.Excluded> excluded, List<String> notes) {
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/comparison")
    Comparison comparison(Caller caller, QueryParameters parameters, ReleaseChoice release,
                          UnitRows.Parameters unitRows, @RequestParam(required = false) String moderator) {
        ComparisonQuery query = parameters.parse();
        UnitRows shown = unitRows.parse();
        Moderator by = moderator == null || moderator.isBlank() ? null : Moderator.categorical(moderator);
        ComparisonUnits.Selection selection = units.select(caller, release, query);
        ComparisonEngine.Comparison result = selection.compare(query, by);

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
        return new Comparison(Header.of(query, selection, result.rows(), result.suppressedUnits()), overall,
                by == null ? null : by.parameter(), levels, moderatorTest, shown.shown(result.rows()),
                shown.page(result.rows()), shown.excluded(result.excluded()), notes.isEmpty() ? null : notes);
    }

    /** The two-level model with model-based tests, as the answers were before a model could be chosen. */
    private static boolean standard(ComparisonQuery query) {
        return query.model() == ModelChoice.TWO_LEVEL && !query.robust();
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/meta-regression")
    Regression metaRegression(Caller caller, QueryParameters parameters, ReleaseChoice release,
                              UnitRows.Parameters unitRows,
                              @RequestParam(defaultValue = "meanAttendance") String moderators) {
        ComparisonQuery query = parameters.parse();
        UnitRows shown = unitRows.parse();
        if (query.measure() == EffectMeasure.SMD) {
            throw new RuleViolationException("measure", "one-of", "meta-regression takes SMCR or SMCC");
        }
        List<Moderator> by = Moderator.continuous(moderators);
        ComparisonUnits.Selection selection = units.select(caller, release, query);
        ComparisonEngine.Regression result = selection.regress(query, by);
        ModelFits.Regression model = ModelFits.regression(result.rows(), ModelFits.design(result.rows(), by),
                ModelFits.names(by), query);
        List<FittedPoint> fitted = by.size() == 1 && model.estimable() && result.rows().size() > 1
                ? ModelFits.fittedLine(model, result.rows(), by.get(0)) : null;
        List<String> notes = new ArrayList<>();
        addNotes(notes, model.notes());
        return new Regression(Header.of(query, selection, result.rows(), result.suppressedUnits()),
                by.stream().map(Moderator::parameter).toList(), model.coefficients(), model.qm(), model.qmDf(),
                model.qmPValue(), model.qe(), model.qeDf(), model.qePValue(), model.tau2(), model.i2(), model.r2(),
                model.components(), model.robustTest(), fitted, shown.shown(result.rows()), shown.page(result.rows()),
                shown.excluded(result.excluded()), notes.isEmpty() ? null : notes);
    }

    /**
     * The rows as CSV, written to the client row by row as they are formatted: the answer is never held whole. A
     * question that is refused is refused before the first byte, with problem details.
     */
    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping(value = "/effect-sizes.csv", produces = "text/csv")
    void effectSizes(Caller caller, QueryParameters parameters, ReleaseChoice release, HttpServletResponse response)
            throws IOException {
        ComparisonQuery query = parameters.parse();
        ComparisonUnits.Selection selection = units.select(caller, release, query);
        List<ComparisonEngine.Row> rows = selection.compare(query, null).rows();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"effect-sizes.csv\"");
        response.setHeader("X-Log-Position", selection.scope().logPosition().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        response.setHeader("X-Data-Release", selection.scope().live() ? "live" : selection.scope().releaseName());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        EffectSizeCsv.write(rows, selection.scope().label(), out);
        out.flush();
    }

    /**
     * The query parameters every comparison endpoint shares, bound by name; absent ones take the defaults below.
     * The release asked is a {@link ReleaseChoice} of its own, as on every endpoint a researcher asks.
     */
    record QueryParameters(String instrument, String scale, String from, String to, String unit, String measure,
                           String method, String test, String participantType, String country, String format,
                           String arm, String since, String until, String model, String robust) {

        ComparisonQuery parse() {
            return ComparisonQuery.parse(instrument, or(scale, "total"), or(from, "BASELINE"), or(to, "POST"),
                    or(unit, "group"), or(measure, "SMCR"), or(method, "REML"), or(test, "z"), participantType,
                    country, format, arm, since, until, or(model, "two-level"), or(robust, "none"));
        }

        private static String or(String value, String otherwise) {
            return value == null || value.isBlank() ? otherwise : value;
        }
    }

    private static void addNotes(List<String> all, List<String> notes) {
        if (notes != null) {
            notes.stream().filter(n -> !all.contains(n)).forEach(all::add);
        }
    }
}
