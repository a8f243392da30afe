package org.balintobservatory.support.eventstore;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Creates Axon's event and token tables in PostgreSQL when they are missing (Axon's own DDL, which uses
 * {@code CREATE TABLE IF NOT EXISTS}), before any processor starts reading them.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
@ConditionalOnClass(JdbcEventStorageEngine.class)
@ConditionalOnBean(EventStorageEngine.class)
public class EventStoreSchemaAutoConfiguration {

    @Bean
    InitializingBean axonJdbcSchema(EventStorageEngine storageEngine, TokenStore tokenStore) {
        return () -> {
            if (storageEngine instanceof JdbcEventStorageEngine jdbc) {
                jdbc.createSchema(PostgresEventTableFactory.INSTANCE);
            }
            if (tokenStore instanceof JdbcTokenStore jdbc) {
                jdbc.createSchema(PostgresTokenTableFactory.INSTANCE);
            }
        };
    }
}
