package org.balintobservatory.support.command;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** As PostgreSQL's driver reports a failed batched insert: the SQLSTATE sits on the batch's next exception. */
class UniqueViolationsTest {

    private final UniqueViolations resolver = new UniqueViolations();

    @Test
    void aUniqueViolationInsideAFailedBatchIsADuplicateKey() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO DomainEventEntry ...",
                "23505", 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch))).isTrue();

        BatchUpdateException nextOnly = new BatchUpdateException("Batch entry 0 ...", null, 0, new int[0]);
        nextOnly.setNextException(new SQLException("duplicate key value", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(nextOnly)).isTrue();
    }

    @Test
    void otherFailuresOfTheStoreAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("not null violated", "23502"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
