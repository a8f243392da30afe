package org.balintobservatory.localstack;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for an OpenTelemetry Collector's OTLP/HTTP traces receiver: it answers every export with 200 and
 * keeps the exports that mention a trace a test watches. An export is a protobuf message; the test needs no
 * decoder for it, since a trace id is written as its 16 bytes and a span's name and a resource's
 * {@code service.name} as their UTF-8 bytes.
 */
public final class TraceCollector implements AutoCloseable {

    private final HttpServer server;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final List<byte[]> kept = new ArrayList<>();

    public TraceCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                keepIfWatched(in.readAllBytes());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL the services export to. */
    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Keeps, from now on, the exports that carry spans of this trace (32 hex digits). */
    public void watch(String traceId) {
        watched.add(traceId);
    }

    /** The exports kept that carry spans of this trace: one per exporting process and batch. */
    public synchronized List<Export> exportsOf(String traceId) {
        byte[] id = HexFormat.of().parseHex(traceId);
        return kept.stream().filter(body -> indexOf(body, id) >= 0).map(Export::new).toList();
    }

    private void keepIfWatched(byte[] body) {
        for (String traceId : watched) {
            if (indexOf(body, HexFormat.of().parseHex(traceId)) >= 0) {
                synchronized (this) {
                    kept.add(body);
                }
                return;
            }
        }
    }

    /** One export request as it arrived. */
    public record Export(byte[] body) {

        /** Whether the text appears in it as UTF-8: a span's name, an attribute's value, a service's name. */
        public boolean mentions(String text) {
            return indexOf(body, text.getBytes(StandardCharsets.UTF_8)) >= 0;
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
