package org.balintobservatory.survey.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.ProblemDetailsAdvice;
import org.balintobservatory.survey.rules.RulesViolatedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.net.URI;
import java.util.List;

/**
 * Problem details for the refusals that only the survey service raises, in the same shape as the shared
 * {@link ProblemDetailsAdvice}: several broken rules at once (a questionnaire can have many bad items),
 * a role that may not act, and an unknown response.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SurveyProblemsAdvice {

    private final ProblemDetailsAdvice shared;

    public SurveyProblemsAdvice(ProblemDetailsAdvice shared) {
        this.shared = shared;
    }

    @ExceptionHandler(RulesViolatedException.class)
    ProblemDetail rulesViolated(RulesViolatedException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated", "A business rule refused the request",
                e.getMessage(), errors(e));
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "The API key may not do this", e.getMessage(), List.of());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no such survey response", List.of());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrent(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Another request changed this resource",
                "a concurrent request changed the same response; send the request again", List.of());
    }

    /**
     * Well-formed JSON with a value that cannot be read, such as {@code "completedOn": "2026-13-01"}. The
     * shared advice names the field from the deepest cause, which for a date is java.time's parse error rather
     * than Jackson's exception that knows the field; the field is taken from Jackson's exception here, and
     * every other unreadable body is left to the shared advice.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, WebRequest request) throws Exception {
        JsonMappingException mapping = null;
        for (Throwable cause = e.getCause(); cause != null && mapping == null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException m) {
                mapping = m;
            }
        }
        if (mapping == null || e.getMostSpecificCause() instanceof JacksonException) {
            return shared.handleException(e, request);
        }
        String message = mapping instanceof InvalidFormatException f && f.getTargetType() != null
                ? "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName()
                : "the value cannot be read";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body cannot be read", message,
                List.of(new FieldError(path(mapping), "wrong-type", message))));
    }

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

    public static List<FieldError> errors(RulesViolatedException e) {
        return e.violations().stream().map(v -> new FieldError(v.field(), v.rule(), v.message())).toList();
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + type));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
