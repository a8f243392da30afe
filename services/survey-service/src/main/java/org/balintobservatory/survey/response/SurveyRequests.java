package org.balintobservatory.survey.response;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.balintobservatory.personaldata.PseudonymousIds;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.survey.scoring.ReportedScores;
import org.balintobservatory.support.web.PseudonymousId;

import java.time.LocalDate;
import java.util.Map;

/**
 * Request bodies of the survey-response API. Ids are 3–64 characters of [A-Za-z0-9._-]. Ids stored as sent
 * must not identify a person ({@link PseudonymousId}); the participant id is the school's own, whatever it
 * is, because it is stored only as its keyed pseudonym.
 */
public final class SurveyRequests {

    static final String ID = PseudonymousIds.FORMAT;
    static final String INSTRUMENT_ID = "[a-z0-9-]{2,64}";

    private SurveyRequests() {
    }

    /**
     * One completed questionnaire: exactly one of {@code items} (answers by item number; an absent or
     * {@code null} item is missing) and {@code scores} (when the school has scores only).
     */
    public record Submission(
            @NotNull @Pattern(regexp = ID) @PseudonymousId String responseId,
            @NotNull @Pattern(regexp = ID) String participantId,
            @NotNull @Pattern(regexp = ID) @PseudonymousId String programmeId,
            @Pattern(regexp = ID) @PseudonymousId String groupId,
            @NotNull @Pattern(regexp = INSTRUMENT_ID) String instrument,
            @Min(1) Integer instrumentVersion,
            @NotNull Timepoint timepoint,
            @NotNull LocalDate completedOn,
            Map<String, Integer> items,
            ReportedScores scores) {

        Answers answers() {
            return new Answers(participantId, programmeId, groupId, instrument, instrumentVersion, timepoint,
                    completedOn, items, scores);
        }
    }

    /** The complete corrected state of a response, under a client-chosen correction id. */
    public record Correction(
            @NotNull @Pattern(regexp = ID) @PseudonymousId String correctionId,
            @NotNull @Pattern(regexp = ID) String participantId,
            @NotNull @Pattern(regexp = ID) @PseudonymousId String programmeId,
            @Pattern(regexp = ID) @PseudonymousId String groupId,
            @NotNull @Pattern(regexp = INSTRUMENT_ID) String instrument,
            @Min(1) Integer instrumentVersion,
            @NotNull Timepoint timepoint,
            @NotNull LocalDate completedOn,
            Map<String, Integer> items,
            ReportedScores scores) {

        Answers answers() {
            return new Answers(participantId, programmeId, groupId, instrument, instrumentVersion, timepoint,
                    completedOn, items, scores);
        }
    }

    /** Why a response is retracted; consent withdrawal has its own call. */
    public record Retraction(@NotNull RetractionReason reason) {
    }

    /** What submissions and corrections share, before scoring. */
    record Answers(
            String participantId,
            String programmeId,
            String groupId,
            String instrument,
            Integer instrumentVersion,
            Timepoint timepoint,
            LocalDate completedOn,
            Map<String, Integer> items,
            ReportedScores scores) {
    }
}
