package org.balintobservatory.support.web;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The container's own error answers as problem details with the security headers: what Tomcat refuses
 * before any filter runs (a request target with an illegal character, {@code %00} or a broken escape in
 * the path, a malformed request line), which its default valve answers with an HTML page and no headers.
 * Answers written by the application are left alone: the valve writes only when nothing else has.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** The problem type of a request the container could not read: refused before any filter or handler. */
    public static final String INVALID_TARGET = "invalid-request-target";

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // As the default valve does: an answer the connection can no longer carry is not written at all.
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            SecurityHeadersFilter.apply(response);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the answer already committed: nothing more can be said on it.
        }
    }

    /**
     * Puts this valve in the place of the host's default one, after Spring Boot's own customizer has added
     * its (plain) error report valve: the host keeps one error report valve, this one.
     */
    public static void install(org.apache.catalina.Context context) {
        if (!(context.getParent() instanceof StandardHost host)) {
            return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        host.getPipeline().addValve(new ProblemErrorReportValve());
    }

    /** A problem that names no path or cause: the request could not even be read as one. */
    static String body(int status) {
        String title = status == 400 ? "The request cannot be read" : "The request was refused";
        return "{\"type\":\"" + Refusals.TYPE_BASE + (status == 400 ? INVALID_TARGET : "refused")
                + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + (status == 400 ? "the request line or target is not valid HTTP: an illegal character, or a '%' "
                + "not followed by two hex digits, or an encoded NUL" : "the server refused the request")
                + "\"}";
    }
}
