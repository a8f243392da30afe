package org.balintobservatory.survey.instrument;

import org.balintobservatory.personaldata.IdentifierGuard;
import org.balintobservatory.support.domain.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that a scoring key can score anything at all: every item it names exists, every scale has
 * items, ranges are ordered and the declared score ranges are the ones the items imply. A key that
 * passes can score every complete response without surprises.
 */
public final class InstrumentKeyValidator {

    public static final Pattern INSTRUMENT_ID = Pattern.compile("[a-z0-9-]{2,64}");
    public static final Pattern SCALE_ID = Pattern.compile("[a-z0-9-]{1,64}");
    /** Item numbers travel as JSON object keys of up to three digits. */
    static final int MAX_ITEMS = 999;
    /** Likert-type answers; a wider range is almost certainly a unit mistake (e.g. a percentage). */
    static final int MIN_ANSWER = -100;
    static final int MAX_ANSWER = 100;
    static final double MAX_MISSING_FRACTION = 0.5;
    /** Names of instruments and scales are labels for reports, not descriptions. */
    static final int MAX_NAME = 200;

    private InstrumentKeyValidator() {
    }

    /** What identifies a person in an instrument's or a scale's id; ids of one or two letters say nothing. */
    private static java.util.Optional<IdentifierGuard.Refusal> identifying(String id) {
        return id.length() < 3 ? java.util.Optional.empty() : IdentifierGuard.checkId(id);
    }

    public static List<Violation> validate(InstrumentKey key) {
        List<Violation> violations = new ArrayList<>();
        if (key.id() == null || !INSTRUMENT_ID.matcher(key.id()).matches()) {
            violations.add(new Violation("id", "pattern", "must match ^[a-z0-9-]{2,64}$"));
        } else {
            identifying(key.id()).ifPresent(r -> violations.add(
                    new Violation("id", "pseudonymous-id", r.rule() + ": " + r.message())));
        }
        if (key.version() < 1) {
            violations.add(new Violation("version", "min", "versions start at 1"));
        }
        if (key.name() == null || key.name().isBlank() || key.name().length() > MAX_NAME) {
            violations.add(new Violation("name", "not-blank", "a name of 1–" + MAX_NAME + " characters is required"));
        } else {
            IdentifierGuard.checkText(key.name()).ifPresent(r -> violations.add(
                    new Violation("name", "no-personal-data", r.rule() + ": " + r.message())));
        }
        if (key.source() == null || key.source().isBlank() || key.source().length() > 1000) {
            violations.add(new Violation("source", "not-blank",
                    "cite the published instrument the key is modelled on (1–1000 characters)"));
        }
        boolean itemsKnown = key.itemCount() >= 1 && key.itemCount() <= MAX_ITEMS;
        if (!itemsKnown) {
            violations.add(new Violation("itemCount", "in-range", "itemCount must be 1–" + MAX_ITEMS));
        }
        ResponseRange answers = key.responseRange();
        boolean answersKnown = answers != null && answers.min() < answers.max()
                && answers.min() >= MIN_ANSWER && answers.max() <= MAX_ANSWER;
        if (!answersKnown) {
            violations.add(new Violation("responseRange", "ordered-range",
                    "responseRange needs min < max, both within " + MIN_ANSWER + ".." + MAX_ANSWER));
        }
        checkItems("reverseItems", key.reverseItems(), key.itemCount(), itemsKnown, violations);
        checkMissingData(key.missingData(), violations);
        if (key.scales() == null || key.scales().isEmpty()) {
            violations.add(new Violation("scales", "not-empty", "an instrument scores at least one scale"));
            return violations;
        }
        Set<String> scaleIds = new HashSet<>();
        for (int i = 0; i < key.scales().size(); i++) {
            Scale scale = key.scales().get(i);
            String at = "scales[" + i + "]";
            if (scale == null) {
                violations.add(new Violation(at, "not-null", "a scale is required"));
                continue;
            }
            if (scale.id() == null || !SCALE_ID.matcher(scale.id()).matches()) {
                violations.add(new Violation(at + ".id", "pattern", "must match ^[a-z0-9-]{1,64}$"));
            } else if (!scaleIds.add(scale.id())) {
                violations.add(new Violation(at + ".id", "unique", "scale " + scale.id() + " appears twice"));
            } else {
                identifying(scale.id()).ifPresent(r -> violations.add(
                        new Violation(at + ".id", "pseudonymous-id", r.rule() + ": " + r.message())));
            }
            if (scale.name() == null || scale.name().isBlank() || scale.name().length() > MAX_NAME) {
                violations.add(new Violation(at + ".name", "not-blank", "a scale name of 1–" + MAX_NAME
                        + " characters is required"));
            } else {
                IdentifierGuard.checkText(scale.name()).ifPresent(r -> violations.add(
                        new Violation(at + ".name", "no-personal-data", r.rule() + ": " + r.message())));
            }
            if (scale.rule() == null) {
                violations.add(new Violation(at + ".rule", "not-null", "SUM or MEAN"));
            }
            if (scale.direction() == null) {
                violations.add(new Violation(at + ".direction", "not-null", "HIGHER_IS_BETTER or LOWER_IS_BETTER"));
            }
            if (scale.items() == null || scale.items().isEmpty()) {
                violations.add(new Violation(at + ".items", "not-empty", "a scale has at least one item"));
                continue;
            }
            checkItems(at + ".items", scale.items(), key.itemCount(), itemsKnown, violations);
            if (scale.rule() != null && answersKnown) {
                ScoreRange implied = BuiltInInstruments.impliedRange(scale.items().size(), scale.rule(),
                        answers.min(), answers.max());
                if (!implied.equals(scale.range())) {
                    violations.add(new Violation(at + ".range", "range-matches-items", "a " + scale.rule()
                            + " of " + scale.items().size() + " items answered " + answers.min() + "–" + answers.max()
                            + " ranges over " + implied.min() + "–" + implied.max()));
                }
            }
        }
        return violations;
    }

    private static void checkItems(String field, List<Integer> items, int itemCount, boolean itemsKnown,
                                   List<Violation> violations) {
        Set<Integer> seen = new HashSet<>();
        for (int j = 0; j < items.size(); j++) {
            Integer item = items.get(j);
            if (item == null || (itemsKnown && (item < 1 || item > itemCount))) {
                violations.add(new Violation(field + "[" + j + "]", "item-exists",
                        "item " + item + " is not one of items 1–" + itemCount));
            } else if (!seen.add(item)) {
                violations.add(new Violation(field + "[" + j + "]", "unique", "item " + item + " appears twice"));
            }
        }
    }

    private static void checkMissingData(MissingDataRule rule, List<Violation> violations) {
        if (rule == null || rule.method() == null) {
            violations.add(new Violation("missingData.method", "not-null", "PRORATE or COMPLETE_ONLY"));
        } else if (rule.method() == MissingDataRule.Method.PRORATE
                && (rule.maxMissingFraction() == null
                || !(rule.maxMissingFraction() > 0 && rule.maxMissingFraction() <= MAX_MISSING_FRACTION))) {
            violations.add(new Violation("missingData.maxMissingFraction", "in-range",
                    "prorating needs a fraction above 0 and at most " + MAX_MISSING_FRACTION));
        }
    }
}
