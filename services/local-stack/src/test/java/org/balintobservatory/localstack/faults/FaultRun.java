package org.balintobservatory.localstack.faults;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run's figures, as the console and docs/reliability.md show them. */
record FaultRun(long seed, List<FaultKind> schedule, Map<FaultKind, List<Duration>> recoveries, long writesSent,
                Verification.Findings findings, List<String> replayDifferences, Map<String, Long> answers,
                List<String> anomalies, long retries, Duration took) {

    static final String BEGIN = "<!-- fault-injection figures: written by FaultInjectionIT -->";
    static final String END = "<!-- end of fault-injection figures -->";
    static final String COMMAND = "./mvnw -Pfault-injection -pl services/local-stack -am verify -DskipTests";

    String summary() {
        return "fault injection: " + schedule.size() + " injections survived, " + findings.accepted()
                + " writes accepted of " + writesSent + " sent, lost " + findings.lostFromEventStore()
                + ", duplicated " + findings.duplicatedInEventStore() + ", missing on the topic "
                + findings.missingOnTopic() + ", read-model mismatches " + findings.readModelMismatches()
                + ", replay differences " + replayDifferences.size() + ", anomalies " + anomalies.size()
                + "; answers " + answers + "; seed " + seed;
    }

    /** Replaces the figures between the markers of a Markdown file (or appends them). */
    void writeInto(Path file, int injections) throws IOException, InterruptedException {
        String figures = BEGIN + "\n" + table(file, injections) + END;
        String text = Files.exists(file) ? Files.readString(file) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + figures + text.substring(end + END.length())
                : text + "\n" + figures + "\n";
        Files.writeString(file, updated);
    }

    private String table(Path file, int injections) throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("| figure | value |\n| --- | --- |\n");
        row(md, "injections survived", schedule.size() + " of " + injections);
        row(md, "writes sent / accepted (2xx)", writesSent + " / " + findings.accepted());
        row(md, "accepted writes lost (not in the event store, or not listed by the group service)",
                String.valueOf(findings.lostFromEventStore()));
        row(md, "accepted writes duplicated in the event store", String.valueOf(findings.duplicatedInEventStore()));
        row(md, "accepted writes missing on the topic", String.valueOf(findings.missingOnTopic()));
        row(md, "repeated records on the group topic (same CloudEvent id; publisher retries, skipped by consumers)",
                String.valueOf(findings.topicCopiesBeyondFirst()));
        row(md, "groups whose analytics counts differ from the accepted writes",
                String.valueOf(findings.readModelMismatches()));
        row(md, "read-model documents differing from a clean replay", String.valueOf(replayDifferences.size()));
        row(md, "answers a client must never get (500, 503 without Retry-After, 4xx to a valid request)",
                String.valueOf(anomalies.size()));
        row(md, "answers by status", answers.toString());
        row(md, "requests sent again by the client", String.valueOf(retries));
        md.append("\n| fault | injected | recovery, median (upper) | recovery, max |\n| --- | --- | --- | --- |\n");
        recoveries.forEach((kind, times) -> {
            List<Duration> sorted = times.stream().sorted().toList();
            md.append("| ").append(kind.description()).append(" | ").append(times.size()).append(" | ")
                    .append(seconds(sorted.get(sorted.size() / 2))).append(" | ")
                    .append(seconds(sorted.get(sorted.size() - 1))).append(" |\n");
        });
        md.append("\nRecovery: from the moment the part is back (for a killed service, from the kill: the launcher "
                + "restarts it) until every service reports UP with the dependencies its readiness includes.\n\n");
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        String commit = git(file.toAbsolutePath().getParent(), "rev-parse", "--short", "HEAD");
        md.append("Run on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", commit ")
                .append(commit).append(", seed ").append(seed).append(", ")
                .append(os.getAvailableProcessors()).append(" CPUs, ")
                .append(memory > 0 ? memory / (1024 * 1024 * 1024) + " GiB" : "unknown memory").append(", ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append(", ")
                .append(took.toMinutes()).append(" min. Command: `").append(COMMAND)
                .append("` (replay: add `-Dfault-injection.seed=").append(seed).append("`).\n");
        if (!anomalies.isEmpty() || !findings.details().isEmpty() || !replayDifferences.isEmpty()) {
            md.append("\nWhat went wrong:\n\n");
            anomalies.forEach(a -> md.append("- ").append(a.replace("\n", " ")).append('\n'));
            findings.details().stream().limit(30).forEach(d -> md.append("- ").append(d).append('\n'));
            replayDifferences.stream().limit(30).forEach(d -> md.append("- ").append(d).append('\n'));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** The checkout the report is written into: the commit whose suite ran. */
    private static String git(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "unknown";
    }
}
