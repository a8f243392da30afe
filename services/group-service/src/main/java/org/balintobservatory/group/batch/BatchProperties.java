package org.balintobservatory.group.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one batch import request. A larger body is refused whole with 413, before any line runs.
 *
 * @param maxBody  the largest body accepted; a year of a school's sessions fits in far less
 * @param maxLines the most commands in one request
 */
@ConfigurationProperties("balint.group.batch")
public record BatchProperties(
        @DefaultValue("16MB") DataSize maxBody,
        @DefaultValue("20000") int maxLines) {
}
