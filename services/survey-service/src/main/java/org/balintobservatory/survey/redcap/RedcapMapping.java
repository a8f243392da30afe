package org.balintobservatory.survey.redcap;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.balintobservatory.contract.survey.Timepoint;

import java.util.Map;

/**
 * How one REDCap project's records become survey responses of one instrument.
 *
 * @param baseUrl          the REDCap server, e.g. {@code https://redcap.school.example}; the API is
 *                         {@code <baseUrl>/api/}
 * @param projectId        the REDCap project id; a Data Entry Trigger naming another project is refused
 * @param redcapInstrument the REDCap instrument (form) name holding the questionnaire, e.g. {@code pss}; only
 *                         records whose {@code <redcapInstrument>_complete} is 2 (Complete) are taken
 * @param instrument       the instrument key of {@code GET /api/v1/instruments}, e.g. {@code pss-10-style}
 * @param programmeId      the programme every response of the project belongs to
 * @param recordIdField    the record id field, taken as the participant id (stored only as its pseudonym)
 * @param completedOnField a date field (Y-M-D) or the survey timestamp field giving completedOn
 * @param items            item number of the instrument → REDCap field name
 * @param events           for a longitudinal project, REDCap unique event name → timepoint
 * @param timepoint        for a classic project, the one timepoint of its records
 */
public record RedcapMapping(
        @NotNull @Pattern(regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?") String baseUrl,
        @NotNull @Min(1) Integer projectId,
        @NotNull @Pattern(regexp = "[a-z0-9_]{1,100}") String redcapInstrument,
        @NotNull @Pattern(regexp = "[a-z0-9-]{2,64}") String instrument,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{3,64}") String programmeId,
        @NotNull @Pattern(regexp = "[a-z0-9_]{1,100}") String recordIdField,
        @NotNull @Pattern(regexp = "[a-z0-9_]{1,100}") String completedOnField,
        @NotEmpty Map<@Pattern(regexp = "[0-9]{1,3}") String, @Pattern(regexp = "[a-z0-9_]{1,100}") String> items,
        Map<@Pattern(regexp = "[a-z0-9_]{1,100}") String, Timepoint> events,
        Timepoint timepoint) {

    /** The API endpoint of the server. */
    String apiUrl() {
        return baseUrl.replaceAll("/+$", "") + "/api/";
    }

    boolean longitudinal() {
        return events != null && !events.isEmpty();
    }
}
