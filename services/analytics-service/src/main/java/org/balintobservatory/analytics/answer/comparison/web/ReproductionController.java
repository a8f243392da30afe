package org.balintobservatory.analytics.answer.comparison.web;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.ModelFits;
import org.balintobservatory.analytics.answer.comparison.engine.Moderator;
import org.balintobservatory.analytics.answer.comparison.reproduction.EffectSizeCsv;
import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionBundle;
import org.balintobservatory.analytics.answer.comparison.reproduction.ReproductionScript;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reproducibility bundle of a comparison or meta-regression answer ({@link ReproductionBundle}): the same
 * query parameters as the answer, plus {@code answer=comparison|meta-regression}.
 */
@RestController
@RequestMapping("/api/v1/analytics")
public class ReproductionController {

    private final ComparisonUnits units;

    public ReproductionController(ComparisonUnits units) {
        this.units = units;
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping(value = "/bundle.zip", produces = "application/zip")
    ResponseEntity<byte[]> bundle(Caller caller, ComparisonController.QueryParameters parameters,
                                  ReleaseChoice release,
                                  @RequestParam(defaultValue = "comparison") String answer,
                                  @RequestParam(required = false) String moderator,
                                  @RequestParam(defaultValue = "meanAttendance") String moderators) {
        ComparisonQuery query = parameters.parse();
        ComparisonUnits.Selection selection;
        ReproductionScript script;
        List<ComparisonEngine.Row> rows;
        int suppressed;
        String asked;
        switch (answer) {
            case "comparison" -> {
                Moderator by = moderator == null || moderator.isBlank() ? null : Moderator.categorical(moderator);
                selection = units.select(caller, release, query);
                ComparisonEngine.Comparison result = selection.compare(query, null);
                rows = result.rows();
                suppressed = result.suppressedUnits();
                script = ReproductionBundle.comparison(rows, query, by);
                asked = "/api/v1/analytics/comparison" + (by == null ? "" : " moderator=" + by.parameter());
            }
            case "meta-regression" -> {
                if (query.measure() == EffectMeasure.SMD) {
                    throw new RuleViolationException("measure", "one-of", "meta-regression takes SMCR or SMCC");
                }
                List<Moderator> by = Moderator.continuous(moderators);
                selection = units.select(caller, release, query);
                ComparisonEngine.Regression result = selection.regress(query, by);
                rows = result.rows();
                suppressed = result.suppressedUnits();
                script = ReproductionBundle.regression(rows, ModelFits.design(rows, by), ModelFits.names(by), query);
                asked = "/api/v1/analytics/meta-regression moderators="
                        + String.join(",", by.stream().map(Moderator::parameter).toList());
            }
            default -> throw new RuleViolationException("answer", "one-of", "answer must be comparison or meta-regression");
        }
        ComparisonController.Header header = ComparisonController.Header.of(query, selection, rows, suppressed);
        ReadScope scope = selection.scope();
        String described = asked + " " + describe(query, scope);
        Map<String, String> software = new LinkedHashMap<>();
        String version = ReproductionController.class.getPackage().getImplementationVersion();
        software.put("service", version == null ? "development build" : version);
        software.put("java", System.getProperty("java.version"));
        software.put("metafor (checked against)", ReproductionScript.METAFOR_VERSION);
        software.put("clubSandwich (checked against)", ReproductionScript.CLUBSANDWICH_VERSION);
        ReproductionBundle.Manifest manifest = new ReproductionBundle.Manifest(described, scope.label(),
                new TreeMap<>(scope.logPosition()), scope.generation(),
                scope.live() ? null : scope.release().instrumentVersions(), software, header.k(), header.participants(),
                header.suppressedUnits(), header.minimumCellSize());
        byte[] zip = ReproductionBundle.zip(EffectSizeCsv.write(rows, scope.label()), script.render(described),
                ReproductionBundle.json(manifest));
        return ResponseEntity.ok().contentType(new MediaType("application", "zip"))
                .header("Content-Disposition", "attachment; filename=\"bundle.zip\"").body(zip);
    }

    /** The query as asked, with the release it was answered from (none in a school's live view). */
    private static String describe(ComparisonQuery q, ReadScope scope) {
        return "instrument=" + q.instrument() + " scale=" + q.scale() + " from=" + q.from() + " to=" + q.to()
                + " unit=" + q.unit() + " measure=" + q.measure() + " method=" + q.method() + " test="
                + q.test().name().toLowerCase(java.util.Locale.ROOT) + " model=" + q.model().parameter() + " robust="
                + (q.robust() ? "cr2" : "none")
                + (q.participantType() == null ? "" : " participantType=" + q.participantType())
                + (q.country() == null ? "" : " country=" + q.country())
                + (q.format() == null ? "" : " format=" + q.format())
                + (q.arm() == null ? "" : " arm=" + q.arm())
                + (q.since() == null ? "" : " since=" + q.since())
                + (q.until() == null ? "" : " until=" + q.until())
                + (scope.live() ? " (live view at log position " + new TreeMap<>(scope.logPosition()) + ")"
                : " release=" + scope.releaseName() + " (cut " + scope.release().cutAt() + ", log position "
                + new TreeMap<>(scope.logPosition()) + ")");
    }
}
