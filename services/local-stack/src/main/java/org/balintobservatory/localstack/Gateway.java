package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One base URL for every service, as an ingress would give in production: forwards {@code /api/**} and
 * the dashboard's files by path prefix to the service that owns them ({@link ServiceDefinition#routes()}),
 * headers and body as they are, to one of its ready instances ({@link Balancer}).
 *
 * <p>Bodies are streamed both ways, never held whole: the request's body goes to the service as it arrives,
 * and the service's answer (an effect-size table, a batch's results) to the client as it comes. A request body
 * over its route's limit ({@link BodyLimits}, the same the services apply) is refused with 413 and a
 * problem+json body: at once, without reading it, when its {@code Content-Length} says so; when it declares no
 * length, as soon as it has sent one byte more than the limit, the request to the service being cut there.
 *
 * <p>When no instance of the service is ready, or none could be reached, the answer is 503 with
 * {@code Retry-After} and a problem+json body naming the service: the client should try again, and nothing
 * it sent was lost on the way, because nothing was applied or the retry is answered as already done.
 *
 * <p>A service's answer that breaks off after it began (the service's process died, its connection was cut)
 * reaches the client broken off as well: the gateway closes the client's connection without the answer's last
 * chunk, so that no client takes the part that arrived for the whole (a batch's first results, a CSV's first rows).
 */
@RestController
public class Gateway {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a client should wait before retrying when a service is unavailable: about one restart's check. */
    static final int RETRY_AFTER_SECONDS = 2;
    /** Bytes copied at a time from a service's answer to the client. */
    static final int COPY_BUFFER_BYTES = 16 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "host", "content-length", "expect", "proxy-authorization", "proxy-authenticate");

    private final Balancer balancer;
    private final BodyLimits limits;
    // HTTP/1.1 to the services: a body of unknown length goes as chunks, and there is no upgrade to negotiate.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    public Gateway(LocalStack stack) {
        this(new Balancer(service -> stack.services().instances(service)), BodyLimits.DEFAULTS);
    }

    Gateway(Balancer balancer, BodyLimits limits) {
        this.balancer = balancer;
        this.limits = limits;
    }

    @RequestMapping({"/api/**", "/", "/index.html", "/favicon.ico", "/css/**", "/js/**", "/webjars/**"})
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        String path = request.getRequestURI();
        ServiceDefinition service = ServiceDefinition.serving(path).orElse(null);
        if (service == null) {
            problem(response, HttpStatus.NOT_FOUND, "no service serves " + path);
            return;
        }
        long limit = limits.limitFor(request.getContentType());
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response, "the body is " + declared + " bytes; the limit is " + limit);
            return;
        }
        String query = request.getQueryString();
        String target = path + (query == null ? "" : "?" + query);
        String malformed = malformed(target);
        if (malformed != null) {
            problem(response, HttpStatus.BAD_REQUEST, malformed);
            return;
        }
        LimitedBody body = new LimitedBody(request.getInputStream(), limit);
        List<ServiceInstance> candidates = balancer.candidates(service);
        for (ServiceInstance instance : candidates) {
            HttpResponse<InputStream> answer;
            try {
                answer = send(request, instance.baseUri().resolve(target), body, declared);
            } catch (IOException e) {
                if (body.exceeded()) {
                    tooLarge(response, "the body is larger than the limit of " + limit + " bytes");
                    return;
                }
                log.debug("{} {} failed on {}: {}", request.getMethod(), path, instance.name(), e.toString());
                // A body is read once: only a request none of whose body was read can go to another instance.
                if (body.started() || !Balancer.mayRetryElsewhere(request.getMethod(), e)) {
                    unavailable(response, service, "the connection to " + service.name()
                            + " broke while the request was under way; retry it with the same ids");
                    return;
                }
                continue;
            }
            relay(answer, response, instance);
            return;
        }
        unavailable(response, service, candidates.isEmpty()
                ? "no instance of " + service.name() + " is ready"
                : "no instance of " + service.name() + " could be reached");
    }

    private HttpResponse<InputStream> send(HttpServletRequest request, URI uri, LimitedBody body, long declared)
            throws IOException, InterruptedException {
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        HttpRequest.BodyPublisher publisher;
        if (declared > 0) {
            publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                    declared);
        } else if (chunked) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
        } else {
            publisher = HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(5))
                .method(request.getMethod(), publisher);
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    forward.header(name, value);
                }
            }
        }
        return http.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * The service's answer to the client as it comes: status, end-to-end headers, the body streamed. What has
     * arrived is passed on at once whenever the service has sent nothing further yet, rather than waiting in the
     * container's response buffer until it fills: a CSV's first rows reach the client while the service is still
     * writing the rest. The gateway holds at most one copy buffer and the container's buffer of an answer.
     */
    private static void relay(HttpResponse<InputStream> answer, HttpServletResponse response, ServiceInstance from)
            throws IOException {
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if ((!HOP_BY_HOP.contains(lower) || lower.equals("content-length")) && !name.startsWith(":")) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long relayed = 0;
        try (InputStream in = answer.body()) {
            while (true) {
                int n;
                boolean more;
                try {
                    n = in.read(buffer);
                    more = n >= 0 && in.available() > 0;
                } catch (IOException e) {
                    throw brokenOff(from, answer, relayed, e);
                }
                if (n < 0) {
                    break;
                }
                // A failure to write is the client's connection: it went away, and nothing more is owed to it.
                out.write(buffer, 0, n);
                relayed += n;
                if (!more) {
                    out.flush();
                }
            }
        }
    }

    /**
     * The failure that makes the container close the client's connection without the answer's end. It carries no
     * cause: Spring MVC takes an exception with an {@code EOFException} among its causes (which is how the
     * service's connection ending early reads) for a client that went away, and would end the answer as if it
     * were complete.
     */
    private static IllegalStateException brokenOff(ServiceInstance from, HttpResponse<InputStream> answer,
                                                   long relayed, IOException cause) {
        // The container logs it, with this message, as the request's failure.
        return new IllegalStateException("the answer of " + from.name() + " to " + answer.request().method() + " "
                + answer.uri().getRawPath() + " broke off after " + relayed + " bytes (" + cause
                + "); the client's connection is closed without the answer's end");
    }

    /**
     * Why a request target cannot be forwarded as it came, or {@code null}: a {@code %} not followed by two hex
     * digits, or a character a URI may not carry unencoded. The container lets such a query through (only
     * reading its parameters would decode it); forwarded, it is not a URI at all. Everything else is forwarded
     * byte for byte, for the service to judge.
     */
    static String malformed(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || !HexFormat.isHexDigit(target.charAt(i + 1))
                        || !HexFormat.isHexDigit(target.charAt(i + 2))) {
                    return "a '%' in the path or query must be followed by two hex digits; send '%' itself as %25";
                }
                i += 2;
            } else if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')
                    && "-._~!$&'()*+,;=:@/?".indexOf(c) < 0) {
                return "the path or query may not carry the character U+" + String.format("%04X", (int) c)
                        + " unencoded; percent-encode it";
            }
        }
        return null;
    }

    /** A problem+json answer of the gateway's own, with the headers every answer carries. */
    static ResponseEntity<byte[]> problem(HttpStatus status, String detail) {
        return problem(status, "about:blank", detail);
    }

    /** @param type the problem type, as the services name theirs */
    static ResponseEntity<byte[]> problem(HttpStatus status, String type, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        try {
            HttpHeaders headers = new HttpHeaders();
            SecurityHeaders.apply(headers);
            headers.set(HttpHeaders.CONTENT_TYPE, "application/problem+json");
            return ResponseEntity.status(status).headers(headers).body(JSON.writeValueAsBytes(problem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void tooLarge(HttpServletResponse response, String detail) throws IOException {
        // The client may still be sending what is refused: the connection is not kept for a next request.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        problem(response, HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Request body too large", detail);
    }

    private static void unavailable(HttpServletResponse response, ServiceDefinition service, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, detail);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        problem(response, status, null, status.getReasonPhrase(), detail);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String type, String title,
                                String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type == null ? "about:blank" : "https://balintobservatory.org/problems/" + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setStatus(status.value());
        SecurityHeaders.apply(response);
        response.setContentType("application/problem+json");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The client's body as the service is sent it, counted: one byte past the limit ends the request to the
     * service with an error, and {@link #exceeded()} tells the gateway to answer 413.
     */
    private static final class LimitedBody extends FilterInputStream {
        private final long limit;
        private long read;
        private boolean exceeded;
        private boolean started;

        LimitedBody(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            started = true;
            int n = super.read(buffer, offset, (int) Math.min(length, limit + 1 - read));
            if (n > 0 && (read += n) > limit) {
                exceeded = true;
                throw new IOException("the request body exceeds the limit of " + limit + " bytes");
            }
            return n;
        }

        boolean exceeded() {
            return exceeded;
        }

        boolean started() {
            return started;
        }
    }
}
