package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway streams bodies both ways and holds each request to its route's limit: in front of a small
 * loopback server standing in for a service, which counts what reaches it.
 */
class GatewayBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceDefinition SURVEY = ServiceDefinition.serving("/api/v1/survey-responses").orElseThrow();
    private static final String UPLOAD = "/api/v1/survey-responses/upload";
    /** Small limits, so that a body over them is cheap to send; the rule is the same at any size. */
    private static final BodyLimits LIMITS = new BodyLimits(DataSize.ofKilobytes(1), DataSize.ofMegabytes(1));
    /** How long a stream waits for the other side before failing the test: only a broken gateway waits at all. */
    private static final long PATIENCE_SECONDS = 120;

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private final CountDownLatch serverReceivedSome = new CountDownLatch(1);
    private ServiceInstance instance;
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (instance != null) {
            instance.kill();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aBodyDeclaredOverItsRoutesLimitIs413AtOnceWithoutReadingIt() throws Exception {
        Gateway gateway = gatewayTo(echoingLength());
        MockHttpServletRequest request = upload(new Unreadable());
        request.addHeader("Content-Length", String.valueOf(LIMITS.batch().toBytes() + 1));

        MockHttpServletResponse answer = new MockHttpServletResponse();
        gateway.forward(withLength(request, LIMITS.batch().toBytes() + 1), answer);

        assertTooLarge(answer);
        assertThat(requests).as("requests that reached the service").hasValue(0);
    }

    @Test
    void aJsonBodyIsHeldToTheSmallerLimitOfItsContentType() throws Exception {
        Gateway gateway = gatewayTo(echoingLength());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/survey-responses");
        request.setContentType("application/json");
        request.setContent(new byte[(int) LIMITS.single().toBytes() + 1]);

        MockHttpServletResponse answer = new MockHttpServletResponse();
        gateway.forward(request, answer);

        assertTooLarge(answer);
        assertThat(requests).hasValue(0);
    }

    /**
     * A body of no declared length is counted as it is forwarded: one byte over the limit cuts the request to the
     * service and is answered 413; the gateway reads no more than the limit and a buffer.
     */
    @Test
    void aChunkedBodyOverTheLimitIsCutAtTheLimitAnd413() throws Exception {
        Gateway gateway = gatewayTo(echoingLength());
        Endless body = new Endless();
        MockHttpServletRequest request = withLength(upload(body), -1);
        request.addHeader("Transfer-Encoding", "chunked");

        MockHttpServletResponse answer = new MockHttpServletResponse();
        gateway.forward(request, answer);

        assertTooLarge(answer);
        assertThat(body.read).as("bytes the gateway read from the client")
                .isLessThanOrEqualTo(LIMITS.batch().toBytes() + 64 * 1024);
        assertThat(received.get()).as("bytes that reached the service").isLessThanOrEqualTo(LIMITS.batch().toBytes());
    }

    /**
     * A body within the limit reaches the service while the client is still sending it, and the service's
     * answer reaches the client while the service is still writing it: each side waits for the other half way
     * through, which only a gateway that streams lets finish.
     */
    @Test
    void bodiesWithinTheLimitAreStreamedBothWays() throws Exception {
        int size = (int) LIMITS.batch().toBytes();
        Client client = new Client();
        Gateway gateway = gatewayTo(exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().transferTo(counting());
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[size / 2]);
                out.flush();
                await(client.receivedSome, "the client to receive the first half of the answer");
                out.write(new byte[size - size / 2]);
            }
        });
        HalfThenWait body = new HalfThenWait(size, serverReceivedSome);
        MockHttpServletRequest request = withLength(upload(body), size);

        gateway.forward(request, client);

        assertThat(client.getStatus()).isEqualTo(200);
        assertThat(received.get()).as("bytes the service received").isEqualTo(size);
        assertThat(client.bytes.get()).as("bytes the client received").isEqualTo(size);
    }

    private Gateway gatewayTo(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", handler);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        instance = new ServiceInstance(SURVEY, 1, server.getAddress().getPort(), null, Path.of("unused.log"),
                new ProcessBuilder("sleep", "60"));
        instance.start();
        instance.ready(true);
        return new Gateway(new Balancer(s -> List.of(instance)), LIMITS);
    }

    private com.sun.net.httpserver.HttpHandler echoingLength() {
        return exchange -> {
            requests.incrementAndGet();
            try {
                exchange.getRequestBody().transferTo(counting());
            } catch (IOException cut) {
                // the gateway cut the request at the limit
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        };
    }

    /** Counts what reaches the service, and says when the first bytes have. */
    private OutputStream counting() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                received.addAndGet(length);
                serverReceivedSome.countDown();
            }
        };
    }

    private static void assertTooLarge(MockHttpServletResponse answer) throws IOException {
        assertThat(answer.getStatus()).isEqualTo(413);
        assertThat(answer.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(answer.getContentAsByteArray());
        assertThat(problem.path("type").asText()).endsWith("/too-large");
        assertThat(problem.path("detail").asText()).contains("limit");
    }

    private static MockHttpServletRequest upload(ServletInputStream body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", UPLOAD) {
            @Override
            public ServletInputStream getInputStream() {
                return body;
            }
        };
        request.setContentType("text/csv");
        return request;
    }

    /** The request as it declares its length: {@code -1} for none, as a chunked body has. */
    private static MockHttpServletRequest withLength(MockHttpServletRequest request, long length) {
        MockHttpServletRequest declared = new MockHttpServletRequest("POST", UPLOAD) {
            @Override
            public long getContentLengthLong() {
                return length;
            }

            @Override
            public int getContentLength() {
                return (int) Math.min(Integer.MAX_VALUE, length);
            }

            @Override
            public ServletInputStream getInputStream() {
                return request.getInputStream();
            }
        };
        declared.setContentType(request.getContentType());
        java.util.Collections.list(request.getHeaderNames()).forEach(name ->
                java.util.Collections.list(request.getHeaders(name)).forEach(v -> declared.addHeader(name, v)));
        return declared;
    }

    private static void await(CountDownLatch latch, String what) throws IOException {
        try {
            if (!latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("waited in vain for " + what + ": the gateway holds bodies whole");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A client body that must not be read. */
    private static final class Unreadable extends Body {
        @Override
        public int read() throws IOException {
            throw new IOException("the gateway read a body it should have refused unread");
        }
    }

    /** A client body that never ends, counting what the gateway reads of it. */
    private static final class Endless extends Body {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
            read += length;
            return length;
        }
    }

    /** A client body that sends its first half, then waits until the service has received some of it. */
    private static final class HalfThenWait extends Body {
        private final int size;
        private final CountDownLatch serverReceivedSome;
        private int sent;

        HalfThenWait(int size, CountDownLatch serverReceivedSome) {
            this.size = size;
            this.serverReceivedSome = serverReceivedSome;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent >= size) {
                return -1;
            }
            if (sent >= size / 2) {
                await(serverReceivedSome, "the service to receive the first half of the body");
            }
            int n = Math.min(length, (sent < size / 2 ? size / 2 : size) - sent);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'y');
            sent += n;
            return n;
        }
    }

    private abstract static class Body extends ServletInputStream {
        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    /** The client's side of the answer: counts what arrives, and says when the first bytes have. */
    private static final class Client extends MockHttpServletResponse {
        final CountDownLatch receivedSome = new CountDownLatch(1);
        final AtomicLong bytes = new AtomicLong();

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] buffer, int offset, int length) {
                    bytes.addAndGet(length);
                    if (length > 0) {
                        receivedSome.countDown();
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
