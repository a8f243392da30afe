package org.balintobservatory.group.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ProblemDetail;

/**
 * What became of one line of a batch.
 *
 * @param line    1-based line number in the request body
 * @param op      the line's operation, when it could be read
 * @param status  the HTTP status the same request would have had on its own (201, 200 or 4xx)
 * @param outcome {@code appended} (events were stored), {@code unchanged} (an idempotent repeat) or
 *                {@code refused} (nothing was stored for this line)
 * @param problem why the line was refused, as RFC 9457 problem details
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineResult(int line, String op, int status, String outcome, ProblemDetail problem) {

    static final String APPENDED = "appended";
    static final String UNCHANGED = "unchanged";
    static final String REFUSED = "refused";
}
