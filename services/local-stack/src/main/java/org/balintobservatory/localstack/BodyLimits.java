package org.balintobservatory.localstack;

import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * The largest request body each route takes, as every service's {@code RequestSizeFilter} decides it: bodies
 * of many records (NDJSON batches and spreadsheet uploads, by their {@code Content-Type}) up to
 * {@link #batch}, any other body up to {@link #single}. The local stack passes these same two numbers to every
 * service it starts ({@link #asServiceArguments()}), so the gateway refuses exactly what the service behind it
 * would, without reading a byte more than the service would accept.
 *
 * @param single the largest JSON body ({@code balint.access.max-body-size})
 * @param batch  the largest batch or upload body ({@code balint.access.max-batch-body-size})
 */
record BodyLimits(DataSize single, DataSize batch) {

    /** The services' own defaults. */
    static final BodyLimits DEFAULTS = new BodyLimits(DataSize.ofKilobytes(256), DataSize.ofMegabytes(16));

    /** The limit of a body of this {@code Content-Type}; the same rule as the services' request size filter. */
    long limitFor(String contentType) {
        return isBatch(contentType) ? batch.toBytes() : single.toBytes();
    }

    /** The services' command-line arguments that set their limits to these. */
    List<String> asServiceArguments() {
        return List.of("--balint.access.max-body-size=" + single.toBytes() + "B",
                "--balint.access.max-batch-body-size=" + batch.toBytes() + "B");
    }

    private static boolean isBatch(String contentType) {
        return contentType != null && (contentType.startsWith("application/x-ndjson")
                || contentType.startsWith("text/csv")
                || contentType.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }
}
