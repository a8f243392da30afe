package org.balintobservatory.survey.redcap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code PUT /api/v1/survey-service/redcap/connection}: the mapping, and the project's API token
 * (32 hexadecimal characters, as REDCap issues them). The token is stored encrypted and never answered.
 */
public record RedcapConnectionRequest(
        @NotNull @Pattern(regexp = "[0-9A-Fa-f]{32}") String token,
        @NotNull @Valid RedcapMapping mapping) {
}
