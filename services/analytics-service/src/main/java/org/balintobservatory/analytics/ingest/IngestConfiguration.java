package org.balintobservatory.analytics.ingest;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    LogPosition logPosition(MongoDatabase database) {
        return new LogPosition(database);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
