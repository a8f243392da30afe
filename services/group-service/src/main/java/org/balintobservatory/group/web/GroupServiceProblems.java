package org.balintobservatory.group.web;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.balintobservatory.support.web.ProblemDetailsAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/**
 * Problem details for the refusals only this service produces; everything else is answered by the shared
 * {@link ProblemDetailsAdvice}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GroupServiceProblems {

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

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
