package org.balintobservatory.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkReportTest {

    @Test
    void aRunReplacesTheSectionOfItsSizeAndKeepsTheOthersInOrder() {
        String first = BenchmarkReport.merge("", 100, "## 100 institutions\n\nold hundred\n");
        String second = BenchmarkReport.merge(first, 10, "## 10 institutions\n\nten\n");
        String third = BenchmarkReport.merge(second, 100, "## 100 institutions\n\nnew hundred\n");

        assertThat(third).startsWith(BenchmarkReport.INTRODUCTION);
        assertThat(third).contains("ten").contains("new hundred").doesNotContain("old hundred");
        assertThat(third.indexOf("## 10 institutions")).isLessThan(third.indexOf("## 100 institutions"));
        assertThat(third.split("## 100 institutions", -1)).hasSize(2);
    }

    @Test
    void theIntroductionIsRewrittenNotRepeated() {
        String once = BenchmarkReport.merge("", 10, "## 10 institutions\n\nten\n");
        String twice = BenchmarkReport.merge(once, 10, "## 10 institutions\n\nten\n");
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void aSectionWithItsOwnSubsectionsIsKeptWhole() {
        String section = BenchmarkReport.section(Results.quiet());
        String merged = BenchmarkReport.merge(BenchmarkReport.merge("", 10, section), 100, "## 100 institutions\n\nx\n");
        assertThat(merged).contains(section.strip());
    }

    @Test
    void aProbeThatTimedOutIsReportedAsAFailureNotAsALatency() {
        Distribution completed = Distribution.of(List.of(7.5, 16.5));
        String failed = BenchmarkReport.freshness(new BenchmarkResult.Freshness(completed,
                "probe session 3 not visible after 60000 ms; last answer 200"));
        String clean = BenchmarkReport.freshness(new BenchmarkResult.Freshness(completed, null));

        assertThat(failed).startsWith("**failed**: probe session 3 not visible after 60000 ms")
                .contains("after 2 probes that completed").doesNotContain("p99");
        assertThat(clean).contains("**p99 16.5 s**").doesNotContain("failed");
    }

    @Test
    void aQuietRunIsComparableAndNoFigureIsMarked() {
        String section = BenchmarkReport.section(Results.quiet());
        assertThat(section).contains("| comparable with other runs | yes: other processes used at most 3 % of the CPU "
                + "in any measured window (limit 20 %) |").doesNotContain("not comparable");
    }

    @Test
    void latencyTakenAfterAFailedReleaseCutIsMarkedNotValidAndNotMet() {
        String section = BenchmarkReport.section(Results.withLastReleaseCut(500));

        // The answers read the release of phase 1: fewer units, so faster than they should be.
        assertThat(line(section, "| P3 comparison")).contains("**not valid**: the data release cut after phase 2 "
                + "answered 500").endsWith("| **no** |");
        assertThat(line(section, "| P3 cost growth")).contains("**not valid**").endsWith("| **no** |");
        assertThat(line(section, "| analytics endpoints answering 200")).contains("the release cut after phase 2 "
                + "answered 500").endsWith("| **no** |");
        assertThat(section).contains("after phase 2 (10 institutions, 200 groups; **not valid**: the release cut "
                + "answered 500)");
        assertThat(line(BenchmarkReport.section(Results.quiet()), "| P3 comparison")).doesNotContain("not valid")
                .endsWith("| yes |");
    }

    @Test
    void aRunBesideOtherWorkIsMarkedInItsHeaderAndBesideEveryFigureTakenThen() {
        CpuShare.Reading busy = new CpuShare.Reading(1.0, 0.63);
        // Other processes took 63 % while phase 1 loaded; phase 2, the latency rounds and the rebuilds were quiet.
        String section = BenchmarkReport.section(Results.run(busy, Results.QUIET, Results.QUIET, Results.QUIET,
                List.of()));

        assertThat(line(section, "| comparable with other runs |")).contains("**no**")
                .contains("phase 1's load and catch-up (63 %)").doesNotContain("phase 2").doesNotContain("rebuilds");
        assertThat(line(section, "| P1 ingestion")).contains("(**not comparable**: other processes used 63 % of the CPU)");
        assertThat(line(section, "| P1 analytics lag")).contains("**not comparable**");
        assertThat(line(section, "| phase 1 |")).endsWith("100 % (63 %), **not comparable** |");
        // Figures taken in quiet windows stay unmarked.
        assertThat(line(section, "| P4 freshness")).doesNotContain("not comparable");
        assertThat(line(section, "| P2 rebuild")).doesNotContain("not comparable");
        assertThat(line(section, "| P3 comparison")).doesNotContain("not comparable");
        assertThat(line(section, "| phase 2 |")).doesNotContain("not comparable");
    }

    @Test
    void aBusyRebuildAndBusyLatencyRoundsMarkTheirOwnFigures() {
        CpuShare.Reading busy = new CpuShare.Reading(1.0, 0.25);
        String section = BenchmarkReport.section(Results.run(Results.QUIET, Results.QUIET, busy, busy, List.of()));

        assertThat(line(section, "| comparable with other runs |")).contains("the rebuilds (25 %)")
                .contains("the latency round after phase 2 (25 %)");
        assertThat(line(section, "| P2 rebuild")).contains("**not comparable**");
        assertThat(line(section, "| P3 comparison")).contains("**not comparable**");
        assertThat(line(section, "| P3 cost growth")).contains("**not comparable**");
        assertThat(line(section, "CPU busy during the rebuilds")).contains("**not comparable**");
        assertThat(line(section, "| P1 ingestion")).doesNotContain("not comparable");
    }

    @Test
    void theLimitIsTwentyPercentInclusive() {
        assertThat(BenchmarkReport.mark(List.of(new CpuShare.Reading(1, 0.20)))).isEmpty();
        assertThat(BenchmarkReport.mark(List.of(new CpuShare.Reading(1, 0.05), new CpuShare.Reading(1, 0.21))))
                .contains("21 %");
    }

    @Test
    void theCapacityArithmeticIsComputedFromTheRunsFigures() {
        String section = BenchmarkReport.section(Results.quiet());

        assertThat(section).contains("### Capacity arithmetic, 10 institutions")
                .contains("*n* × E ÷ I events (E = 10,000 events loaded, I = 10 institutions)");
        // 1× = 100 institutions × 1,000 events; 10× and 100× in millions.
        assertThat(line(section, "| events |")).isEqualTo("| events | 10,000 | *n* × E ÷ I | 100,000 | 1.0 M | 10.0 M |");
        // 10,000,000 bytes ÷ 10,000 events = 1,000 bytes per event; × 100,000 events = 95.4 MiB; × 1 M = 953.7 MiB;
        // × 10 M = 9.31 GiB.
        assertThat(line(section, "| Kafka log per broker |"))
                .isEqualTo("| Kafka log per broker | 9.5 MiB, 1,000 bytes per event | events × B ÷ E | 95.4 MiB | "
                        + "953.7 MiB | 9.31 GiB |");
        // 100,000 events ÷ 250 events/s = 400 s = 6.67 min; 1 M ÷ 250 = 66.7 min; 10 M ÷ 250 = 11.1 h.
        assertThat(line(section, "| initial load")).endsWith("| 250 events/s (P1 ingestion) | events ÷ rate | 6.67 min | "
                + "66.7 min | 11.1 h |");
        // 100,000 ÷ 400 = 250 s = 4.17 min.
        assertThat(line(section, "| rebuild of every read model")).contains("400 events/s (P2, median)")
                .contains("| 4.17 min |");
        // 3 × 250 = 750 events/s; × 1,000 bytes = 732.4 KiB/s; ⌈750 ÷ 200⌉ = 4.
        assertThat(section).contains("3 × 250 = 750 events/s").contains("732.4 KiB/s")
                .contains("⌈3 × 250 ÷ 200⌉ = **4 analytics instances** keep up with it");
        // 100,000 events ÷ 5,760,000 s.
        assertThat(line(section, "| average arrival")).contains("| 0.02 events/s |");
    }

    @Test
    void eachRecordedWindowListsTheTopMethodsOfEachJvm() {
        ExecutionProfile.Tally tally = new ExecutionProfile.Tally();
        tally.add("org.h2.mvstore.Page", "binarySearch");
        tally.add("org.h2.mvstore.Page", "binarySearch");
        tally.add("java.lang.String", "hashCode");
        FlightRecordings.Window window = new FlightRecordings.Window("phase 1: load and catch-up",
                List.of(tally.profile("analytics-service", 10)), List.of("survey-service: JFR.start failed"));
        String section = BenchmarkReport.section(Results.run(Results.QUIET, Results.QUIET, Results.QUIET,
                Results.QUIET, List.of(window)));

        assertThat(section).contains("### Profiles (JFR), 10 institutions")
                .contains("<details><summary>phase 1: load and catch-up</summary>")
                .contains("| analytics-service | 3 | `org.h2.mvstore.Page.binarySearch` | 66.7 % |")
                .contains("| | | `java.lang.String.hashCode` | 33.3 % |")
                .contains("| | | packages: `org.h2.mvstore` 66.7 %, `java.lang` 33.3 % | |")
                .contains("Not profiled: survey-service: JFR.start failed");
        assertThat(BenchmarkReport.section(Results.quiet())).doesNotContain("Profiles (JFR)");
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + start + " in:\n" + text));
    }
}
