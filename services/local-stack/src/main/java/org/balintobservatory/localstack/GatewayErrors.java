package org.balintobservatory.localstack;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway's own error answers, in the form of all its others ({@link Gateway#problem}): problem+json
 * with the {@link SecurityHeaders}. Two places write them: the error page Spring MVC dispatches to (a path no
 * service serves, a method the gateway does not take), and the container, for what it refuses before the
 * gateway sees a request (an illegal character in the request target, an encoded NUL in the path), which
 * Tomcat would otherwise answer with its HTML page and no headers.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayErrors {

    /** Runs after Spring Boot's own customizer, and puts the valve in the place of the one it added. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(GatewayErrors::install);
            }
        };
    }

    static void install(Context context) {
        if (!(context.getParent() instanceof StandardHost host)) {
            return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.setErrorReportValveClass(ProblemValve.class.getName());
        host.getPipeline().addValve(new ProblemValve());
    }

    /** The error page of the gateway's dispatcher: whatever went wrong, as problem+json. */
    @RestController
    static class ErrorPage implements ErrorController {

        @RequestMapping("${server.error.path:/error}")
        ResponseEntity<byte[]> error(HttpServletRequest request, HttpServletResponse response) {
            if (response.isCommitted()) {
                // An answer under way failed (Gateway#relay): the container includes this page in it before it
                // closes the connection, and a problem in the middle of the service's answer would tell no one.
                return null;
            }
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null
                    ? HttpStatus.valueOf(c) : HttpStatus.NOT_FOUND;
            return Gateway.problem(status, switch (status) {
                case NOT_FOUND -> "no service serves this path";
                case METHOD_NOT_ALLOWED -> "the gateway does not take this method";
                case BAD_REQUEST -> "the request cannot be read";
                default -> status.is5xxServerError() ? "the gateway could not handle this request"
                        : "the gateway refused this request";
            });
        }
    }

    /** The container's error report: problem+json with the security headers, only where nothing was written. */
    public static class ProblemValve extends ErrorReportValve {

        public ProblemValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(response.getStatus());
            // The services' type for the same refusal, which tests read as "refused before any handler".
            ResponseEntity<byte[]> problem = Gateway.problem(status == null ? HttpStatus.BAD_REQUEST : status,
                    "https://balintobservatory.org/problems/invalid-request-target",
                    "the request line or target is not valid HTTP: an illegal character, or an encoded NUL");
            try {
                problem.getHeaders().forEach((name, values) -> response.setHeader(name, values.get(0)));
                response.getOutputStream().write(problem.getBody());
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the answer already committed: nothing more can be said on it.
            }
        }
    }
}
