package org.balintobservatory.support.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits every service applies to every request.
 *
 * @param requestsPerSecond sustained requests per API key (and per client address without a key)
 * @param burst             requests a key may send at once before the rate applies
 * @param maxBodySize       largest JSON body accepted
 * @param maxBatchBodySize  largest body of an NDJSON batch ({@code application/x-ndjson}) or a spreadsheet upload
 *                          ({@code text/csv}, {@code .xlsx})
 */
@ConfigurationProperties("balint.access")
public record AccessProperties(
        @DefaultValue("50") double requestsPerSecond,
        @DefaultValue("200") int burst,
        @DefaultValue("256KB") DataSize maxBodySize,
        @DefaultValue("16MB") DataSize maxBatchBodySize) {
}
