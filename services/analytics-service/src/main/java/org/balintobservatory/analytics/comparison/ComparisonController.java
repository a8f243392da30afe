package org.balintobservatory.analytics.comparison;

import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.metaanalysis.model.Coefficient;
import org.balintobservatory.metaanalysis.model.MetaRegressionResult;
import org.balintobservatory.metaanalysis.model.Prediction;
import org.balintobservatory.metaanalysis.model.RandomEffectsResult;
import org.balintobservatory.metaanalysis.model.SubgroupResult;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.web.RuleViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    private final UnitSource units;
    private final ComparisonProperties privacy;

    public ComparisonController(UnitSource units, ComparisonProperties privacy) {
        this.units = units;
        this.privacy = privacy;
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/comparison")
    Map<String, Object> comparison(Caller caller, QueryParameters parameters,
                                   @RequestParam(required = false) String moderator) {
        ComparisonQuery query = parameters.parse();
        Moderator by = moderator == null || moderator.isBlank() ? null : categorical(moderator);
        Loaded loaded = load(caller, query);
        ComparisonEngine.Comparison result = compare(loaded, query, by);

        Map<String, Object> answer = header(query, loaded, result.rows(), result.suppressedUnits());
        answer.put("overall", summary(result.overall()));
        if (by != null) {
            answer.put("moderator", by.parameter());
            SubgroupResult subgroups = result.subgroups();
            List<Map<String, Object>> levels = new ArrayList<>();
            for (String level : subgroups.levels()) {
                RandomEffectsResult fit = subgroups.subgroups().get(level);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("level", level);
                row.put("participants", result.rows().stream()
                        .filter(r -> level.equals(r.moderators().get(by.parameter()))).mapToLong(ComparisonEngine.Row::n).sum());
                row.putAll(summary(fit));
                levels.add(row);
            }
            answer.put("levels", levels);
            MetaRegressionResult model = subgroups.moderatorModel();
            Map<String, Object> moderatorTest = new LinkedHashMap<>();
            moderatorTest.put("qm", number(model.qm()));
            moderatorTest.put("qmDf", number(model.qmDf1()));
            moderatorTest.put("qmPValue", number(model.qmPValue()));
            moderatorTest.put("qe", number(model.qe()));
            moderatorTest.put("qeDf", number(model.qeDf()));
            moderatorTest.put("qePValue", number(model.qePValue()));
            answer.put("moderatorTest", moderatorTest);
            notes(answer, subgroups.notes());
        }
        answer.put("rows", rows(result.rows()));
        answer.put("excluded", result.excluded());
        notes(answer, result.overall().notes());
        return answer;
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping("/meta-regression")
    Map<String, Object> metaRegression(Caller caller, QueryParameters parameters,
                                       @RequestParam(defaultValue = "meanAttendance") String moderators) {
        ComparisonQuery query = parameters.parse();
        if (query.measure() == EffectMeasure.SMD) {
            throw new RuleViolationException("measure", "one-of", "meta-regression takes SMCR or SMCC");
        }
        List<Moderator> by = Arrays.stream(moderators.split(",")).map(String::trim).map(this::continuous).toList();
        Loaded loaded = load(caller, query);
        ComparisonEngine.Regression result = ComparisonEngine.regress(loaded.paired(),
                request(query), by);
        MetaRegressionResult model = result.model();

        Map<String, Object> answer = header(query, loaded, result.rows(), result.suppressedUnits());
        answer.put("moderators", by.stream().map(Moderator::parameter).toList());
        answer.put("coefficients", model.coefficients().stream().map(ComparisonController::coefficient).toList());
        answer.put("qm", number(model.qm()));
        answer.put("qmDf", number(model.qmDf1()));
        answer.put("qmPValue", number(model.qmPValue()));
        answer.put("qe", number(model.qe()));
        answer.put("qeDf", number(model.qeDf()));
        answer.put("qePValue", number(model.qePValue()));
        answer.put("tau2", number(model.tau2()));
        answer.put("i2", number(model.i2()));
        answer.put("r2", number(model.r2()));
        if (by.size() == 1 && model.estimable() && result.rows().size() > 1) {
            answer.put("fitted", fittedLine(model, result.rows(), by.get(0)));
        }
        answer.put("rows", rows(result.rows()));
        answer.put("excluded", result.excluded());
        notes(answer, model.notes());
        return answer;
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping(value = "/effect-sizes.csv", produces = "text/csv")
    ResponseEntity<String> effectSizes(Caller caller, QueryParameters parameters) {
        ComparisonQuery query = parameters.parse();
        Loaded loaded = load(caller, query);
        ComparisonEngine.Comparison result = compare(loaded, query, null);
        String csv = EffectSizeCsv.write(result.rows());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"effect-sizes.csv\"")
                .header("X-Log-Position", loaded.source().logPosition().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")))
                .body(csv);
    }

    /**
     * The query parameters the three endpoints share, bound by name; absent ones take the defaults below.
     */
    record QueryParameters(String instrument, String scale, String from, String to, String unit, String measure,
                           String method, String test, String participantType, String country, String format,
                           String arm, String since, String until) {

        ComparisonQuery parse() {
            return ComparisonQuery.parse(instrument, or(scale, "total"), or(from, "BASELINE"), or(to, "POST"),
                    or(unit, "group"), or(measure, "SMCR"), or(method, "REML"), or(test, "z"), participantType,
                    country, format, arm, since, until);
        }

        private static String or(String value, String otherwise) {
            return value == null || value.isBlank() ? otherwise : value;
        }
    }

    private record Loaded(UnitSource.LoadedUnits source, List<UnitData> paired, List<ControlledUnitData> controlled) {
    }

    private Loaded load(Caller caller, ComparisonQuery query) {
        UnitSource.LoadedUnits loaded = units.load(caller, query.unit(), query.instrument(), query.scale(),
                query.from(), query.to(), query.since(), query.until());
        List<UnitSource.LoadedUnit> accepted = loaded.units().stream().filter(u -> query.accepts(u.profile())).toList();
        List<UnitData> paired = accepted.stream().map(u -> new UnitData(u.profile(), u.moments())).toList();
        List<ControlledUnitData> controlled = new ArrayList<>();
        if (query.measure() == EffectMeasure.SMD) {
            Map<String, UnitSource.LoadedUnit> control = new HashMap<>();
            accepted.stream().filter(u -> "CONTROL".equals(u.profile().arm()))
                    .forEach(u -> control.put(u.profile().institutionId(), u));
            accepted.stream().filter(u -> "INTERVENTION".equals(u.profile().arm())).forEach(u -> {
                UnitSource.LoadedUnit c = control.get(u.profile().institutionId());
                if (c != null) {
                    controlled.add(new ControlledUnitData(u.profile(), u.moments(), c.moments()));
                }
            });
        }
        return new Loaded(loaded, paired, controlled);
    }

    private ComparisonEngine.Comparison compare(Loaded loaded, ComparisonQuery query, Moderator by) {
        ComparisonEngine.Request request = request(query);
        return query.measure() == EffectMeasure.SMD
                ? ComparisonEngine.compareControlled(loaded.controlled(), request, by)
                : ComparisonEngine.compare(loaded.paired(), request, by);
    }

    /**
     * Small units are suppressed for every caller, a school looking at its own groups included: one rule
     * everywhere leaves nothing to difference between two callers' answers.
     */
    private ComparisonEngine.Request request(ComparisonQuery query) {
        return new ComparisonEngine.Request(query.measure(), query.options(), privacy.minimumCellSize());
    }

    private Map<String, Object> header(ComparisonQuery query, Loaded loaded, List<ComparisonEngine.Row> rows,
                                       int suppressed) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instrument", query.instrument());
        answer.put("scale", query.scale());
        answer.put("direction", loaded.source().direction());
        answer.put("from", query.from());
        answer.put("to", query.to());
        answer.put("unit", query.unit());
        answer.put("measure", query.measure());
        answer.put("method", query.method());
        answer.put("test", query.test().name().toLowerCase());
        answer.put("k", rows.size());
        answer.put("participants", rows.stream().mapToLong(ComparisonEngine.Row::n).sum());
        answer.put("suppressedUnits", suppressed);
        answer.put("minimumCellSize", privacy.minimumCellSize());
        answer.put("logPosition", loaded.source().logPosition());
        answer.put("generation", loaded.source().generation());
        return answer;
    }

    private Moderator categorical(String name) {
        Moderator m = Moderator.byParameter(name).orElseThrow(() -> new RuleViolationException("moderator", "one-of",
                "unknown moderator " + name + "; one of " + names(Moderator.Kind.CATEGORICAL)));
        if (m.kind() != Moderator.Kind.CATEGORICAL) {
            throw new RuleViolationException("moderator", "categorical", name
                    + " is continuous: use /meta-regression?moderators=" + name);
        }
        return m;
    }

    private Moderator continuous(String name) {
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

    static Map<String, Object> summary(RandomEffectsResult fit) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("k", fit.k());
        s.put("estimate", number(fit.estimate()));
        s.put("se", number(fit.se()));
        s.put("statistic", number(fit.statistic()));
        s.put("pValue", number(fit.pValue()));
        s.put("ciLower", number(fit.ciLower()));
        s.put("ciUpper", number(fit.ciUpper()));
        s.put("predictionLower", number(fit.predictionLower()));
        s.put("predictionUpper", number(fit.predictionUpper()));
        s.put("tau2", number(fit.tau2()));
        s.put("i2", number(fit.i2()));
        s.put("h2", number(fit.h2()));
        s.put("q", number(fit.q()));
        s.put("qDf", number(fit.qDf()));
        s.put("qPValue", number(fit.qPValue()));
        return s;
    }

    private static Map<String, Object> coefficient(Coefficient c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("estimate", number(c.estimate()));
        m.put("se", number(c.se()));
        m.put("statistic", number(c.statistic()));
        m.put("pValue", number(c.pValue()));
        m.put("ciLower", number(c.ciLower()));
        m.put("ciUpper", number(c.ciUpper()));
        return m;
    }

    private static List<Map<String, Object>> rows(List<ComparisonEngine.Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ComparisonEngine.Row r : rows) {
            double half = 1.959963984540054 * Math.sqrt(r.vi());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unitId", r.unitId());
            m.put("institutionId", r.institutionId());
            m.put("yi", r.yi());
            m.put("vi", r.vi());
            m.put("n", r.n());
            m.put("ciLower", r.yi() - half);
            m.put("ciUpper", r.yi() + half);
            m.put("moderators", r.moderators());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> fittedLine(MetaRegressionResult model, List<ComparisonEngine.Row> rows,
                                                        Moderator by) {
        double min = rows.stream().mapToDouble(r -> ((Number) r.moderators().get(by.parameter())).doubleValue()).min().orElseThrow();
        double max = rows.stream().mapToDouble(r -> ((Number) r.moderators().get(by.parameter())).doubleValue()).max().orElseThrow();
        List<Map<String, Object>> line = new ArrayList<>();
        int points = min == max ? 1 : 50;
        for (int i = 0; i < points; i++) {
            double x = points == 1 ? min : min + (max - min) * i / (points - 1);
            Prediction p = model.predict(x);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("x", x);
            point.put("estimate", number(p.estimate()));
            point.put("ciLower", number(p.ciLower()));
            point.put("ciUpper", number(p.ciUpper()));
            line.add(point);
        }
        return line;
    }

    private static void notes(Map<String, Object> answer, List<String> notes) {
        if (notes == null || notes.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>) answer.computeIfAbsent("notes", k -> new ArrayList<String>());
        notes.stream().filter(n -> !all.contains(n)).forEach(all::add);
    }

    /** JSON has no NaN: an undefined statistic is {@code null}. */
    static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
