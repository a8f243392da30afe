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

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates Axon's event and token tables in PostgreSQL when they are missing (Axon's own DDL, which uses
 * {@code CREATE TABLE IF NOT EXISTS}), before any processor starts reading them.
 *
 * <p>{@code IF NOT EXISTS} is not safe against itself: two instances of a service starting together on an
 * empty database both find a table missing, and the second fails on PostgreSQL's catalogue
 * ({@code pg_type_typname_nsp_index}). So the DDL runs under the session-level advisory lock
 * {@link #SCHEMA_LOCK}, which the services' own schema scripts take too: the second instance waits, then
 * finds every table there.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
@ConditionalOnClass(JdbcEventStorageEngine.class)
@ConditionalOnBean(EventStorageEngine.class)
public class EventStoreSchemaAutoConfiguration {

    /** The advisory lock key every instance of every service takes while it creates tables. */
    public static final long SCHEMA_LOCK = 7_362_011_950L;

    @Bean
    InitializingBean axonJdbcSchema(EventStorageEngine storageEngine, TokenStore tokenStore, DataSource dataSource) {
        return () -> {
            try (Connection lock = dataSource.getConnection()) {
                execute(lock, "SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
                try {
                    if (storageEngine instanceof JdbcEventStorageEngine jdbc) {
                        jdbc.createSchema(PostgresEventTableFactory.INSTANCE);
                    }
                    if (tokenStore instanceof JdbcTokenStore jdbc) {
                        jdbc.createSchema(PostgresTokenTableFactory.INSTANCE);
                    }
                } finally {
                    execute(lock, "SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                }
            }
        };
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
