package org.balintobservatory.localstack.faults;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load on every service through the gateway while faults are injected: each worker records sessions
 * with attendance in groups of its own (the writes whose fate is checked afterwards) and, between two writes,
 * reads from the survey, analytics and access services. A write enters the ledger only once it was answered
 * 2xx; what a worker sends is decided by its seeded random, never by what the stack answered.
 */
final class SteadyLoad implements AutoCloseable {

    static final String PROGRAMME = "fi-programme";
    static final int MEMBERS = 6;
    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 6);

    private final RetryingClient client;
    private final String schoolKey;
    private final String adminKey;
    private final List<String> groups;
    private final int workers;
    private final long seed;
    private final Map<String, List<AcceptedSession>> ledger = new ConcurrentHashMap<>();
    private final AtomicLong writesSent = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    /** A session the stack accepted: its id, and how many of its members were present. */
    record AcceptedSession(String sessionId, int present) {
    }

    SteadyLoad(RetryingClient client, String schoolKey, String adminKey, int groups, int workers, long seed) {
        this.client = client;
        this.schoolKey = schoolKey;
        this.adminKey = adminKey;
        this.workers = workers;
        this.seed = seed;
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            ids.add("fi-g" + g);
        }
        this.groups = List.copyOf(ids);
    }

    /** The programme, the groups and their members, sent before any fault. */
    void setUp() throws InterruptedException {
        client.send("POST", "/api/v1/programmes", schoolKey, """
                {"programmeId":"%s","name":"Fault injection","participantType":"RESIDENT","arm":"INTERVENTION",
                 "country":"FR","startsOn":"%s"}""".formatted(PROGRAMME, FIRST_DAY));
        for (String group : groups) {
            client.send("POST", "/api/v1/groups", schoolKey, """
                    {"groupId":"%s","programmeId":"%s","formedOn":"%s",
                     "design":{"plannedSize":8,"meetingFrequency":"WEEKLY","sessionMinutes":90,"format":"IN_PERSON",
                               "facilitation":{"style":"CLASSIC_BALINT","leaders":1,"leaderBackgrounds":["GP"],
                                               "accreditedLeader":true}}}""".formatted(group, PROGRAMME, FIRST_DAY));
            for (int m = 0; m < MEMBERS; m++) {
                client.send("PUT", "/api/v1/groups/" + group + "/members/" + member(group, m), schoolKey,
                        "{\"enrolledOn\":\"" + FIRST_DAY + "\"}");
            }
            ledger.put(group, new CopyOnWriteArrayList<>());
        }
    }

    void start() {
        running = true;
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                try {
                    work(worker);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "steady-load-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void work(int worker) throws InterruptedException {
        Random random = new Random(seed * 31 + worker);
        List<String> mine = new ArrayList<>();
        for (int g = worker; g < groups.size(); g += workers) {
            mine.add(groups.get(g));
        }
        int[] sessions = new int[mine.size()];
        while (running) {
            int g = random.nextInt(mine.size());
            String group = mine.get(g);
            int n = sessions[g]++;
            String sessionId = "s-" + n;
            StringBuilder attendance = new StringBuilder();
            int present = 0;
            for (int m = 0; m < MEMBERS; m++) {
                boolean here = random.nextInt(4) != 0;
                present += here ? 1 : 0;
                attendance.append(m == 0 ? "" : ",").append("{\"participantId\":\"").append(member(group, m))
                        .append("\",\"status\":\"").append(here ? "PRESENT" : "ABSENT").append("\"}");
            }
            String body = """
                    {"sessionId":"%s","heldOn":"%s","durationMinutes":90,"format":"IN_PERSON","leadersPresent":1,
                     "attendance":[%s]}""".formatted(sessionId, FIRST_DAY.plusDays(n), attendance);
            writesSent.incrementAndGet();
            if (client.send("POST", "/api/v1/groups/" + group + "/sessions", schoolKey, body) != null) {
                ledger.get(group).add(new AcceptedSession(sessionId, present));
            }
            switch (random.nextInt(3)) {
                case 0 -> client.send("GET", "/api/v1/instruments", schoolKey, null);
                case 1 -> client.send("GET", "/api/v1/analytics/overview", schoolKey, null);
                default -> client.send("GET", "/api/v1/keys", adminKey, null);
            }
        }
    }

    private static String member(String group, int m) {
        return "p-" + group.substring(group.indexOf('g')) + "-" + m;
    }

    /** Stops the workers after the request each is sending, and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(WORKER_STOP_WAIT_MS);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a load worker failed", failures.get(0));
        }
    }

    private static final long WORKER_STOP_WAIT_MS = 10 * 60_000L;

    Map<String, List<AcceptedSession>> ledger() {
        return ledger;
    }

    List<String> groups() {
        return groups;
    }

    long writesSent() {
        return writesSent.get();
    }

    long writesAccepted() {
        return ledger.values().stream().mapToLong(List::size).sum();
    }
}
