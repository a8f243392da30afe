package org.balintobservatory.support.batch;

import java.util.OptionalLong;

/** How far the analytics projection is behind what has been published. */
@FunctionalInterface
public interface ProjectionLag {

    /**
     * The records published to the projection's topics that it has not yet applied and committed, summed over
     * partitions; empty when it cannot be told (the projection has never committed, or Kafka did not answer).
     */
    OptionalLong records();
}
