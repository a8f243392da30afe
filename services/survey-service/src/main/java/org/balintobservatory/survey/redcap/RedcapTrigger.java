package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.balintobservatory.support.batch.LineResult;

import java.time.Instant;
import java.util.List;

/**
 * What the last Data Entry Trigger of a connection did, for the school to read with its key
 * ({@code GET .../redcap/connection}) since the trigger itself answers REDCap nothing: counts and a reason
 * only, never the record it named, so that neither this nor the log holds a participant's data.
 *
 * @param at        when it came (UTC)
 * @param appended  responses stored or corrected
 * @param unchanged responses that were already stored as they are
 * @param refused   completed questionnaires that were refused (a pull of the project names why)
 * @param ignored   why nothing was pulled, when nothing was: another instrument, or REDCap's refusal (by rule)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedcapTrigger(Instant at, int appended, int unchanged, int refused, String ignored) {

    static RedcapTrigger of(Instant at, List<LineResult> results) {
        return new RedcapTrigger(at, count(results, LineResult.APPENDED), count(results, LineResult.UNCHANGED),
                count(results, LineResult.REFUSED), null);
    }

    static RedcapTrigger ignored(Instant at, String why) {
        return new RedcapTrigger(at, 0, 0, 0, why);
    }

    private static int count(List<LineResult> results, String outcome) {
        return (int) results.stream().filter(r -> outcome.equals(r.outcome())).count();
    }
}
