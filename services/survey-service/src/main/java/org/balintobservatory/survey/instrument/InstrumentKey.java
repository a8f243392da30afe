package org.balintobservatory.survey.instrument;

import java.util.List;
import java.util.Optional;

/**
 * A versioned scoring key: everything needed to score a questionnaire, and nothing of its wording. A
 * key is never edited; a change is a new version, so every stored score names the exact key it used.
 *
 * @param id            {@code ^[a-z0-9-]{2,64}$}
 * @param version       1, 2, …
 * @param name          a human label
 * @param itemCount     the number of items, numbered 1..itemCount
 * @param responseRange the answers every item accepts
 * @param reverseItems  items scored as {@code min + max − answer}
 * @param scales        the scored scales (subscales and/or {@code total})
 * @param missingData   the missing-data rule, applied to each scale separately
 * @param source        the published instrument the key is modelled on
 */
public record InstrumentKey(
        String id,
        int version,
        String name,
        int itemCount,
        ResponseRange responseRange,
        List<Integer> reverseItems,
        List<Scale> scales,
        MissingDataRule missingData,
        String source) {

    public static final String TOTAL = "total";

    public InstrumentKey {
        reverseItems = reverseItems == null ? List.of() : List.copyOf(reverseItems);
        scales = scales == null ? null : List.copyOf(scales);
    }

    public Optional<Scale> scale(String scaleId) {
        return scales.stream().filter(s -> s.id().equals(scaleId)).findFirst();
    }

    public InstrumentKey withVersion(int newVersion) {
        return new InstrumentKey(id, newVersion, name, itemCount, responseRange, reverseItems, scales, missingData,
                source);
    }
}
