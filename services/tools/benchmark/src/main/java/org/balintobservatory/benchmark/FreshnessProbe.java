package org.balintobservatory.benchmark;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How soon a school sees its own write (P4): in a group of its own, formed for the probe in one
 * institution's programme, a new session with attendance is recorded through the group API every half
 * second, and the school's {@code GET /api/v1/analytics/groups/{groupId}} is polled until
 * {@code sessionsHeld} counts it. The time is from the write's answer (accepted, stored) to the first
 * answer that shows it.
 */
public final class FreshnessProbe implements AutoCloseable {

    static final String GROUP = "bench-probe";
    private static final List<String> MEMBERS = List.of("p-be7c0001", "p-be7c0002");
    private static final long INTERVAL_MS = 500;
    private static final long POLL_MS = 20;
    private static final long GIVE_UP_MS = 60_000;

    private final StackClient client;
    private final String key;
    private final String programmeId;
    private final LocalDate formedOn;
    private final List<Double> seconds = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;
    private int sessions;

    /**
     * Forms the probe group (idempotent: a repeat answers as before) and enrols its two members.
     *
     * @param programmeStartsOn the programme's first day: sessions are dated from the day after it, one day
     *                          apart, so that each one is valid (never before the group was formed)
     */
    public FreshnessProbe(StackClient client, String key, String programmeId, LocalDate programmeStartsOn)
            throws IOException, InterruptedException {
        this.client = client;
        this.key = key;
        this.programmeId = programmeId;
        this.formedOn = programmeStartsOn;
        Map<String, Object> facilitation = new LinkedHashMap<>();
        facilitation.put("style", "CLASSIC_BALINT");
        facilitation.put("leaders", 1);
        facilitation.put("leaderBackgrounds", List.of("GP"));
        facilitation.put("accreditedLeader", true);
        Map<String, Object> design = new LinkedHashMap<>();
        design.put("plannedSize", 8);
        design.put("meetingFrequency", "WEEKLY");
        design.put("sessionMinutes", 90);
        design.put("format", "IN_PERSON");
        design.put("facilitation", facilitation);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("groupId", GROUP);
        group.put("programmeId", programmeId);
        group.put("design", design);
        group.put("formedOn", formedOn.toString());
        expectOk(client.postJson("/api/v1/groups", key, group), "forming the probe group");
        for (String member : MEMBERS) {
            expectOk(client.put("/api/v1/groups/" + GROUP + "/members/" + member, key,
                    Map.of("enrolledOn", formedOn.toString())), "enrolling " + member);
        }
        this.thread = new Thread(this::run, "freshness-probe");
        this.thread.setDaemon(true);
    }

    /** Events the probe's set-up adds to the topics: the group formed and two enrolments. */
    public static long setUpEvents() {
        return 1 + MEMBERS.size();
    }

    /** Events each probe session adds: the session and one attendance record per member. */
    public long events() {
        synchronized (seconds) {
            return (long) sessions * (1 + MEMBERS.size());
        }
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                long started = System.nanoTime();
                probeOnce();
                long sleep = INTERVAL_MS - (System.nanoTime() - started) / 1_000_000;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
    }

    private void probeOnce() throws IOException, InterruptedException {
        int number = sessions + 1;
        // The programme year has 300 days after its start; sessions cycle through them, one a day.
        LocalDate heldOn = formedOn.plusDays(1 + (number - 1) % 300);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("sessionId", String.format("probe-s%05d", number));
        session.put("heldOn", heldOn.toString());
        session.put("durationMinutes", 90);
        session.put("format", "IN_PERSON");
        session.put("leadersPresent", 1);
        session.put("attendance", MEMBERS.stream().map(m -> Map.of("participantId", m, "status", "PRESENT")).toList());
        session.put("cases", List.of());
        expectOk(client.postJson("/api/v1/groups/" + GROUP + "/sessions", key, session), "recording a probe session");
        long accepted = System.nanoTime();
        synchronized (seconds) {
            sessions = number;
        }
        while (true) {
            StackClient.Answer answer = client.get("/api/v1/analytics/groups/" + GROUP, key);
            if (answer.status() == 200 && client.parse(answer.body()).path("sessionsHeld").asInt() >= number) {
                break;
            }
            if ((System.nanoTime() - accepted) / 1_000_000 > GIVE_UP_MS) {
                throw new IllegalStateException("probe session " + number + " not visible after " + GIVE_UP_MS
                        + " ms; last answer " + answer.status());
            }
            Thread.sleep(POLL_MS);
        }
        synchronized (seconds) {
            seconds.add((System.nanoTime() - accepted) / 1e9);
        }
    }

    /** The delays measured so far, in seconds. */
    public List<Double> seconds() {
        synchronized (seconds) {
            return List.copyOf(seconds);
        }
    }

    /** Why the probe stopped early, or {@code null}. */
    public String failure() {
        return failure;
    }

    public String programmeId() {
        return programmeId;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(GIVE_UP_MS + 5_000);
    }

    private static void expectOk(StackClient.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
    }
}
