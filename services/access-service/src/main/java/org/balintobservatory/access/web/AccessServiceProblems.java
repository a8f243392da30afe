package org.balintobservatory.access.web;

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
public class AccessServiceProblems {

    /** Two administrators changed the same institution at once; the loser may simply retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrent(ConcurrencyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "retry the request");
        problem.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + "concurrent-change"));
        problem.setTitle("Another request changed this resource at the same time");
        return problem;
    }
}
