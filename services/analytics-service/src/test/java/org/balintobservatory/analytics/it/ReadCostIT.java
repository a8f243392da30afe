package org.balintobservatory.analytics.it;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.survey.Timepoint;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression guard of the read side's cost, which no fast machine can fool: it counts the documents
 * and bytes each answer reads from MongoDB, from the client's own command events, and checks that
 * <ul>
 *   <li>what a comparison, a meta-regression, {@code /units}, the CSV, the overview and a school's summary
 *       read grows with the units they report (4 → 16 institutions: at most about 4×), and not at all
 *       with the events behind those units (more sessions per group: the same bytes);</li>
 *   <li>no answer reads a group's history, a participant, a response or a unit's pairs, except a school's
 *       look at that one group or participant.</li>
 * </ul>
 */
@Import(ReadCostIT.CountingConfiguration.class)
class ReadCostIT extends AnalyticsServiceTest {

    private static final String COST_SCHOOL_KEY = "cost-school-key";
    private static final String PREFIX = "cost-";
    private static final int GROUPS = 5;
    private static final int MEMBERS = 6;

    /** What one request read: documents and reply bytes per collection (generation and release removed from the name). */
    record Reads(Map<String, Integer> documents, Map<String, Long> bytes) {

        int totalDocuments() {
            return documents.values().stream().mapToInt(Integer::intValue).sum();
        }

        long totalBytes() {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Hears the analytics service's MongoDB client; counts only what request threads read. */
    static final class ReadCounter implements CommandListener {
        private final Map<Integer, String> collections = new ConcurrentHashMap<>();
        private volatile Map<String, Integer> documents = new ConcurrentHashMap<>();
        private volatile Map<String, Long> bytes = new ConcurrentHashMap<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            if (event.getCommandName().equals("find")) {
                collections.put(event.getRequestId(), command.getString("find").getValue());
            } else if (event.getCommandName().equals("getMore")) {
                collections.put(event.getRequestId(), command.getString("collection").getValue());
            }
        }

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            String collection = collections.remove(event.getRequestId());
            if (collection == null || Thread.currentThread().getName().startsWith("analytics-")) {
                return;
            }
            BsonDocument cursor = event.getResponse().getDocument("cursor");
            BsonArray batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch") : cursor.getArray("nextBatch");
            String name = collection.replaceAll("_g\\d+$", "").replaceAll("^release_\\d+_", "");
            documents.merge(name, batch.size(), Integer::sum);
            long size = new RawBsonDocument(event.getResponse(), new BsonDocumentCodec()).getByteBuffer().remaining();
            bytes.merge(name, size, Long::sum);
        }

        Reads take() {
            Reads reads = new Reads(new TreeMap<>(documents), new TreeMap<>(bytes));
            documents = new ConcurrentHashMap<>();
            bytes = new ConcurrentHashMap<>();
            return reads;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CountingConfiguration {
        @Bean
        ReadCounter readCounter() {
            return new ReadCounter();
        }
    }

    @Autowired
    ReadCounter counter;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // A context of its own, so that no other test's institutions are counted.
        configure(registry, "analytics_cost_it", "analytics-cost-it");
        registry.add("balint.security.keys[4].id", () -> "cost-school");
        registry.add("balint.security.keys[4].sha256", () -> sha256(COST_SCHOOL_KEY));
        registry.add("balint.security.keys[4].institution", () -> PREFIX + "00");
        registry.add("balint.security.keys[4].role", () -> "SCHOOL");
    }

    /** The questions whose cost must follow the units they report. */
    private static final Map<String, String> RESEARCHER_QUESTIONS = Map.of(
            "comparison by meeting frequency", "/api/v1/analytics/comparison?instrument=jse-style&moderator=meetingFrequency",
            "comparison of institutions", "/api/v1/analytics/comparison?instrument=jse-style&unit=institution&moderator=groupSize",
            "meta-regression", "/api/v1/analytics/meta-regression?instrument=jse-style&moderators=meanAttendance",
            "units", "/api/v1/analytics/units?level=group&instrument=jse-style",
            "programme units", "/api/v1/analytics/units?level=programme&instrument=jse-style",
            "csv", "/api/v1/analytics/effect-sizes.csv?instrument=jse-style",
            "overview", "/api/v1/analytics/overview");

    @Test
    void answersReadWhatTheyReportAndNoHistory() {
        publishInstitutions(0, 4, 3);
        Map<String, Reads> small = measure(4 * GROUPS);

        publishInstitutions(4, 16, 3);
        Map<String, Reads> large = measure(16 * GROUPS);

        // Four times the institutions and units: at most about four times the reads, never a scan of history.
        large.forEach((question, reads) -> {
            Reads before = small.get(question);
            assertThat(reads.totalDocuments()).as(question + " documents").isLessThanOrEqualTo(4 * before.totalDocuments() + 2);
            assertThat(reads.totalBytes()).as(question + " bytes").isLessThanOrEqualTo((long) (4.5 * before.totalBytes()));
            assertThat(reads.documents().keySet()).as(question + " collections")
                    .doesNotContain("groups", "group_sessions", "participants", "responses", "unit_pairs",
                            "institution_activity", "participant_directory");
        });
        // A comparison reads the release's record, the catalogue and at most three small documents per
        // institution (its group and programme tables, which disclosure control weighs together, and its profile);
        // the topics may hold other tests' institutions too, so count what the overview counts.
        int institutions = get("/api/v1/analytics/overview", RESEARCHER_KEY).body().path("institutions").asInt();
        assertThat(institutions).isGreaterThanOrEqualTo(16);
        Reads comparison = large.get("comparison by meeting frequency");
        assertThat(comparison.totalDocuments()).as(comparison.toString()).isLessThanOrEqualTo(3 * institutions + 2);
        // Per unit read, of every institution: the comparison reads other tests' institutions' tables too, so
        // dividing by this test's units alone would make the figure depend on which tests ran before.
        var answer = get("/api/v1/analytics/comparison?instrument=jse-style&moderator=meetingFrequency",
                RESEARCHER_KEY).body();
        int unitsRead = answer.path("k").asInt() + answer.path("withheldUnits").path("total").asInt();
        assertThat(unitsRead).isGreaterThanOrEqualTo(16 * GROUPS);
        assertThat(comparison.totalBytes() / unitsRead).as("bytes per unit read").isLessThan(1_500);

        // The same units with many more events behind them: the same reads.
        publishMoreSessions(0, 16, 3, 9);
        Map<String, Reads> moreEvents = measure(16 * GROUPS);
        moreEvents.forEach((question, reads) -> assertThat(reads.totalBytes()).as(question + " bytes after more events")
                .isLessThanOrEqualTo(large.get(question).totalBytes() + 64));
    }

    @Test
    void onlyASchoolsLookAtOneGroupReadsThatGroupsSummary() {
        publishInstitutions(0, 2, 3);
        awaitCaughtUp(2 * GROUPS);
        counter.take();

        assertThat(get("/api/v1/analytics/groups/g-1", COST_SCHOOL_KEY).status()).isEqualTo(200);
        Reads group = counter.take();
        // The group's own document, not its sessions: it holds what the answer reports.
        assertThat(group.documents()).containsEntry("groups", 1).doesNotContainKey("group_sessions");

        assertThat(get("/api/v1/analytics/institutions/" + PREFIX + "00/summary", COST_SCHOOL_KEY).status()).isEqualTo(200);
        assertThat(get("/api/v1/analytics/overview", COST_SCHOOL_KEY).status()).isEqualTo(200);
        Reads school = counter.take();
        assertThat(school.documents().keySet()).doesNotContain("groups", "group_sessions", "participants", "responses",
                "unit_pairs");
    }

    @Test
    void aReleaseIsReadOnceForEachQuestion() {
        publishInstitutions(0, 2, 3);
        awaitCaughtUp(2 * GROUPS);
        String comparison = "/api/v1/analytics/comparison?instrument=jse-style&moderator=meetingFrequency";
        counter.take();

        assertThat(status(comparison, RESEARCHER_KEY)).isEqualTo(200);
        Reads first = counter.take();
        assertThat(status(comparison + "&method=DL", RESEARCHER_KEY)).isEqualTo(200);
        Reads again = counter.take();

        assertThat(first.documents()).containsKeys("unit_tables", "institutions");
        // The same units of the same release: only the release's record is read again.
        assertThat(again.documents().keySet()).containsOnly("analytics_releases");
    }

    private Map<String, Reads> measure(int groups) {
        awaitCaughtUp(groups);
        Map<String, Reads> reads = new TreeMap<>();
        counter.take();
        RESEARCHER_QUESTIONS.forEach((question, path) -> {
            // A fresh release for each question: the service keeps what a release answered, and the guard is
            // about what answering costs.
            releaseWhenCaughtUp();
            counter.take();
            int status = status(path, RESEARCHER_KEY);
            assertThat(status).as(question).isEqualTo(200);
            reads.put(question, counter.take());
        });
        releaseWhenCaughtUp();
        counter.take();
        assertThat(status("/api/v1/analytics/institutions/" + PREFIX + "00/summary", COST_SCHOOL_KEY)).isEqualTo(200);
        reads.put("school summary", counter.take());
        return reads;
    }

    private int status(String path, String key) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + key).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the read models, cuts a data release of them, and checks it holds the groups expected. */
    private void awaitCaughtUp(int groups) {
        releaseWhenCaughtUp();
        assertThat(get("/api/v1/analytics/overview", RESEARCHER_KEY).body().path("groups").asInt())
                .isGreaterThanOrEqualTo(groups);
    }

    /** Institutions {@code from} to {@code to} − 1, each with one programme, five groups of six and their scores. */
    private static void publishInstitutions(int from, int to, int sessions) {
        publishInstitutions(PREFIX, from, to, sessions);
    }

    /** The same under another prefix: {@code SizedAnswersIT} measures answers over such institutions of its own. */
    static void publishInstitutions(String prefix, int from, int to, int sessions) {
        List<ConsumedEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            EventStream stream = new EventStream(String.format("%s%02d", prefix, i)).programme("prog-1", Arm.INTERVENTION);
            for (int g = 1; g <= GROUPS; g++) {
                List<String> roster = roster(g);
                stream.group("g-" + g, "prog-1", roster.toArray(String[]::new));
                sessions(stream, g, 1, sessions);
                for (int m = 0; m < MEMBERS; m++) {
                    String participant = roster.get(m);
                    stream.survey("r-" + participant + "-pre", participant, "prog-1", "g-" + g, Timepoint.BASELINE,
                            90 + 3 * m + g + i);
                    stream.survey("r-" + participant + "-post", participant, "prog-1", "g-" + g, Timepoint.POST,
                            95 + 4 * m + (m % 3) + 2 * g);
                }
            }
            events.addAll(stream.drain());
        }
        publish(events);
    }

    /** Sessions after {@code first} up to {@code last} of every group: more events, the same units. */
    private static void publishMoreSessions(int from, int to, int first, int last) {
        List<ConsumedEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            // Built again from the start so that each group's sequence goes on where the first publication left it.
            EventStream stream = new EventStream(String.format("%s%02d", PREFIX, i)).programme("prog-1", Arm.INTERVENTION);
            for (int g = 1; g <= GROUPS; g++) {
                stream.group("g-" + g, "prog-1", roster(g).toArray(String[]::new));
                sessions(stream, g, 1, last);
            }
            events.addAll(stream.drain().stream().filter(e -> isLaterSession(e, first)).toList());
        }
        publish(events);
    }

    private static boolean isLaterSession(ConsumedEvent e, int first) {
        Object payload = e.payload();
        String session = payload instanceof org.balintobservatory.contract.group.SessionHeldEvent s ? s.sessionId()
                : payload instanceof org.balintobservatory.contract.group.AttendanceRecordedEvent a ? a.sessionId()
                : payload instanceof org.balintobservatory.contract.group.CasePresentedEvent c ? c.sessionId() : null;
        return session != null && Integer.parseInt(session.substring(session.lastIndexOf('-') + 1)) > first;
    }

    private static void sessions(EventStream stream, int group, int first, int last) {
        List<String> roster = roster(group);
        for (int s = first; s <= last; s++) {
            // Every session within one month, so that the overview's months stay what they were.
            stream.session("g-" + group, "g-" + group + "-s-" + s, EventStream.START.plusDays(2L * s), roster,
                    roster.subList(0, MEMBERS - (s % 2)), CaseTheme.BOUNDARIES);
        }
    }

    private static List<String> roster(int group) {
        return IntStream.range(0, MEMBERS).mapToObj(m -> "p-" + group + "-" + m).toList();
    }
}
