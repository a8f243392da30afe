package org.balintobservatory.support.pseudonym;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret the master secret the per-institution pseudonym keys are derived from
 *               ({@code BALINT_PSEUDONYMS_SECRET}); the same in the group, survey and analytics services
 */
@ConfigurationProperties("balint.pseudonyms")
public record PseudonymProperties(String secret) {
}
