package org.balintobservatory.survey.unit;

import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The programmes and groups of each institution, as the group service published them
 * ({@code survey_known_programme}, {@code survey_known_group}), and the rule that a response names only its
 * own institution's: {@code programme-exists}, {@code group-exists}, {@code group-in-programme}.
 *
 * <p>Another school's programme or group is, for the caller, one that does not exist: the lookup is by the
 * caller's institution, so the refusal says nothing about other schools.
 */
@Component
public class KnownUnits {

    private static final Duration RECHECK = Duration.ofMillis(100);
    /**
     * Requests that may wait for an unknown programme or group at once; beyond that a request is refused at
     * once, so responses naming programmes that never come cannot hold every request thread.
     */
    private static final int MAX_WAITING = 16;

    private final JdbcTemplate jdbc;
    private final Duration waitForUnknown;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    KnownUnits(JdbcTemplate jdbc, UnitProperties properties) {
        this.jdbc = jdbc;
        this.waitForUnknown = properties.waitForUnknown();
    }

    void programmeRegistered(String institutionId, String programmeId) {
        jdbc.update("INSERT INTO survey_known_programme (institution_id, programme_id) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", institutionId, programmeId);
    }

    void groupFormed(String institutionId, String groupId, String programmeId) {
        jdbc.update("INSERT INTO survey_known_group (institution_id, group_id, programme_id) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", institutionId, groupId, programmeId);
    }

    /**
     * Refuses a response whose programme, or group, is not one of the institution's, or whose group belongs
     * to another programme. A programme or group not known yet is waited for, up to
     * {@link UnitProperties#waitForUnknown()}, because the group service publishes it just after answering.
     */
    public void check(String institutionId, String programmeId, String groupId) {
        if (programmeKnown(institutionId, programmeId)
                && (groupId == null || programmeOfGroup(institutionId, groupId).isPresent())) {
            checkKnown(institutionId, programmeId, groupId, Instant.now());
            return;
        }
        boolean mayWait = waiting.tryAcquire();
        try {
            checkKnown(institutionId, programmeId, groupId, mayWait ? Instant.now().plus(waitForUnknown) : Instant.now());
        } finally {
            if (mayWait) {
                waiting.release();
            }
        }
    }

    private void checkKnown(String institutionId, String programmeId, String groupId, Instant deadline) {
        while (!programmeKnown(institutionId, programmeId)) {
            pauseUntil(deadline, () -> new RuleViolationException("programmeId", "programme-exists",
                    "no programme " + programmeId + " is registered for your institution in the group service "
                            + "(one registered in the last seconds may not have arrived yet: retry)"));
        }
        if (groupId == null) {
            return;
        }
        Optional<String> groupProgramme;
        while ((groupProgramme = programmeOfGroup(institutionId, groupId)).isEmpty()) {
            pauseUntil(deadline, () -> new RuleViolationException("groupId", "group-exists",
                    "no group " + groupId + " is formed in your institution in the group service "
                            + "(one formed in the last seconds may not have arrived yet: retry)"));
        }
        if (!groupProgramme.get().equals(programmeId)) {
            throw new RuleViolationException("groupId", "group-in-programme", "group " + groupId
                    + " belongs to programme " + groupProgramme.get() + ", not " + programmeId);
        }
    }

    private boolean programmeKnown(String institutionId, String programmeId) {
        return !jdbc.queryForList("SELECT 1 FROM survey_known_programme WHERE institution_id = ? AND programme_id = ?",
                Integer.class, institutionId, programmeId).isEmpty();
    }

    private Optional<String> programmeOfGroup(String institutionId, String groupId) {
        return jdbc.queryForList("SELECT programme_id FROM survey_known_group WHERE institution_id = ? AND group_id = ?",
                String.class, institutionId, groupId).stream().findFirst();
    }

    private static void pauseUntil(Instant deadline, java.util.function.Supplier<RuleViolationException> refusal) {
        if (!Instant.now().isBefore(deadline)) {
            throw refusal.get();
        }
        try {
            Thread.sleep(RECHECK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refusal.get();
        }
    }
}
