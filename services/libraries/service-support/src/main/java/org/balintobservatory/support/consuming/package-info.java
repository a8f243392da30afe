/**
 * Reading Kafka: {@link org.balintobservatory.support.consuming.ConsumerLoop}, the one loop every reader of
 * the services runs (the analytics projection, the survey service's list of known units, the key registry), and
 * its reads to given offsets (rebuilds, catch-up rounds).
 */
package org.balintobservatory.support.consuming;
