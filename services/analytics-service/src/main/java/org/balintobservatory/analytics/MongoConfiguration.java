package org.balintobservatory.analytics;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import org.balintobservatory.support.health.ReachabilityHealthIndicator;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    /** Every {@link CommandListener} bean hears the client's commands: how tests count what an answer reads. */
    @Bean(destroyMethod = "close")
    MongoClient mongoClient(AnalyticsProperties properties, ObjectProvider<CommandListener> listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.mongodbUri()));
        listeners.orderedStream().forEach(settings::addCommandListener);
        return MongoClients.create(settings.build());
    }

    /**
     * The read-model store's reachability, in the readiness group (application.yml): DOWN while it does not
     * answer a ping, UP again by itself when it does. A client of its own, which no {@link CommandListener}
     * hears, so that probes never count as reads of an answer.
     */
    @Bean(destroyMethod = "close")
    ReachabilityHealthIndicator mongodbHealthIndicator(AnalyticsProperties properties) {
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.mongodbUri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(2, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(p -> p.maxSize(1))
                .build());
        return new ReachabilityHealthIndicator("mongodb",
                () -> client.getDatabase("admin").runCommand(new Document("ping", 1)), client, Clock.systemUTC());
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, AnalyticsProperties properties) {
        return client.getDatabase(properties.database());
    }
}
