package org.balintobservatory.group;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Takes a school's programmes, groups, membership and sessions as commands, and stores them as events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GroupServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GroupServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Keeps loaded groups in memory, so a batch of a group's commands does not replay its whole stream
     * for every line. Safe with several instances too: an append from a stale copy fails on the event
     * store's sequence constraint, is answered with 409, and evicts the copy. One cache per aggregate type,
     * because a cache is keyed by aggregate id alone.
     */
    @Bean
    Cache groupCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache programmeCache() {
        return new WeakReferenceCache();
    }
}
