package org.balintobservatory.benchmark;

import org.junit.jupiter.api.Test;

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
    void aProbeThatTimedOutIsReportedAsAFailureNotAsALatency() {
        Distribution completed = Distribution.of(java.util.List.of(7.5, 16.5));
        String failed = BenchmarkReport.freshness(new BenchmarkResult.Freshness(completed,
                "probe session 3 not visible after 60000 ms; last answer 200"));
        String clean = BenchmarkReport.freshness(new BenchmarkResult.Freshness(completed, null));

        assertThat(failed).startsWith("**failed**: probe session 3 not visible after 60000 ms")
                .contains("after 2 probes that completed").doesNotContain("p99");
        assertThat(clean).contains("**p99 16.5 s**").doesNotContain("failed");
    }
}
