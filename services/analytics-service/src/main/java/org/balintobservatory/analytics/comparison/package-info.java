/**
 * Researchers' comparisons across analysis units: effect sizes per unit from the read models' sufficient
 * statistics, pooled and compared by moderator with the meta-analysis engine. The comparison logic is
 * plain Java ({@link org.balintobservatory.analytics.comparison.ComparisonEngine}); the controller only
 * reads units and shapes responses.
 */
package org.balintobservatory.analytics.comparison;
