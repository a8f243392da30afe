package org.balintobservatory.support.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.balintobservatory.support.web.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;

/**
 * A request that failed because a server the service needs did not answer (PostgreSQL, Kafka, the read-model
 * store) is answered {@code 503 Service Unavailable} with {@code Retry-After}, not 500: the request was
 * valid, the service is not broken, and the same request with the same ids will succeed once the server is
 * back (its readiness, meanwhile, is DOWN). Every other failure goes on to the usual handlers.
 *
 * <p>Recognised anywhere in the cause chain: a refused connection, a JDBC connection failure (SQLSTATE class
 * 08, or 57P0x: the server is shutting down or starting), a pool that timed out waiting for a connection or
 * had closed the one a unit of work held,
 * Spring's resource-failure and transaction-creation exceptions, and the Kafka and MongoDB drivers' timeouts and
 * socket failures (by name, as not every service has those drivers).
 */
public final class UnavailableDependency implements HandlerExceptionResolver, Ordered {

    static final int RETRY_AFTER_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(UnavailableDependency.class);
    private static final Set<String> UNAVAILABLE = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoNotPrimaryException");

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private final ObjectMapper json;

    public UnavailableDependency(ObjectMapper json) {
        this.json = json;
    }

    /** Whether a failure means that a server the service needs did not answer. */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // HikariCP hands a unit of work whose connection the pool evicted (the server went away under it) a
            // closed proxy, which throws this, without an SQLSTATE, for every statement.
            if (t instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (UNAVAILABLE.contains(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (!isUnavailable(failure) || response.isCommitted()) {
            return null;
        }
        log.warn("{} {} answered 503: a server this service needs did not answer ({})", request.getMethod(),
                request.getRequestURI(), rootMessage(failure));
        ProblemDetail problem = Refusals.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "Service Unavailable", "a server this service needs did not answer; nothing was changed by this "
                        + "request unless its answer said so: send it again, with the same ids, after Retry-After",
                List.of());
        problem.setInstance(URI.create(request.getRequestURI()));
        try {
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setContentType("application/problem+json");
            json.writeValue(response.getOutputStream(), problem);
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Before Spring's own resolvers, which would hand these to the catch-all 500 handler. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
