package org.balintobservatory.support.batch;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Lines sharing one Axon unit of work and one Spring transaction on the service's PostgreSQL database.
 *
 * <p>How it works, on Axon 4's own rules:
 * <ul>
 *   <li>The lines run inside a root {@link UnitOfWork} bound to a new Spring transaction. Each command a line
 *       sends is handled in a unit of work nested in it, whose Spring transaction joins the shared one
 *       ({@code PROPAGATION_REQUIRED}; Axon's {@code SpringTransactionManager} neither commits nor rolls back a
 *       transaction it joined).</li>
 *   <li>An accepted command's events move to the root unit of work when its nested one commits, and are appended
 *       together when the root commits: one JDBC batch for all the lines, then one commit. A refused command's
 *       nested unit of work rolls back: its events are dropped, and its aggregate is taken out of the root's
 *       loaded aggregates and out of the aggregate cache, so the next line loads it again from the stored and the
 *       staged events.</li>
 *   <li>An aggregate is loaded once for all the lines that follow, as long as none of them is refused: the
 *       repository keeps what a unit of work loaded in its root, and the event store reads staged events with
 *       stored ones. Axon's lock on the aggregate is held until the root ends, so another request of this
 *       instance waits for the shared transaction rather than deciding on events that are not stored yet.</li>
 *   <li>Axon's connection provider registers its commit and rollback on the unit of work that first asks for a
 *       connection; it is asked once in the root before any line runs, or a nested unit of work would commit or
 *       roll back the shared connection under the lines.</li>
 *   <li>With {@code savepoints}, each line runs inside a savepoint of the shared transaction, released when the
 *       line is accepted and rolled back when it is refused, so a row or lock the line wrote goes with it.</li>
 * </ul>
 *
 * <p>A line that fails in the service (not a refusal: a failing query aborts the whole PostgreSQL transaction)
 * and a commit that fails (another instance appended to one of the aggregates first: the unique index on
 * aggregate and sequence number) roll everything back; the caller then runs the lines one by one, each as a
 * single request would run, where a lost race is sent again by the command gateway.
 *
 * <p>Inside a unit of work or transaction of the caller's, the lines are not run here: the caller's own
 * transaction decides what commits.
 */
final class UnitOfWorkLineTransactions implements LineTransactions {

    private static final Logger log = LoggerFactory.getLogger(UnitOfWorkLineTransactions.class);

    private final PlatformTransactionManager transactions;
    private final ConnectionProvider connections;

    UnitOfWorkLineTransactions(PlatformTransactionManager transactions, ConnectionProvider connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    @Override
    public Optional<List<LineResult>> together(List<BatchLine> lines, boolean savepoints, LineRun run,
                                               BooleanSupplier full) {
        if (CurrentUnitOfWork.isStarted() || TransactionSynchronizationManager.isActualTransactionActive()) {
            return Optional.empty();
        }
        TransactionStatus transaction;
        try {
            transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        } catch (RuntimeException e) {
            log.warn("no transaction for batch lines {}-{}; they are run one by one: {}", lines.get(0).number(),
                    lines.get(lines.size() - 1).number(), e.toString());
            return Optional.empty();
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onCommit(u -> transactions.commit(transaction));
        unitOfWork.onRollback(u -> {
            if (!transaction.isCompleted()) {
                transactions.rollback(transaction);
            }
        });
        List<LineResult> results = new ArrayList<>(lines.size());
        try {
            attachConnection();
            for (BatchLine line : lines) {
                Object savepoint = savepoints ? transaction.createSavepoint() : null;
                LineResult result = run.run(line);
                if (savepoint != null) {
                    if (result.accepted()) {
                        transaction.releaseSavepoint(savepoint);
                    } else {
                        transaction.rollbackToSavepoint(savepoint);
                    }
                }
                results.add(result);
                if (full.getAsBoolean()) {
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            try {
                unitOfWork.rollback(e);
            } catch (RuntimeException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            if (e instanceof Error error) {
                throw error;
            }
            log.warn("batch lines {}-{} failed together and are run one by one: {}", lines.get(0).number(),
                    lines.get(lines.size() - 1).number(), e.toString());
            return Optional.empty();
        }
        try {
            unitOfWork.commit();
        } catch (RuntimeException e) {
            log.warn("batch lines {}-{} could not be committed together and are run one by one: {}",
                    lines.get(0).number(), lines.get(results.size() - 1).number(), e.toString());
            return Optional.empty();
        }
        return Optional.of(results);
    }

    /** Binds the shared connection to the root unit of work (see the class comment). */
    private void attachConnection() {
        try {
            Connection connection = connections.getConnection();
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the batch's transaction", e);
        }
    }
}
