package org.balintobservatory.survey.response;

import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.access.Allowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.web.ConflictException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.JsonProblems;
import org.balintobservatory.support.web.NotFoundException;
import org.balintobservatory.support.web.RuleViolationException;
import org.balintobservatory.survey.rules.RulesViolatedException;
import org.balintobservatory.survey.web.Callers;
import org.balintobservatory.survey.web.SurveyProblemsAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/survey-responses/batch}: many responses in one request, as newline-delimited JSON
 * ({@code application/x-ndjson}), one submission per line in the body of {@code POST /api/v1/survey-responses}.
 *
 * <p>Each line is handled exactly as that request alone would be, in its own transaction: a bad line stores
 * nothing of itself and does not stop the others, and a line sent again is idempotent, so a client resends
 * a whole file after a failure without double counting. The answer lists every non-blank line with the
 * status the single request would have had. Up to {@value #MAX_LINES} lines per request.
 */
@RestController
public class SurveyBatchController {

    public static final int MAX_LINES = 5_000;
    private static final Logger log = LoggerFactory.getLogger(SurveyBatchController.class);

    private final SurveyResponses responses;
    private final ObjectMapper mapper;
    private final Validator validator;

    public SurveyBatchController(SurveyResponses responses, ObjectMapper mapper, Validator validator) {
        this.responses = responses;
        this.mapper = mapper;
        this.validator = validator;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping(path = "/api/v1/survey-responses/batch", consumes = "application/x-ndjson")
    BatchResult submit(Caller caller, InputStream body) throws IOException {
        String institution = Callers.schoolInstitution(caller);
        List<String> lines = read(body);
        List<LineResult> results = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                results.add(handle(institution, i + 1, lines.get(i)));
            }
        }
        long accepted = results.stream().filter(r -> r.status() < 300).count();
        return new BatchResult(results.size(), (int) accepted, results.size() - (int) accepted, results);
    }

    private static List<String> read(InputStream body) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines.size() == MAX_LINES) {
                    throw new RulesViolatedException("body", "batch-size",
                            "at most " + MAX_LINES + " lines per request; split the file");
                }
                lines.add(line);
            }
        }
        return lines;
    }

    private LineResult handle(String institution, int line, String json) {
        SurveyRequests.Submission request;
        try {
            JsonNode tree = mapper.readTree(json);
            if (!tree.isObject()) {
                // null, a number, a list: not a submission, and nothing a validator or the scorer can read.
                return LineResult.refused(line, null, 400, "malformed-request",
                        List.of(new FieldError("", "malformed-json", "a line is one JSON object")));
            }
            request = mapper.treeToValue(tree, SurveyRequests.Submission.class);
        } catch (UnrecognizedPropertyException e) {
            return LineResult.refused(line, null, 400, "malformed-request",
                    List.of(new FieldError(path(e), "unknown-field", "not a field of a submission")));
        } catch (JsonMappingException e) {
            return LineResult.refused(line, null, 400, "malformed-request",
                    List.of(new FieldError(path(e), "wrong-type", e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            return LineResult.refused(line, null, 400, "malformed-request", List.of(JsonProblems.describe(e)));
        }
        List<FieldError> invalid = validator.validate(request).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(SurveyBatchController::fieldError).toList();
        if (!invalid.isEmpty()) {
            return LineResult.refused(line, request.responseId(), 400, "invalid-request", invalid);
        }
        try {
            SurveyResponseView view = responses.submit(institution, request);
            return new LineResult(line, request.responseId(), 201, null, null, null, view.scores());
        } catch (RulesViolatedException e) {
            return LineResult.refused(line, request.responseId(), 422, "rule-violated", SurveyProblemsAdvice.errors(e));
        } catch (RuleViolationException e) {
            return LineResult.refused(line, request.responseId(), 422, "rule-violated",
                    List.of(new FieldError(e.field(), e.rule(), e.getMessage())));
        } catch (ConflictException e) {
            return new LineResult(line, request.responseId(), 409, "conflict",
                    List.of(new FieldError("responseId", "conflict", e.getMessage())), e.stored(), null);
        } catch (NotFoundException e) {
            return LineResult.refused(line, request.responseId(), 404, "not-found",
                    List.of(new FieldError("", "not-found", e.getMessage())));
        } catch (RuntimeException e) {
            log.error("batch line {} ({}) failed", line, request.responseId(), e);
            return LineResult.refused(line, request.responseId(), 500, "not-stored",
                    List.of(new FieldError("", "not-stored", "the line was not stored; send it again")));
        }
    }

    /** The JSON path of the value that could not be read, as single requests name it: {@code items.3}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static FieldError fieldError(ConstraintViolation<?> v) {
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new FieldError(v.getPropertyPath().toString(),
                constraint.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(), v.getMessage());
    }

    /**
     * @param lines    non-blank lines received
     * @param accepted lines stored now or already stored with the same content
     * @param rejected lines that stored nothing
     */
    public record BatchResult(int lines, int accepted, int rejected, List<LineResult> results) {
    }

    /**
     * The outcome of one line, with the status the single request would have had.
     *
     * @param line   1-based line number in the request body
     * @param type   for a refusal, the problem type of the single request (e.g. {@code rule-violated})
     * @param stored for a 409, a summary of the response already stored
     * @param scores for an accepted line, the scores as stored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineResult(int line, String responseId, int status, String type, List<FieldError> errors,
                             Map<String, Object> stored, List<ScaleScore> scores) {

        static LineResult refused(int line, String responseId, int status, String type, List<FieldError> errors) {
            return new LineResult(line, responseId, status, type, errors, null, null);
        }
    }
}
