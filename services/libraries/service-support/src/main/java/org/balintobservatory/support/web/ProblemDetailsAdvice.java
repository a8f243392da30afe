package org.balintobservatory.support.web;

import jakarta.validation.ConstraintViolationException;
import org.balintobservatory.support.access.ForbiddenException;
import org.balintobservatory.support.access.RequestSizeFilter;
import org.balintobservatory.support.access.UnauthenticatedException;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.domain.NotKnownYetException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every refused request is answered with RFC 9457 problem details ({@code application/problem+json}):
 * a {@code type} naming the kind of refusal, and {@code errors}, a list of {@link FieldError}s saying which
 * field broke which rule.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    public static final String TYPE_BASE = Refusals.TYPE_BASE;

    /**
     * A refusal of the request's content or of its caller's role: the one mapping in {@link Refusals}. Axon's
     * refusals reach {@link #unexpected}, which asks the same mapping first: naming Axon's classes here would
     * keep this advice from loading in the analytics service, which has no Axon.
     */
    @ExceptionHandler({InvalidRequestException.class, RuleViolationException.class, ConflictException.class,
            NotFoundException.class, ForbiddenException.class, TooLargeException.class})
    ProblemDetail refused(RuntimeException e) {
        return Refusals.of(e).orElseThrow(() -> new IllegalStateException("no answer for a refusal", e));
    }

    /** A retryable refusal: the answer says when to send the same request again. */
    @ExceptionHandler(NotKnownYetException.class)
    ResponseEntity<ProblemDetail> notKnownYet(NotKnownYetException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Refusals.of(e).orElseThrow());
    }

    /** Not taken now for want of capacity (a batch while the read models are behind): nothing was stored. */
    @ExceptionHandler(TooBusyException.class)
    ResponseEntity<ProblemDetail> tooBusy(TooBusyException e) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, e.type(), "Too busy: send the request again "
                + "after Retry-After", e.getMessage(), List.of());
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(problem);
    }

    @ExceptionHandler(UnauthenticatedException.class)
    ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "No valid API key", e.getMessage(), List.of()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolated(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), JsonProblems.ruleName(
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()), v.getMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid", summary(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), JsonProblems.ruleName(f.getCode()), f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(
                problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid", summary(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getMostSpecificCause() instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "too-large", "Request body too large", tooLarge.getMessage(), List.of()));
        }
        FieldError error = JsonProblems.describeUnreadable(e);
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body cannot be read", error.message(), List.of(error)));
    }

    /**
     * A body whose type the endpoint does not read: {@code text/plain}, or a wildcard such as {@code *}{@code /*}
     * that names no type at all.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The body's Content-Type is not accepted",
                "send the body as " + (supported.isEmpty() ? "application/json" : supported), List.of()));
    }

    /**
     * A multipart body an upload route could not split into parts (a part without its headers, a body cut
     * short). A body over the limit is {@code MaxUploadSizeExceededException}, answered 413 by the base class.
     */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-multipart", "The multipart body cannot be split",
                "the body is not multipart/form-data as its Content-Type says; send the file as the part 'file'",
                List.of());
    }

    /** An upload's multipart body over the batch size limit, found while the container counted it. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE,
                "too-large", "Request body too large", "the multipart body is larger than the upload limit",
                List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        noStore(request);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(headers).body(problem(HttpStatus.NOT_FOUND,
                "no-route", "No such route", "nothing is served at this path", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        noStore(request);
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(problem(
                HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                "this path does not take " + e.getMethod(), List.of()));
    }

    /**
     * Whatever no other handler answers: a fault of the service, never of the request. The answer names no
     * class, path or message; the log has them.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        // As Spring matches a handler: the exception or any of its causes.
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<ProblemDetail> refusal = Refusals.of(t);
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        log.error("request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "The request could not be processed",
                "nothing was changed by this request unless its answer said so; retry it later", List.of());
    }

    /**
     * A refusal on the way to a static file, which was marked cacheable before it was looked for: the
     * refusal is not.
     */
    private static void noStore(WebRequest request) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null) {
            servlet.getResponse().setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        return Refusals.problem(status, type, title, detail, errors);
    }
}
