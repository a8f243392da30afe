package org.balintobservatory.group.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.balintobservatory.personaldata.PseudonymousIds;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.VoidReason;
import org.balintobservatory.support.web.PseudonymousId;

import java.time.LocalDate;
import java.util.List;

/**
 * Request bodies of the group API, also the lines of a batch import. Ids are client-chosen: 3–64 characters
 * of [A-Za-z0-9._-]. Every field is an id, a date, a number or a word of a closed vocabulary: there is no
 * field a school could put free text about a patient into. Ids are stored as sent, so each must not identify
 * a person ({@link PseudonymousId}); participant ids are the school's own, whatever they are, because they
 * are stored only as their keyed pseudonym.
 */
public final class GroupRequests {

    public static final String ID = PseudonymousIds.FORMAT;
    /** More attendance entries than any group's members could produce: a bound on request size. */
    static final int MAX_ATTENDANCE = 60;
    static final int MAX_CASES = 10;

    private GroupRequests() {
    }

    public record FormGroup(
            @NotNull @Pattern(regexp = ID) @PseudonymousId String groupId,
            @NotNull @Pattern(regexp = ID) @PseudonymousId String programmeId,
            @NotNull @Valid Design design,
            @NotNull LocalDate formedOn) {
    }

    public record Design(
            @NotNull @Min(2) @Max(30) Integer plannedSize,
            @NotNull MeetingFrequency meetingFrequency,
            @NotNull @Min(15) @Max(480) Integer sessionMinutes,
            @NotNull SessionFormat format,
            @NotNull @Valid Facilitation facilitation) {
    }

    public record Facilitation(
            @NotNull FacilitationStyle style,
            @NotNull @Min(1) @Max(2) Integer leaders,
            @NotEmpty @Size(max = 2) List<@NotNull LeaderBackground> leaderBackgrounds,
            @NotNull Boolean accreditedLeader) {
    }

    public record DesignChange(
            @NotNull LocalDate effectiveFrom,
            @NotNull @Valid Design design) {
    }

    public record Enrolment(@NotNull LocalDate enrolledOn) {
    }

    /** A withdrawal as a batch line gives it; over HTTP the date is the query parameter. */
    public record Withdrawal(@NotNull LocalDate withdrewOn) {
    }

    public record Session(
            @NotNull @Pattern(regexp = ID) @PseudonymousId String sessionId,
            @NotNull LocalDate heldOn,
            @NotNull @Min(1) @Max(480) Integer durationMinutes,
            @NotNull SessionFormat format,
            @NotNull @Min(0) @Max(2) Integer leadersPresent,
            @NotNull @Size(max = MAX_ATTENDANCE) List<@NotNull @Valid Attendance> attendance,
            @Size(max = MAX_CASES) List<@NotNull @Valid Case> cases) {
    }

    public record Correction(
            @NotNull @Pattern(regexp = ID) @PseudonymousId String correctionId,
            @NotNull LocalDate heldOn,
            @NotNull @Min(1) @Max(480) Integer durationMinutes,
            @NotNull SessionFormat format,
            @NotNull @Min(0) @Max(2) Integer leadersPresent,
            @NotNull @Size(max = MAX_ATTENDANCE) List<@NotNull @Valid Attendance> attendance,
            @Size(max = MAX_CASES) List<@NotNull @Valid Case> cases) {
    }

    public record Attendance(
            @NotNull @Pattern(regexp = ID) String participantId,
            @NotNull AttendanceStatus status) {
    }

    /** A case, described only by themes of the controlled vocabulary (docs/case-themes.md). */
    public record Case(
            @NotNull @Pattern(regexp = ID) @PseudonymousId String caseId,
            @NotNull @Pattern(regexp = ID) String presenterId,
            @NotEmpty @Size(max = 5) List<@NotNull CaseTheme> themes,
            @Min(1) @Max(5) Integer emotionalIntensity) {
    }

    public record Voiding(@NotNull VoidReason reason) {
    }
}
