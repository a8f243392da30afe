package org.balintobservatory.survey.scoring;

import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;
import org.balintobservatory.survey.instrument.InstrumentKey;
import org.balintobservatory.survey.instrument.MissingDataRule;
import org.balintobservatory.survey.instrument.ResponseRange;
import org.balintobservatory.survey.instrument.Scale;
import org.balintobservatory.survey.instrument.ScoreRule;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.support.domain.Violation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores questionnaires by an {@link InstrumentKey}, identically for every institution.
 *
 * <p>The rules, applied to each scale separately:
 * <ol>
 *   <li><b>Range.</b> Every answer lies in the instrument's response range; an item number outside
 *       1..itemCount is refused ({@code item-exists}, {@code item-in-range}).</li>
 *   <li><b>Reverse scoring.</b> A reverse-keyed answer {@code x} counts as {@code min + max − x}, so on a 1–7
 *       item 2 counts as 6 (the convention of the Jefferson Scale and Perceived Stress Scale manuals).</li>
 *   <li><b>Missing items.</b> An absent or {@code null} item is missing. Under {@code COMPLETE_ONLY} no item
 *       may be missing. Under {@code PRORATE} at most {@code floor(maxMissingFraction × n)} of a scale's
 *       {@code n} items may be missing; the sum is then prorated as the mean of the answered items × n
 *       (person-mean imputation, the usual rule in scale manuals, e.g. Hojat 2016 for the Jefferson
 *       Scale). More missing items refuse the whole response, naming the scale ({@code missing-items}).</li>
 *   <li><b>Score.</b> SUM adds the (reverse-scored, prorated) items; MEAN averages the answered ones.
 *       Scores are rounded half-up to two decimals, so a prorated 102/19 × 20 is reported as 107.37.</li>
 * </ol>
 *
 * <p>Reported scores (a school that has no item responses) are checked instead: each of the instrument's
 * scales is present ({@code scale-reported}), no unknown scale is named ({@code scale-exists}), and each
 * score lies in its scale's valid range ({@code score-in-range}).
 */
public final class Scorer {

    private static final Pattern ITEM_NUMBER = Pattern.compile("[1-9][0-9]{0,2}");

    private Scorer() {
    }

    /**
     * Scores item responses.
     *
     * @throws RuleViolationException naming every item or scale that breaks a rule
     */
    public static ScoredResponse scoreItems(InstrumentKey key, Map<String, Integer> answers) {
        List<Violation> violations = new ArrayList<>();
        ResponseRange range = key.responseRange();
        Map<Integer, Integer> answered = new HashMap<>();
        for (Map.Entry<String, Integer> answer : answers.entrySet()) {
            String field = "items." + answer.getKey();
            if (!ITEM_NUMBER.matcher(answer.getKey()).matches()
                    || Integer.parseInt(answer.getKey()) > key.itemCount()) {
                violations.add(new Violation(field, "item-exists",
                        key.id() + " v" + key.version() + " has items 1–" + key.itemCount()));
            } else if (answer.getValue() != null) {
                if (!range.contains(answer.getValue())) {
                    violations.add(new Violation(field, "item-in-range", "answer " + answer.getValue()
                            + " is outside " + range.min() + "–" + range.max()));
                } else {
                    answered.put(Integer.parseInt(answer.getKey()), answer.getValue());
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        List<ScaleScore> scores = new ArrayList<>();
        boolean anyProrated = false;
        for (Scale scale : key.scales()) {
            List<Integer> values = new ArrayList<>();
            List<Integer> missing = new ArrayList<>();
            for (Integer item : scale.items()) {
                Integer answer = answered.get(item);
                if (answer == null) {
                    missing.add(item);
                } else {
                    values.add(key.reverseItems().contains(item) ? range.min() + range.max() - answer : answer);
                }
            }
            int allowed = key.missingData().missingAllowed(scale.items().size());
            if (missing.size() > allowed || values.isEmpty()) {
                violations.add(new Violation("items", "missing-items", "scale " + scale.id() + ": items "
                        + missing + " are missing; " + describe(key.missingData(), allowed, scale.items().size())));
                continue;
            }
            double mean = values.stream().mapToInt(Integer::intValue).average().orElseThrow();
            double score = scale.rule() == ScoreRule.MEAN ? mean : mean * scale.items().size();
            boolean prorated = !missing.isEmpty();
            anyProrated |= prorated;
            scores.add(new ScaleScore(scale.id(), round(score), scale.direction(), values.size(), prorated));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        Map<String, Integer> items = new LinkedHashMap<>();
        answered.keySet().stream().sorted().forEach(item -> items.put(String.valueOf(item), answered.get(item)));
        return new ScoredResponse(items, scores, ScoringMethod.ITEMS, anyProrated);
    }

    /**
     * Checks scores a school computed itself against the instrument's scales and ranges.
     *
     * @throws RuleViolationException naming every missing, unknown or out-of-range scale
     */
    public static ScoredResponse checkReported(InstrumentKey key, ReportedScores reported) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Double> byScale = new LinkedHashMap<>();
        Map<String, String> fieldOf = new HashMap<>();
        if (reported.total() != null) {
            byScale.put(InstrumentKey.TOTAL, reported.total());
            fieldOf.put(InstrumentKey.TOTAL, "scores.total");
        }
        if (reported.subscales() != null) {
            for (Map.Entry<String, Double> subscale : reported.subscales().entrySet()) {
                String field = "scores.subscales." + subscale.getKey();
                if (byScale.containsKey(subscale.getKey())) {
                    violations.add(new Violation(field, "unique", "scale " + subscale.getKey() + " is reported twice"));
                    continue;
                }
                byScale.put(subscale.getKey(), subscale.getValue());
                fieldOf.put(subscale.getKey(), field);
            }
        }
        for (String scaleId : byScale.keySet()) {
            if (key.scale(scaleId).isEmpty()) {
                violations.add(new Violation(fieldOf.get(scaleId), "scale-exists",
                        key.id() + " v" + key.version() + " has no scale " + scaleId));
            }
        }
        List<ScaleScore> scores = new ArrayList<>();
        for (Scale scale : key.scales()) {
            Double score = byScale.get(scale.id());
            String field = InstrumentKey.TOTAL.equals(scale.id()) ? "scores.total" : "scores.subscales." + scale.id();
            if (score == null) {
                violations.add(new Violation(field, "scale-reported", "scale " + scale.id() + " is required"));
            } else if (!Double.isFinite(score) || !scale.range().contains(score)) {
                violations.add(new Violation(field, "score-in-range", "score " + score + " is outside "
                        + scale.range().min() + "–" + scale.range().max()));
            } else {
                scores.add(new ScaleScore(scale.id(), round(score), scale.direction(), null, false));
            }
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        return new ScoredResponse(null, scores, ScoringMethod.REPORTED_SCORES, false);
    }

    private static String describe(MissingDataRule rule, int allowed, int itemCount) {
        return rule.method() == MissingDataRule.Method.COMPLETE_ONLY
                ? "every item must be answered"
                : "at most " + allowed + " of " + itemCount + " may be missing ("
                        + Math.round(rule.maxMissingFraction() * 100) + "% rule)";
    }

    static double round(double score) {
        return BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
