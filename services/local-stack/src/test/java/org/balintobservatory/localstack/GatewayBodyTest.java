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
        Client client = new Client(1);
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

    /**
     * A large CSV download passes through as it is written: the service sends its header and first rows, and sends
     * the rest only once the client has received them, through a container that, like Tomcat, passes an answer on
     * only when its buffer is full or flushed. The first rows are far smaller than that buffer, so only a gateway
     * that passes on what has arrived lets the download finish; and the gateway never holds more than its copy buffer
     * and the container's buffer of it.
     */
    @Test
    void aLargeCsvDownloadReachesTheClientWhileTheServiceIsStillWritingIt() throws Exception {
        byte[] firstRows = "unit,institution,yi,vi,n\n\"inst-a/g-1\",\"inst-a\",0.5,0.04,9\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int rest = 4 * 1024 * 1024;
        Client client = new Client(8 * 1024);
        AtomicLong writtenBeforeClientHadAny = new AtomicLong();
        CountDownLatch serviceDone = new CountDownLatch(1);
        Gateway gateway = gatewayTo(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/csv;charset=UTF-8");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(firstRows);
                out.flush();
                writtenBeforeClientHadAny.set(firstRows.length);
                await(client.receivedSome, "the client to receive the first rows");
                byte[] row = "\"inst-b/g-2\",\"inst-b\",0.25,0.05,7\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (int sent = 0; sent < rest; sent += row.length) {
                    out.write(row);
                }
            }
            serviceDone.countDown();
        });
        MockHttpServletRequest request = new MockHttpServletRequest("GET",
                "/api/v1/analytics/effect-sizes.csv");
        request.setQueryString("instrument=jse-style");

        gateway.forward(request, client);
        client.getOutputStream().flush();

        assertThat(client.getStatus()).isEqualTo(200);
        assertThat(serviceDone.getCount()).as("the service finished writing").isZero();
        assertThat(client.firstReceived.get()).as("what reached the client before the service wrote more")
                .isPositive().isLessThanOrEqualTo(writtenBeforeClientHadAny.get());
        assertThat(client.bytes.get()).as("bytes the client received").isGreaterThan(rest);
        assertThat(client.mostHeld.get()).as("bytes held on the way at once").isLessThanOrEqualTo(8 * 1024);
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

    /**
     * The client's side of the answer, behind a container that holds an answer in a buffer of its own until it is
     * full or flushed, as Tomcat's response buffer does (a buffer of one byte passes every byte on at once): counts
     * what reaches the client, says when the first bytes have and how many, and the most bytes the buffer held.
     */
    private static final class Client extends MockHttpServletResponse {
        final CountDownLatch receivedSome = new CountDownLatch(1);
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong firstReceived = new AtomicLong();
        final AtomicLong mostHeld = new AtomicLong();
        private final int capacity;
        private int held;
        private ServletOutputStream stream;

        Client(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) {
                        while (length > 0) {
                            int n = Math.min(length, capacity - held);
                            held += n;
                            mostHeld.accumulateAndGet(held, Math::max);
                            length -= n;
                            if (held == capacity) {
                                flush();
                            }
                        }
                    }

                    @Override
                    public void flush() {
                        if (held > 0) {
                            if (bytes.get() == 0) {
                                firstReceived.set(held);
                            }
                            bytes.addAndGet(held);
                            held = 0;
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
            return stream;
        }
    }
}
