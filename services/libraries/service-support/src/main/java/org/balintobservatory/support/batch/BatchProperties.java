package org.balintobservatory.support.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one batch request, the same for every batch endpoint. A larger body is refused whole with 413,
 * before any line runs.
 *
 * @param maxBody  the largest body accepted; a year of a school's sessions or questionnaires fits in far less
 * @param maxLines the most lines in one request, blank ones included
 */
@ConfigurationProperties("balint.batch")
public record BatchProperties(
        @DefaultValue("16MB") DataSize maxBody,
        @DefaultValue("20000") int maxLines) {
}
