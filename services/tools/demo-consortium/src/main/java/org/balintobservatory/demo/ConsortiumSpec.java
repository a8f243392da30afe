package org.balintobservatory.demo;

import org.balintobservatory.contract.group.MeetingFrequency;

import java.time.LocalDate;
import java.util.Map;

/**
 * What to generate. The same seed and spec always give the same consortium, to the last id and score.
 *
 * @param seed                   seeds every random choice
 * @param institutions           how many institutions; the first twelve have names and countries of their
 *                               own, later ones are numbered and spread over more countries
 * @param groupsPerInstitution   Balint groups in each institution's intervention programme
 * @param extraGroupEvery        every n-th institution runs one group more (0: none)
 * @param controlEvery           every n-th institution (from the second) also runs a CONTROL cohort
 * @param controlParticipants    participants in each control cohort
 * @param minSize                smallest planned group size
 * @param maxSize                largest planned group size
 * @param frequencyWeights       how often each meeting frequency is drawn
 * @param yearStart              first day of the programme year; everything happens in the year after it
 * @param balanced               designs in a balanced rotation rather than drawn: meeting frequency, accredited
 *                               leader, co-leading and format cycle through every combination in equal numbers
 *                               and planned sizes through every size within each, so that no planted effect is
 *                               confounded with another by chance; the other fields' draws are as when drawn
 */
public record ConsortiumSpec(
        long seed,
        int institutions,
        int groupsPerInstitution,
        int extraGroupEvery,
        int controlEvery,
        int controlParticipants,
        int minSize,
        int maxSize,
        Map<MeetingFrequency, Double> frequencyWeights,
        LocalDate yearStart,
        boolean balanced) {

    public static final LocalDate DEFAULT_YEAR_START = LocalDate.of(2025, 9, 1);

    /**
     * The demo: 12 institutions in 8 countries, 112 groups in balanced designs, 4 control cohorts, about
     * 36,000 events: enough groups, and designs spread evenly enough, for the planted effects to be found
     * with the power docs/demo-data.md states ({@code PlantedEffectsTest} checks it).
     */
    public static ConsortiumSpec demo(long seed) {
        return new ConsortiumSpec(seed, 12, 9, 3, 3, 24, 5, 15,
                Map.of(MeetingFrequency.WEEKLY, 1.0, MeetingFrequency.FORTNIGHTLY, 1.0, MeetingFrequency.MONTHLY, 1.0),
                DEFAULT_YEAR_START, true);
    }

    /** The benchmark load: 100 institutions, 2,000 groups, about a million events. */
    public static ConsortiumSpec scale(long seed) {
        return scale(seed, 100);
    }

    /**
     * The benchmark load with another number of institutions, so that the benchmark also runs in a
     * minute. Institutions are generated one after the other from one random source, so the first
     * {@code institutions} of the full scale consortium come out exactly as they do here: a smaller load
     * is a prefix of the larger one, and figures at two sizes compare the same data.
     */
    public static ConsortiumSpec scale(long seed, int institutions) {
        if (institutions < 1) {
            throw new IllegalArgumentException("a consortium has at least one institution, not " + institutions);
        }
        return new ConsortiumSpec(seed, institutions, 20, 0, 3, 40, 8, 15,
                Map.of(MeetingFrequency.WEEKLY, 0.6, MeetingFrequency.FORTNIGHTLY, 0.3, MeetingFrequency.MONTHLY, 0.1),
                DEFAULT_YEAR_START, false);
    }
}
