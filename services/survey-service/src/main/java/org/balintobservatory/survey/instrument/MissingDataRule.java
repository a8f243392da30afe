package org.balintobservatory.survey.instrument;

/**
 * What happens when items are left blank.
 *
 * @param method             {@link Method#PRORATE} or {@link Method#COMPLETE_ONLY}
 * @param maxMissingFraction under {@code PRORATE}, the largest fraction of a scale's items that may be
 *                           missing (0.10 allows 2 of 20 items, 0 of 5); may be left out under
 *                           {@code COMPLETE_ONLY}
 */
public record MissingDataRule(Method method, Double maxMissingFraction) {

    /** The usual rule for multi-item scales: prorate when at most 10% of a scale's items are missing. */
    public static final MissingDataRule PRORATE_UP_TO_10_PERCENT = new MissingDataRule(Method.PRORATE, 0.10);

    public enum Method {
        /** Score from the answered items, scaled up to the full item count; refuse beyond the limit. */
        PRORATE,
        /** Every item must be answered. */
        COMPLETE_ONLY
    }

    /** How many of a scale's {@code itemCount} items may be missing under this rule. */
    public int missingAllowed(int itemCount) {
        if (method == Method.COMPLETE_ONLY || maxMissingFraction == null) {
            return 0;
        }
        // The epsilon keeps 0.1 × 20 at 2 despite binary floating point.
        return (int) Math.floor(maxMissingFraction * itemCount + 1e-9);
    }
}
