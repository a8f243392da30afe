package org.balintobservatory.infrastructure.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives each service its own schema when several share one PostgreSQL database (the local stack or
 * the tests against one external server): Axon's tables have fixed names, and two services must never
 * read each other's event store.
 */
public final class PostgresSchemas {

    private PostgresSchemas() {
    }

    /** Creates the schema unless it exists, and returns the URL with {@code currentSchema} set to it. */
    public static String withSchema(String jdbcUrl, String user, String password, String schema) {
        if (!schema.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema, e);
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
