package org.balintobservatory.support.batch;

/**
 * Runs one line exactly as the single request would run. A refusal is thrown (the exceptions
 * {@link org.balintobservatory.support.web.Refusals} answers); what is returned is the line's
 * {@link LineResult#result()}, or {@code null}.
 */
@FunctionalInterface
public interface LineHandler {

    Object run(BatchLine line) throws Exception;

    /**
     * Whether a line may write to the database other than through the events its commands apply (a row of
     * its own, a lock): then every line of a shared transaction runs inside a savepoint, rolled back when the
     * line is refused ({@link LineTransactions}). A handler whose lines only send commands needs none: Axon
     * keeps a command's events in its unit of work until the shared transaction commits and drops them when
     * the command is refused, so a refused line has written nothing. Unless a handler says otherwise
     * ({@link #eventsOnly}), it is taken to write.
     */
    default boolean writesBesideEvents() {
        return true;
    }

    /**
     * A handler whose lines write nothing but their commands' events, so they share a transaction without a
     * savepoint each (two round trips a line fewer).
     */
    static LineHandler eventsOnly(LineHandler handler) {
        return new LineHandler() {
            @Override
            public Object run(BatchLine line) throws Exception {
                return handler.run(line);
            }

            @Override
            public boolean writesBesideEvents() {
                return false;
            }
        };
    }
}
