package org.balintobservatory.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the benchmark reads from the machine and the stack, on samples of the real formats. */
class ParsingTest {

    @Test
    void consumerLagIsSummedOverPartitionsAndConsumedCountsSkippedRecordsToo() {
        String prometheus = """
                # HELP balint_analytics_consumer_lag records on the partition not yet in the read models
                # TYPE balint_analytics_consumer_lag gauge
                balint_analytics_consumer_lag{partition="0",topic="balint.group-events.v1"} 3.0
                balint_analytics_consumer_lag{partition="1",topic="balint.group-events.v1"} 0.0
                balint_analytics_consumer_lag{partition="0",topic="balint.survey-events.v1"} 4.0
                # TYPE balint_analytics_events_consumed_total counter
                balint_analytics_events_consumed_total 90717.0
                balint_analytics_events_skipped_total 2.0
                balint_analytics_events_rate 1234.0
                """;
        StackClient.ConsumerPosition position = StackClient.parsePosition(prometheus);
        assertThat(position.lag()).isEqualTo(7);
        assertThat(position.consumed()).isEqualTo(90_719);
    }

    @Test
    void aConsumerWithoutPartitionsYetHasUnknownLag() {
        assertThat(StackClient.parsePosition("balint_analytics_events_consumed_total 0.0\n").lag()).isEqualTo(-1);
    }

    @Test
    void pssIsReadFromSmapsRollup() {
        String rollup = """
                55d0c0a4e000-7ffd5b7f8000 ---p 00000000 00:00 0                          [rollup]
                Rss:              412340 kB
                Pss:              398112 kB
                Pss_Anon:         371000 kB
                Shared_Clean:      20000 kB
                """;
        assertThat(MemorySampler.parsePss(rollup)).isEqualTo(398_112);
    }

    @Test
    void uncommittedChangesAreNamedByTheirFolder() {
        List<String> porcelain = List.of(
                " M services/analytics-service/src/main/java/A.java",
                "?? services/analytics-service/src/main/java/B.java",
                " M pom.xml",
                "R  docs/old.md -> docs/new.md",
                " M docs/benchmarks.md");
        assertThat(Machine.dirty(porcelain, "docs/benchmarks.md"))
                .containsExactly("docs/new.md", "pom.xml", "services/analytics-service");
    }

    @Test
    void theFirstPhaseIsAFifthWithAtLeastOneInstitutionOnEachSide() {
        assertThat(BenchmarkOptions.parse(new String[]{}, "").firstPhaseInstitutions()).isEqualTo(20);
        assertThat(BenchmarkOptions.parse(new String[]{"--institutions", "10"}, "").firstPhaseInstitutions()).isEqualTo(2);
        assertThat(BenchmarkOptions.parse(new String[]{"--institutions", "2"}, "").firstPhaseInstitutions()).isEqualTo(1);
    }

    @Test
    void noneStartsTheStackWithTheJvmDefaults() {
        assertThat(BenchmarkOptions.parse(new String[]{"--stack-jvm-options", "none"}, "-Xmx1g").stackJvmOptions())
                .isEmpty();
        assertThat(BenchmarkOptions.parse(new String[]{}, "-Xmx1g").stackJvmOptions()).isEqualTo("-Xmx1g");
    }

    @Test
    void machineTicksSeparateIdleAndWaitingFromBusy() {
        long[] ticks = CpuShare.parseMachine("cpu  100 5 50 800 40 3 2 0 0 0");
        assertThat(ticks[0]).isEqualTo(160);
        assertThat(ticks[1]).isEqualTo(1000);
    }

    @Test
    void processTicksAreUserPlusSystemTimeEvenWhenTheNameHasSpaces() {
        String stat = "4242 (java main thread) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 269 0 0 20 0 40 0 500";
        assertThat(CpuShare.parseProcess(stat)).isEqualTo(1000);
    }
}
