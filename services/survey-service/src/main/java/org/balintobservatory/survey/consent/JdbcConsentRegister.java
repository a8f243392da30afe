package org.balintobservatory.survey.consent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link ConsentRegister} as rows of {@code survey_participant_consent}. A submission inserts the
 * participant's row when it is missing and reads it {@code FOR SHARE}; a withdrawal updates it. PostgreSQL
 * then orders the two: a withdrawal that commits first is seen by the submission, and a submission that read
 * first commits before the withdrawal lists the participant's live responses to retract them.
 */
@Component
class JdbcConsentRegister implements ConsentRegister {

    private final JdbcTemplate jdbc;

    JdbcConsentRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String institutionId, String participantId, boolean withdrawn) {
        jdbc.update("""
                INSERT INTO survey_participant_consent (institution_id, participant_id, withdrawn) VALUES (?, ?, ?)
                ON CONFLICT (institution_id, participant_id) DO UPDATE SET withdrawn = EXCLUDED.withdrawn""",
                institutionId, participantId, withdrawn);
    }

    @Override
    public boolean isWithdrawn(String institutionId, String participantId) {
        jdbc.update("""
                INSERT INTO survey_participant_consent (institution_id, participant_id, withdrawn) VALUES (?, ?, FALSE)
                ON CONFLICT DO NOTHING""", institutionId, participantId);
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT withdrawn FROM survey_participant_consent
                WHERE institution_id = ? AND participant_id = ? FOR SHARE""",
                Boolean.class, institutionId, participantId));
    }
}
