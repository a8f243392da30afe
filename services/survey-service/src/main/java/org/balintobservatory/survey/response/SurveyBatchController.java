package org.balintobservatory.survey.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletResponse;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.batch.BatchAdmission;
import org.balintobservatory.support.batch.BatchPacing;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineResult;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.survey.web.Callers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/survey-responses/batch}: many responses in one request, one submission per line in the
 * body of {@code POST /api/v1/survey-responses}, answered in the batch protocol every batch endpoint speaks
 * ({@link BatchRunner}): NDJSON, one {@link LineResult} per non-blank line, whose {@code result} is what the
 * single request would have answered.
 *
 * <p>A client that asks for {@code Accept: application/json} still gets the one JSON object with
 * {@code results} this endpoint answered before, marked with a {@code Deprecation} header; that shape goes
 * in the next API version.
 */
@RestController
public class SurveyBatchController {

    /** When the one-object answer was deprecated, as RFC 9745 writes it: {@code @} and seconds since 1970. */
    static final String DEPRECATED_SINCE = "@1795996800";

    private final SurveyLines lines;
    private final BatchRunner runner;
    private final ObjectMapper mapper;
    private final BatchAdmission admission;

    SurveyBatchController(SurveyLines lines, BatchRunner runner, ObjectMapper mapper, BatchAdmission admission) {
        this.lines = lines;
        this.runner = runner;
        this.mapper = mapper;
        this.admission = admission;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping(path = "/api/v1/survey-responses/batch", consumes = BatchRunner.NDJSON)
    @Operation(requestBody = @RequestBody(required = true, description = "One JSON object per line",
            content = @Content(mediaType = BatchRunner.NDJSON, schema = @Schema(type = "string"))),
            summary = "Submit one survey response per line (NDJSON)",
            description = "Each line is handled as POST /api/v1/survey-responses alone would be. The answer is NDJSON, "
                    + "one result per non-blank line (docs/batches.md); Accept: application/json gives the "
                    + "deprecated single JSON object with results. While the read models are too far behind, the batch "
                    + "is refused whole with 429 and Retry-After, storing nothing.")
    void submit(Caller caller, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                InputStream body, HttpServletResponse response) throws IOException {
        String institution = Callers.schoolInstitution(caller);
        BatchPacing pace = admission.admit();
        if (!wantsSummary(accept)) {
            runner.respond(body, response, line -> lines.submit(institution, line), pace);
            return;
        }
        List<LineResult> results = runner.runAll(runner.lines(body), line -> lines.submit(institution, line), pace);
        response.setHeader("Deprecation", DEPRECATED_SINCE);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), BatchSummary.of(results));
    }

    /** Only a client that names JSON and not NDJSON gets the deprecated shape; no Accept, or any, gets NDJSON. */
    private static boolean wantsSummary(String accept) {
        return accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)
                && !accept.contains(BatchRunner.NDJSON);
    }

    /**
     * The deprecated answer: one object for the whole batch.
     *
     * @param lines    non-blank lines received
     * @param accepted lines stored now or already stored with the same content
     * @param rejected lines that stored nothing
     */
    record BatchSummary(int lines, int accepted, int rejected, List<SummaryLine> results) {

        static BatchSummary of(List<LineResult> results) {
            int accepted = (int) results.stream().filter(LineResult::accepted).count();
            return new BatchSummary(results.size(), accepted, results.size() - accepted,
                    results.stream().map(SummaryLine::of).toList());
        }
    }

    /**
     * One line in the deprecated answer, with the status the single request would have had (201 for a
     * response stored now or before).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SummaryLine(int line, String responseId, int status, String type, Object errors, Object stored,
                       List<ScaleScore> scores) {

        static SummaryLine of(LineResult result) {
            if (result.accepted()) {
                SurveyResponseView view = (SurveyResponseView) result.result();
                return new SummaryLine(result.line(), result.id(), 201, null, null, null, view.scores());
            }
            ProblemDetail problem = result.problem();
            Map<String, Object> properties = problem.getProperties() == null ? Map.of() : problem.getProperties();
            String type = typeName(problem.getType());
            Object errors = properties.getOrDefault("errors",
                    List.of(new FieldError("", type, problem.getDetail())));
            return new SummaryLine(result.line(), result.id(), result.status(), type, errors,
                    properties.get("stored"), null);
        }

        private static String typeName(URI type) {
            String path = type.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
