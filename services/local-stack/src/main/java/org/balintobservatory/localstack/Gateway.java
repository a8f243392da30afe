package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <p>When no instance of the service is ready, or none could be reached, the answer is 503 with
 * {@code Retry-After} and a problem+json body naming the service: the client should try again, and nothing
 * it sent was lost on the way, because nothing was applied or the retry is answered as already done.
 */
@RestController
public class Gateway {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a client should wait before retrying when a service is unavailable: about one restart's check. */
    static final int RETRY_AFTER_SECONDS = 2;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "host", "content-length", "expect", "proxy-authorization", "proxy-authenticate");

    private final Balancer balancer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    public Gateway(LocalStack stack) {
        this(new Balancer(service -> stack.services().instances(service)));
    }

    Gateway(Balancer balancer) {
        this.balancer = balancer;
    }

    @RequestMapping({"/api/**", "/", "/index.html", "/favicon.ico", "/css/**", "/js/**", "/webjars/**"})
    ResponseEntity<byte[]> forward(HttpServletRequest request) throws IOException, InterruptedException {
        String path = request.getRequestURI();
        ServiceDefinition service = ServiceDefinition.serving(path).orElse(null);
        if (service == null) {
            return problem(HttpStatus.NOT_FOUND, "no service serves " + path);
        }
        String query = request.getQueryString();
        String target = path + (query == null ? "" : "?" + query);
        String malformed = malformed(target);
        if (malformed != null) {
            return problem(HttpStatus.BAD_REQUEST, malformed);
        }
        byte[] body = request.getInputStream().readAllBytes();
        List<ServiceInstance> candidates = balancer.candidates(service);
        for (ServiceInstance instance : candidates) {
            try {
                return send(request, instance.baseUri().resolve(target), body);
            } catch (IOException e) {
                log.debug("{} {} failed on {}: {}", request.getMethod(), path, instance.name(), e.toString());
                if (!Balancer.mayRetryElsewhere(request.getMethod(), e)) {
                    return unavailable(service, "the connection to " + service.name()
                            + " broke while the request was under way; retry it with the same ids");
                }
            }
        }
        return unavailable(service, candidates.isEmpty()
                ? "no instance of " + service.name() + " is ready"
                : "no instance of " + service.name() + " could be reached");
    }

    private ResponseEntity<byte[]> send(HttpServletRequest request, URI uri, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder forward = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(5))
                .method(request.getMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    forward.header(name, value);
                }
            }
        }
        HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpHeaders headers = new HttpHeaders();
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                headers.addAll(name, values);
            }
        });
        return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
    }

    private static ResponseEntity<byte[]> unavailable(ServiceDefinition service, String detail) {
        ResponseEntity<byte[]> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, detail);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .body(problem.getBody());
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
}
