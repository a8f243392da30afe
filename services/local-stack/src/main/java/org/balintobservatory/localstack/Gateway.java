package org.balintobservatory.localstack;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * One base URL for every service, as an ingress would give in production: forwards {@code /api/**} and
 * the dashboard's files by path prefix to the service that owns them ({@link ServiceDefinition#routes()}),
 * headers and body as they are.
 */
@RestController
public class Gateway {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "host", "content-length", "expect", "proxy-authorization", "proxy-authenticate");

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Gateway(LocalStack stack) {
        this.stack = stack;
    }

    @RequestMapping({"/api/**", "/", "/index.html", "/favicon.ico", "/css/**", "/js/**", "/webjars/**"})
    ResponseEntity<byte[]> forward(HttpServletRequest request) throws IOException, InterruptedException {
        String path = request.getRequestURI();
        Map.Entry<ServiceDefinition, URI> target = stack.route(path).orElse(null);
        if (target == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no service serves " + path);
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .body(("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\""
                            + problem.getDetail().replace("\"", "'") + "\"}").getBytes());
        }
        String query = request.getQueryString();
        URI uri = target.getValue().resolve(path + (query == null ? "" : "?" + query));
        byte[] body = request.getInputStream().readAllBytes();
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
}
