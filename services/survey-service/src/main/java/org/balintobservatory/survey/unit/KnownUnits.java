package org.balintobservatory.survey.unit;

import org.balintobservatory.support.domain.NotKnownYetException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The programmes and groups of each institution, as the group service published them
 * ({@code survey_known_programme}, {@code survey_known_group}), and the rule that a response names only its
 * own institution's: {@code programme-exists}, {@code group-exists}, {@code group-in-programme}.
 *
 * <p>Another school's programme or group is, for the caller, one that does not exist: the lookup is by the
 * caller's institution, so the refusal says nothing about other schools.
 *
 * <p>A programme or group not known yet is waited for, because the group service publishes it a moment after
 * answering. The wait is bounded per institution ({@link WaitSlots}), so one school's responses naming a
 * programme that never comes cannot hold the turns of another school's response for a programme registered a
 * moment ago. When the wait runs out, or no turn is free, the answer is {@link NotKnownYetException} (503
 * with {@code Retry-After}), not a refusal: the service cannot tell a programme that is still on its way from
 * one that will never come, so the client is told to send the same response again.
 */
@Component
public class KnownUnits {

    /** The longest a waiting request goes without looking again, should an arrival's signal be missed. */
    private static final Duration RECHECK = Duration.ofMillis(100);

    private final JdbcTemplate jdbc;
    private final Duration waitForUnknown;
    private final Duration retryAfter;
    private final WaitSlots slots;
    /**
     * What was found known, by {@code institution/id}: a programme or group, once known, stays known and keeps its
     * programme (the tables only grow), so a batch of an institution's responses asks the database once per
     * programme and group. What was not found is asked again every time.
     */
    private final Set<String> knownProgrammes = ConcurrentHashMap.newKeySet();
    private final Map<String, String> programmeOfKnownGroup = new ConcurrentHashMap<>();
    /** Signalled when a programme or group arrives, so a waiting request looks again at once. */
    private final Object arrivals = new Object();

    KnownUnits(JdbcTemplate jdbc, UnitProperties properties) {
        this.jdbc = jdbc;
        this.waitForUnknown = properties.waitForUnknown();
        this.retryAfter = properties.retryAfter();
        this.slots = new WaitSlots(properties.waitSlotsPerInstitution(), properties.waitSlotsTotal());
    }

    void programmeRegistered(String institutionId, String programmeId) {
        jdbc.update("INSERT INTO survey_known_programme (institution_id, programme_id) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", institutionId, programmeId);
        signalArrival();
    }

    void groupFormed(String institutionId, String groupId, String programmeId) {
        jdbc.update("INSERT INTO survey_known_group (institution_id, group_id, programme_id) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", institutionId, groupId, programmeId);
        signalArrival();
    }

    /**
     * Refuses a response whose group belongs to another programme; answers {@link NotKnownYetException} when
     * its programme, or group, is not one of the institution's after a wait of up to
     * {@link UnitProperties#waitForUnknown()}, or at once when the institution has no free turn to wait.
     */
    public void check(String institutionId, String programmeId, String groupId) {
        if (programmeKnown(institutionId, programmeId)
                && (groupId == null || programmeOfGroup(institutionId, groupId).isPresent())) {
            checkKnown(institutionId, programmeId, groupId, Instant.now());
            return;
        }
        boolean mayWait = slots.tryTake(institutionId);
        try {
            checkKnown(institutionId, programmeId, groupId, mayWait ? Instant.now().plus(waitForUnknown) : Instant.now());
        } finally {
            if (mayWait) {
                slots.give(institutionId);
            }
        }
    }

    /** How many of the institution's responses wait now for a programme or group not known yet. */
    public int waiting(String institutionId) {
        return slots.waiting(institutionId);
    }

    private void checkKnown(String institutionId, String programmeId, String groupId, Instant deadline) {
        while (!programmeKnown(institutionId, programmeId)) {
            pauseUntil(deadline, () -> notKnownYet("programmeId", "programme-exists", "no programme " + programmeId
                    + " is known for your institution yet: one registered with the group service in the last "
                    + "seconds may still be on its way; one never registered for your institution never will be"));
        }
        if (groupId == null) {
            return;
        }
        Optional<String> groupProgramme;
        while ((groupProgramme = programmeOfGroup(institutionId, groupId)).isEmpty()) {
            pauseUntil(deadline, () -> notKnownYet("groupId", "group-exists", "no group " + groupId
                    + " is known for your institution yet: one formed in the group service in the last seconds "
                    + "may still be on its way; one never formed in your institution never will be"));
        }
        if (!groupProgramme.get().equals(programmeId)) {
            throw new RuleViolationException("groupId", "group-in-programme", "group " + groupId
                    + " belongs to programme " + groupProgramme.get() + ", not " + programmeId);
        }
    }

    private NotKnownYetException notKnownYet(String field, String rule, String message) {
        return new NotKnownYetException(field, rule, message + "; send the response again after "
                + retryAfter.toSeconds() + " s", retryAfter);
    }

    private boolean programmeKnown(String institutionId, String programmeId) {
        String key = institutionId + "/" + programmeId;
        if (knownProgrammes.contains(key)) {
            return true;
        }
        boolean known = !jdbc.queryForList(
                "SELECT 1 FROM survey_known_programme WHERE institution_id = ? AND programme_id = ?",
                Integer.class, institutionId, programmeId).isEmpty();
        if (known) {
            knownProgrammes.add(key);
        }
        return known;
    }

    private Optional<String> programmeOfGroup(String institutionId, String groupId) {
        String key = institutionId + "/" + groupId;
        String known = programmeOfKnownGroup.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> programme = jdbc.queryForList(
                "SELECT programme_id FROM survey_known_group WHERE institution_id = ? AND group_id = ?",
                String.class, institutionId, groupId).stream().findFirst();
        programme.ifPresent(p -> programmeOfKnownGroup.put(key, p));
        return programme;
    }

    private void signalArrival() {
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private void pauseUntil(Instant deadline, Supplier<NotKnownYetException> notKnown) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw notKnown.get();
        }
        try {
            synchronized (arrivals) {
                arrivals.wait(Math.max(1, Math.min(left.toMillis(), RECHECK.toMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notKnown.get();
        }
    }
}
