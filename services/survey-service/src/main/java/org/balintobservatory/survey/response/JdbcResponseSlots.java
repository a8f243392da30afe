package org.balintobservatory.survey.response;

import org.balintobservatory.contract.survey.Timepoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Slots as rows of {@code survey_response_slot} in the service's own PostgreSQL database, guarded by a
 * partial unique index over live rows. Axon appends a command's events through the same Spring-managed
 * transaction, so a row and its event commit or roll back together.
 *
 * <p>Several instances of the service may claim or move into one slot at once. Each claim and move first
 * takes a transaction-scoped advisory lock on the slot ({@code pg_advisory_xact_lock}), held until the
 * command's transaction ends, so the second waits for the first to commit and then sees its row: a lost
 * race is a named holder (409 to the caller), never a unique-index violation that aborts the transaction.
 * {@code ON CONFLICT DO NOTHING} stays as the last line of defence for a claim.
 */
@Component
class JdbcResponseSlots implements ResponseSlots {

    private final JdbcTemplate jdbc;

    JdbcResponseSlots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> claim(String institutionId, String responseId, String participantId, String instrumentId,
                                  Timepoint timepoint) {
        lock(institutionId, participantId, instrumentId, timepoint);
        int inserted = jdbc.update("""
                INSERT INTO survey_response_slot (institution_id, response_id, participant_id, instrument_id, timepoint)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                institutionId, responseId, participantId, instrumentId, timepoint.name());
        // The same response holding it already is the same submission arriving twice (a retry on another
        // instance): not a conflict with itself; the event store decides which attempt stores it.
        return inserted == 1 ? Optional.empty() : holder(institutionId, participantId, instrumentId, timepoint)
                .filter(holder -> !holder.equals(responseId));
    }

    @Override
    public Optional<String> move(String institutionId, String responseId, String participantId, String instrumentId,
                                 Timepoint timepoint) {
        lock(institutionId, participantId, instrumentId, timepoint);
        Optional<String> holder = holder(institutionId, participantId, instrumentId, timepoint)
                .filter(other -> !other.equals(responseId));
        if (holder.isPresent()) {
            return holder;
        }
        jdbc.update("""
                UPDATE survey_response_slot SET participant_id = ?, instrument_id = ?, timepoint = ?
                WHERE institution_id = ? AND response_id = ?""",
                participantId, instrumentId, timepoint.name(), institutionId, responseId);
        return Optional.empty();
    }

    @Override
    public void release(String institutionId, String responseId) {
        jdbc.update("UPDATE survey_response_slot SET live = FALSE WHERE institution_id = ? AND response_id = ?",
                institutionId, responseId);
    }

    @Override
    public List<String> liveResponsesOf(String institutionId, String participantId) {
        return jdbc.queryForList("""
                SELECT response_id FROM survey_response_slot
                WHERE institution_id = ? AND participant_id = ? AND live ORDER BY response_id""",
                String.class, institutionId, participantId);
    }

    /** Serialises every claim and move into one slot until the end of the transaction. */
    private void lock(String institutionId, String participantId, String instrumentId, Timepoint timepoint) {
        String slot = institutionId + "|" + participantId + "|" + instrumentId + "|" + timepoint.name();
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> { }, slot);
    }

    private Optional<String> holder(String institutionId, String participantId, String instrumentId,
                                    Timepoint timepoint) {
        return jdbc.queryForList("""
                SELECT response_id FROM survey_response_slot
                WHERE institution_id = ? AND participant_id = ? AND instrument_id = ? AND timepoint = ? AND live""",
                String.class, institutionId, participantId, instrumentId, timepoint.name()).stream().findFirst();
    }
}
