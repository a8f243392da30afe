package org.balintobservatory.group.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.ProblemDetailsAdvice;
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
 * Problem details for the refusals only this service produces; everything else is answered by the shared
 * {@link ProblemDetailsAdvice}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GroupServiceProblems {

    private final ProblemDetailsAdvice shared;

    public GroupServiceProblems(ProblemDetailsAdvice shared) {
        this.shared = shared;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
                e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "The API key may not do this", e.getMessage());
    }

    /** A command for a group or programme that was never created. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        String id = String.valueOf(e.getAggregateIdentifier());
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "nothing is recorded under the id " + id.substring(id.indexOf('/') + 1));
    }

    /** A group command for an id that belongs to a programme: there is no such group. */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ProblemDetail notAGroup(IncompatibleAggregateException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no group is recorded under that id");
    }

    /** Two requests changed the same group at once; the loser may simply retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrent(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change",
                "Another request changed this resource at the same time", "retry the request");
    }

    /**
     * Well-formed JSON with a value that cannot be read, such as {@code "heldOn": "2026-13-01"}. The shared
     * advice names the field from the deepest cause, which for a date is java.time's parse error rather than
     * Jackson's exception that knows the field; the field is taken from Jackson's exception here, and every
     * other unreadable body is left to the shared advice.
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
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request body cannot be read",
                message);
        problem.setProperty("errors", List.of(new FieldError(path(mapping), "wrong-type", message)));
        return ResponseEntity.badRequest().body(problem);
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

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
