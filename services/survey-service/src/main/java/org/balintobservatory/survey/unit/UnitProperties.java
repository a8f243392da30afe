package org.balintobservatory.survey.unit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param consumerGroup  the Kafka consumer group that reads the group topic into the known programmes and
 *                       groups; its committed offsets let a restart continue where it stopped
 * @param waitForUnknown how long a response naming a programme or group not known yet waits for it to
 *                       arrive from the group topic before it is refused: the group service publishes a
 *                       programme or group a moment after answering, seconds on a busy machine
 */
@ConfigurationProperties("balint.survey.units")
public record UnitProperties(@DefaultValue("survey-service-known-units") String consumerGroup,
                             @DefaultValue("30s") Duration waitForUnknown) {
}
