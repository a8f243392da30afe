package org.balintobservatory.access.institution;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.balintobservatory.contract.PseudonymousIds;

/** The bodies of the institution endpoints. */
public final class InstitutionRequests {

    /**
     * A name is printable text on one line: no control characters (C0 or C1), no half of a surrogate pair
     * (it would be stored as '?'), nothing that could smuggle markup.
     */
    static final String NAME = "[^\\p{Cc}\\p{Cs}<>]{1,200}";

    private InstitutionRequests() {
    }

    /** The body of {@code POST /api/v1/institutions}. */
    public record Registration(
            @NotNull @Pattern(regexp = PseudonymousIds.FORMAT, message = "must be 3-64 letters, digits, '.', '_' or '-'")
            String institutionId,
            @NotBlank @Size(max = 200) @Pattern(regexp = NAME, message = "must be one line of text without < or >")
            String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    /** The body of {@code PUT /api/v1/institutions/{institutionId}}: the details as they now are. */
    public record Details(
            @NotBlank @Size(max = 200) @Pattern(regexp = NAME, message = "must be one line of text without < or >")
            String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }
}
