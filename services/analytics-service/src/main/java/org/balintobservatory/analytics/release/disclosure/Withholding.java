package org.balintobservatory.analytics.release.disclosure;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collection;

/**
 * Why a unit with pairs is not in a researcher's answer. Every answer counts the units it leaves out by these
 * reasons, so that the units shown and the units withheld add up to the units with pairs.
 */
public enum Withholding {

    /** Fewer participants than the minimum cell size (primary suppression, {@link SuppressionPlan}). */
    @JsonProperty("belowThreshold") BELOW_THRESHOLD,

    /**
     * Enough participants, but hidden so that no visible unit minus the visible units below it leaves fewer
     * than the minimum cell size (secondary suppression, {@link SuppressionPlan}).
     */
    @JsonProperty("secondary") SECONDARY,

    /**
     * Held back by the data release with nothing published of it by the release before, so there are no
     * earlier figures to show ({@link ReleasePolicy}): it appears with the release in which it differs by at
     * least the minimum cell size from every state published before.
     */
    @JsonProperty("heldBack") HELD_BACK;

    /** Of a unit a suppression plan hides: below the threshold if it is small, else secondary. */
    public static Withholding hidden(long n, int minCellSize) {
        return n < minCellSize ? BELOW_THRESHOLD : SECONDARY;
    }

    /** The units an answer leaves out, by reason; {@link #total()} is their sum. */
    public record Counts(int belowThreshold, int secondary, int heldBack) {

        public static final Counts NONE = new Counts(0, 0, 0);

        /** The reasons of the units an answer lists, {@code null} for each unit it shows. */
        public static Counts of(Collection<Withholding> reasons) {
            int below = 0;
            int secondary = 0;
            int held = 0;
            for (Withholding reason : reasons) {
                if (reason != null) {
                    switch (reason) {
                        case BELOW_THRESHOLD -> below++;
                        case SECONDARY -> secondary++;
                        case HELD_BACK -> held++;
                    }
                }
            }
            return new Counts(below, secondary, held);
        }

        @JsonProperty
        public int total() {
            return belowThreshold + secondary + heldBack;
        }

        /** These counts with {@code more} units below the threshold (those an estimate itself leaves out). */
        public Counts plusBelowThreshold(int more) {
            return new Counts(belowThreshold + more, secondary, heldBack);
        }
    }
}
