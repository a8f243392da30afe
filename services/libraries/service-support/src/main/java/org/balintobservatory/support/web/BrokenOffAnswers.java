package org.balintobservatory.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.ClientAbortException;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * An answer that fails after it began (a batch's first results, a CSV's first rows, sent with their {@code 200})
 * is broken off, never ended as if it were complete: the container closes the connection without the answer's last
 * chunk, so that an HTTP client fails to read it, and a batch client sends the chunk again (docs/batches.md).
 *
 * <p>Spring MVC does so for most failures, but takes one with an {@code EOFException} among its causes, or a
 * message of "broken pipe" or "connection reset by peer", for a client that went away, and ends the answer quietly:
 * a database connection lost in the middle of an answer reads exactly like that, and the client would receive a
 * shorter answer that ended normally. This resolver runs before all others: once the answer is committed, any
 * failure but the client's own connection failing under a write is passed on to the container, which closes the
 * connection. Before the answer is committed it does nothing, and the failure is answered as problem details.
 */
final class BrokenOffAnswers implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (!response.isCommitted() || writingToTheClientFailed(failure)) {
            return null;
        }
        throw new IllegalStateException("the answer to " + request.getMethod() + " " + request.getRequestURI()
                + " failed after it began; its connection is closed without its end", failure);
    }

    /** Tomcat's failure to write to a connection the client closed, as the container or Spring MVC reports it. */
    private static boolean writingToTheClientFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAbortException || t instanceof AsyncRequestNotUsableException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
