package org.balintobservatory.group.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.SessionFormat;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the group API. Ids are pseudonymous: 3–64 characters of [A-Za-z0-9._-]. */
public final class GroupRequests {

    static final String ID = "[A-Za-z0-9._-]{3,64}";

    private GroupRequests() {
    }

    public record FormGroup(
            @NotNull @Pattern(regexp = ID) String groupId,
            @NotNull @Pattern(regexp = ID) String programmeId,
            @NotNull @Valid Design design,
            @NotNull LocalDate formedOn) {
    }

    public record Design(
            @Min(2) @Max(30) int plannedSize,
            @NotNull MeetingFrequency meetingFrequency,
            @Min(15) @Max(480) int sessionMinutes,
            @NotNull SessionFormat format,
            @NotNull @Valid Facilitation facilitation) {
    }

    public record Facilitation(
            @NotNull FacilitationStyle style,
            @Min(1) @Max(2) int leaders,
            @NotEmpty @Size(max = 2) List<@NotNull LeaderBackground> leaderBackgrounds,
            boolean accreditedLeader) {
    }

    public record Enrolment(@NotNull LocalDate enrolledOn) {
    }

    public record Session(
            @NotNull @Pattern(regexp = ID) String sessionId,
            @NotNull LocalDate heldOn,
            @Min(1) @Max(480) int durationMinutes,
            @NotNull SessionFormat format,
            @Min(0) @Max(2) int leadersPresent,
            @NotNull @Size(max = 40) List<@NotNull @Valid Attendance> attendance) {
    }

    public record Attendance(
            @NotNull @Pattern(regexp = ID) String participantId,
            @NotNull AttendanceStatus status) {
    }
}
