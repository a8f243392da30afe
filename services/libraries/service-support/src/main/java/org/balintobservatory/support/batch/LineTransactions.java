package org.balintobservatory.support.batch;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * How consecutive lines of a batch share a database transaction: one commit for many lines instead of one a
 * line, while each line keeps the answer it would have had on its own.
 *
 * <p>What may be relied on, whatever the implementation:
 * <ul>
 *   <li>a refused line stores nothing of itself, and the lines before and after it are stored as if it had
 *       not been sent;</li>
 *   <li>the results are handed back only after the transaction holding every accepted line has committed,
 *       so a line answered 2xx is durable when its answer is written;</li>
 *   <li>when the lines cannot be applied together (a line failed in the service, or the commit failed, for
 *       instance because another instance appended to one of the aggregates meanwhile) nothing of them is
 *       stored and the caller runs them again one by one, each in its own transaction as a single request
 *       would be. Every command is idempotent, so nothing is stored twice either way.</li>
 * </ul>
 */
public interface LineTransactions {

    /** Every line in a transaction of its own: a service without a transactional store. */
    LineTransactions NONE = (lines, savepoints, run, full) -> Optional.empty();

    /**
     * Runs {@code lines} in order in one transaction, or as many of them as fit: the transaction is committed
     * early once {@code full} says so after a line.
     *
     * @param savepoints whether each line gets a savepoint, rolled back when it is refused (a handler whose lines
     *                   write besides their events, {@link LineHandler#writesBesideEvents()})
     * @param run        runs one line and answers it; throws when the line failed in the service rather than being
     *                   refused
     * @param full       asked after each line whether the transaction has run long enough
     * @return the results of the first lines, one each, once committed; empty when nothing of the lines was
     *         stored and they are to be run one by one
     */
    Optional<List<LineResult>> together(List<BatchLine> lines, boolean savepoints, LineRun run, BooleanSupplier full);

    /** Runs one line inside the shared transaction. */
    @FunctionalInterface
    interface LineRun {

        /** @throws RuntimeException when the line failed in the service, not when it was refused */
        LineResult run(BatchLine line);
    }
}
