package org.balintobservatory.survey.unit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param consumerGroup              the Kafka consumer group that reads the group topic into the known
 *                                   programmes and groups; its committed offsets let a restart continue where
 *                                   it stopped
 * @param waitForUnknown             how long a response naming a programme or group not known yet waits for
 *                                   it to arrive from the group topic before it is answered 503: the group
 *                                   service publishes a programme or group a moment after answering, seconds on
 *                                   a busy machine
 * @param waitSlotsPerInstitution    how many of one institution's requests may wait at once; its next one is
 *                                   answered 503 at once, so one school's responses naming a programme that
 *                                   never comes cannot take another school's turn
 * @param waitSlotsTotal             how many requests of all institutions may wait at once, a last bound on the
 *                                   request threads held: larger than {@code waitSlotsPerInstitution}, so one
 *                                   institution alone can never reach it
 * @param retryAfter                 the {@code Retry-After} of a 503 for a programme or group not known yet
 */
@ConfigurationProperties("balint.survey.units")
public record UnitProperties(@DefaultValue("survey-service-known-units") String consumerGroup,
                             @DefaultValue("30s") Duration waitForUnknown,
                             @DefaultValue("4") int waitSlotsPerInstitution,
                             @DefaultValue("64") int waitSlotsTotal,
                             @DefaultValue("2s") Duration retryAfter) {

    public UnitProperties {
        if (waitSlotsPerInstitution < 1 || waitSlotsTotal <= waitSlotsPerInstitution) {
            throw new IllegalArgumentException("balint.survey.units: wait-slots-per-institution must be at least 1 "
                    + "and less than wait-slots-total, so that one institution cannot take every slot; got "
                    + waitSlotsPerInstitution + " and " + waitSlotsTotal);
        }
    }
}
