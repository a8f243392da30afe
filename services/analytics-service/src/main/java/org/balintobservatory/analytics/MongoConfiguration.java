package org.balintobservatory.analytics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(AnalyticsProperties properties) {
        return MongoClients.create(properties.mongodbUri());
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, AnalyticsProperties properties) {
        return client.getDatabase(properties.database());
    }
}
