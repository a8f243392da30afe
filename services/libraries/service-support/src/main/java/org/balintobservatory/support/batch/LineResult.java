package org.balintobservatory.support.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ProblemDetail;

/**
 * What became of one line of a batch: one NDJSON line of the answer.
 *
 * @param line    1-based line number in the request body (blank lines count, so it points into the file)
 * @param op      the line's operation, where lines name one ({@code recordSession}); absent where every line
 *                does the same ({@code POST /api/v1/survey-responses/batch})
 * @param id      the client-chosen id the line is about, when it could be read
 * @param status  the HTTP status the same request would have had on its own: 201 appended, 200 unchanged, 4xx
 *                refused, 500 when the line failed in the service (nothing stored; send it again)
 * @param outcome {@code appended} (events were stored), {@code unchanged} (an idempotent repeat) or
 *                {@code refused} (nothing was stored for this line)
 * @param problem why the line was refused: the RFC 9457 problem details the single request would have had
 * @param result  for an accepted line, what the single request would have answered, where the endpoint
 *                returns it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineResult(int line, String op, String id, int status, String outcome, ProblemDetail problem,
                         Object result) {

    public static final String APPENDED = "appended";
    public static final String UNCHANGED = "unchanged";
    public static final String REFUSED = "refused";

    public boolean accepted() {
        return problem == null;
    }
}
