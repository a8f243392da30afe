package org.balintobservatory.analytics.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    LogPosition logPosition() {
        return new LogPosition();
    }
}
