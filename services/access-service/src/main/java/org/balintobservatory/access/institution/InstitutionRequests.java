package org.balintobservatory.access.institution;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.balintobservatory.personaldata.PseudonymousIds;
import org.balintobservatory.support.web.NoPersonalData;
import org.balintobservatory.support.web.PseudonymousId;
import org.balintobservatory.support.web.TextRules;

/** The bodies of the institution endpoints. */
public final class InstitutionRequests {

    private InstitutionRequests() {
    }

    /** The body of {@code POST /api/v1/institutions}. */
    public record Registration(
            @NotNull @Pattern(regexp = PseudonymousIds.FORMAT, message = "must be 3-64 letters, digits, '.', '_' or '-'")
            @PseudonymousId String institutionId,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.ONE_LINE, message = TextRules.ONE_LINE_MESSAGE)
            @NoPersonalData String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    /** The body of {@code PUT /api/v1/institutions/{institutionId}}: the details as they now are. */
    public record Details(
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.ONE_LINE, message = TextRules.ONE_LINE_MESSAGE)
            @NoPersonalData String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }
}
