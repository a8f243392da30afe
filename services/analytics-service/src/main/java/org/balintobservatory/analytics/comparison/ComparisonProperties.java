package org.balintobservatory.analytics.comparison;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param minimumCellSize units with fewer participants are suppressed from every cross-institution answer
 */
@ConfigurationProperties("balint.analytics.privacy")
public record ComparisonProperties(@DefaultValue("5") int minimumCellSize) {
}
