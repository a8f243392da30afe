package org.balintobservatory.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.balintobservatory.support.access.ForbiddenException;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.domain.NotKnownYetException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The one translation of a refusal into RFC 9457 problem details, used by {@link ProblemDetailsAdvice} for a
 * single request and by the batch runner for one line, so a line is answered exactly as the same request
 * alone would be:
 * <table>
 *   <caption>refusals and their answers</caption>
 *   <tr><th>thrown</th><th>status</th><th>type</th></tr>
 *   <tr><td>{@link InvalidRequestException}</td><td>400</td><td>invalid-request</td></tr>
 *   <tr><td>{@link JsonProcessingException}</td><td>400</td><td>malformed-request</td></tr>
 *   <tr><td>{@link ForbiddenException}</td><td>403</td><td>forbidden</td></tr>
 *   <tr><td>{@link NotFoundException}, Axon's {@code AggregateNotFoundException} and
 *       {@code IncompatibleAggregateException} (an id of another kind of aggregate)</td><td>404</td><td>not-found</td></tr>
 *   <tr><td>{@link ConflictException}</td><td>409</td><td>conflict, with {@code stored}</td></tr>
 *   <tr><td>Axon's {@code ConcurrencyException}: two requests changed one aggregate at once; the loser may
 *       simply retry</td><td>409</td><td>concurrent-change</td></tr>
 *   <tr><td>{@link TooLargeException}</td><td>413</td><td>as the exception names it</td></tr>
 *   <tr><td>{@link RuleViolationException}</td><td>422</td><td>rule-violated, every violation under {@code errors}</td></tr>
 *   <tr><td>{@link NotKnownYetException}: the request names something not arrived yet from another
 *       service</td><td>503</td><td>not-known-yet, the field under {@code errors} and {@code retryAfterSeconds}
 *       (the single request's answer also carries {@code Retry-After})</td></tr>
 * </table>
 *
 * <p>Axon's refusals are translated by {@link AxonRefusals}, a class of its own that is loaded only where Axon
 * is on the class path: the analytics service has no Axon, and a reference to Axon's classes here would make
 * this class fail to load there, turning every refusal into a 500.
 */
public final class Refusals {

    public static final String TYPE_BASE = "https://balintobservatory.org/problems/";
    private static final boolean AXON = ClassUtils.isPresent(
            "org.axonframework.modelling.command.ConcurrencyException", Refusals.class.getClassLoader());

    private Refusals() {
    }

    /** The answer to a refusal, or empty when {@code failure} is not one (a fault of the service). */
    public static Optional<ProblemDetail> of(Throwable failure) {
        return Optional.ofNullable(answer(failure));
    }

    private static ProblemDetail answer(Throwable failure) {
        if (failure instanceof InvalidRequestException e) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid", e.getMessage(),
                    e.errors());
        }
        if (failure instanceof JsonProcessingException e) {
            FieldError error = JsonProblems.describe(e);
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request body cannot be read",
                    error.message(), List.of(error));
        }
        if (failure instanceof ForbiddenException e) {
            return problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this key", e.getMessage(), List.of());
        }
        if (failure instanceof NotFoundException e) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), List.of());
        }
        ProblemDetail axon = AXON ? AxonRefusals.answer(failure) : null;
        if (axon != null) {
            return axon;
        }
        if (failure instanceof ConflictException e) {
            ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflict",
                    "The id is already used with a different payload", e.getMessage(), List.of());
            problem.setProperty("stored", e.stored());
            return problem;
        }
        if (failure instanceof TooLargeException e) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, e.type(), "The request is too large", e.getMessage(),
                    e.errors());
        }
        if (failure instanceof RuleViolationException e) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated", "A business rule refused the request",
                    e.getMessage(), e.violations().stream()
                            .map(v -> new FieldError(v.field(), v.rule(), v.message())).toList());
        }
        if (failure instanceof NotKnownYetException e) {
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "not-known-yet",
                    "Not known yet: send the request again after Retry-After", e.getMessage(),
                    List.of(new FieldError(e.violation().field(), e.violation().rule(), e.violation().message())));
            problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
            return problem;
        }
        return null;
    }

    /** Problem details with {@code errors} when there are any. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
                                        List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

}
