package org.balintobservatory.analytics;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, AnalyticsProperties properties) {
        return client.getDatabase(properties.database());
    }
}
