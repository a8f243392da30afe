package org.balintobservatory.support.command;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon's event store that an append failed on a unique index, by PostgreSQL's SQLSTATE {@value
 * #UNIQUE_VIOLATION} anywhere in the failure, the next exceptions of a JDBC batch included. Only then does
 * Axon report a lost race as such ({@code ConcurrencyException}, or {@code AggregateStreamCreationException}
 * for a stream's first event), which {@link RaceRetryScheduler} sends again; Axon's default resolver
 * compares vendor error codes, which PostgreSQL's driver leaves at 0, and reported the race as a failure of
 * the store.
 */
public final class UniqueViolations implements PersistenceExceptionResolver {

    /** SQLSTATE {@code unique_violation} (PostgreSQL, Appendix A, class 23: integrity constraint violation). */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
