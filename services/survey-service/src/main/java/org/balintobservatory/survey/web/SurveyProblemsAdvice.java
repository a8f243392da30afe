package org.balintobservatory.survey.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.ProblemDetailsAdvice;
import org.balintobservatory.survey.rules.RulesViolatedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

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
