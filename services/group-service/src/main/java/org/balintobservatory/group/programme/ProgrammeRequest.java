package org.balintobservatory.group.programme;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.support.web.NoPersonalData;
import org.balintobservatory.support.web.PseudonymousId;
import org.balintobservatory.support.web.TextRules;

import java.time.LocalDate;

/** The body of {@code POST /api/v1/programmes}. */
public record ProgrammeRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{3,64}") @PseudonymousId String programmeId,
        @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.ONE_LINE, message = TextRules.ONE_LINE_MESSAGE)
        @NoPersonalData String name,
        @NotNull ParticipantType participantType,
        @NotNull Arm arm,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
        @NotNull LocalDate startsOn,
        LocalDate endsOn) {
}
