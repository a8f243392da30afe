package org.balintobservatory.analytics.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    LogPosition logPosition() {
        return new LogPosition();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
