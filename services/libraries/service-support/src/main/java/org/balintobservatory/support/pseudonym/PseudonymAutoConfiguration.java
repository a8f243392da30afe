package org.balintobservatory.support.pseudonym;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * {@link Pseudonyms} for the services that take participant ids. Lazy, so a service that never asks for it
 * (the access service) needs no secret, and one that does fails at start when the secret is missing.
 */
@AutoConfiguration
@EnableConfigurationProperties(PseudonymProperties.class)
public class PseudonymAutoConfiguration {

    @Bean
    @Lazy
    Pseudonyms pseudonyms(PseudonymProperties properties) {
        return new Pseudonyms(properties.secret());
    }
}
