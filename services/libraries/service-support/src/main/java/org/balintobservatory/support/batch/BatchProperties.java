package org.balintobservatory.support.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Limits of one batch request, and how its lines are committed, the same for every batch endpoint. A larger
 * body is refused whole with 413, before any line runs.
 *
 * @param maxBody             the largest body accepted; a year of a school's sessions or questionnaires fits in
 *                            far less
 * @param maxLines            the most lines in one request, blank ones included
 * @param linesPerTransaction the most consecutive lines applied in one database transaction
 *                            ({@link LineTransactions}); 1 runs every line in a transaction of its own. The
 *                            answers of a transaction's lines are written when it has committed, so this is
 *                            also how far the answer lags behind the work. 100 lines append a few hundred
 *                            events (a session line appends one per attendee and case) in one JDBC batch
 * @param transactionTime     how long a shared transaction takes lines: after a line that ends later than this
 *                            after the transaction began, it commits and the next line begins another. It bounds
 *                            how long the transaction holds its aggregates' locks and how long a client waits for
 *                            answers, and keeps it well inside Axon's time limit for a unit of work (60 s, after
 *                            which the unit is interrupted)
 */
@ConfigurationProperties("balint.batch")
public record BatchProperties(
        @DefaultValue("16MB") DataSize maxBody,
        @DefaultValue("20000") int maxLines,
        @DefaultValue("100") int linesPerTransaction,
        @DefaultValue("5s") Duration transactionTime) {

    public BatchProperties {
        if (linesPerTransaction < 1) {
            throw new IllegalArgumentException("balint.batch.lines-per-transaction must be at least 1, was "
                    + linesPerTransaction);
        }
    }
}
