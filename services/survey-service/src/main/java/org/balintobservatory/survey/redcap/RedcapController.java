package org.balintobservatory.survey.redcap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.ForbiddenException;
import org.balintobservatory.support.access.PublicEndpoint;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineResult;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.survey.web.Callers;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/**
 * A school's REDCap project as a source of survey responses (docs/redcap.md): the connection (mapping and
 * API token) set with the school's key, pulls on demand answered in the batch protocol, and REDCap's Data
 * Entry Trigger, which carries no secret: it is accepted only for the configured project and server, names
 * only a record, and the record is always re-read through the API with the stored token.
 */
@RestController
@RequestMapping("/api/v1/survey-service/redcap")
@Tag(name = "REDCap", description = "Survey responses from a school's REDCap project")
public class RedcapController {

    private final RedcapConnections connections;
    private final RedcapPulls pulls;
    private final RedcapImport importer;
    private final BatchRunner runner;
    private final RedcapAddresses addresses;

    RedcapController(RedcapConnections connections, RedcapPulls pulls, RedcapImport importer, BatchRunner runner,
                     RedcapAddresses addresses) {
        this.connections = connections;
        this.pulls = pulls;
        this.importer = importer;
        this.runner = runner;
        this.addresses = addresses;
    }

    /**
     * The connection as answered: the mapping and that a token is stored; never the token.
     *
     * @param pulledUntil when the last pull began (UTC), or null before the first
     */
    public record ConnectionView(RedcapMapping mapping, boolean tokenStored, String pulledUntil) {
    }

    /** What a trigger did: the results of the record's lines, or why nothing was done. */
    public record TriggerAnswer(String record, List<LineResult> results, String ignored) {
    }

    @Allowed(Role.SCHOOL)
    @PutMapping("/connection")
    @Operation(summary = "Set the school's REDCap connection; the token is stored encrypted and never answered")
    ConnectionView connect(Caller caller, @Valid @RequestBody RedcapConnectionRequest request) {
        String institution = Callers.schoolInstitution(caller);
        addresses.check(request.mapping().baseUrl());
        connections.save(institution, request);
        return view(institution);
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/connection")
    ConnectionView connection(Caller caller) {
        return view(Callers.schoolInstitution(caller));
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/pull")
    @Operation(summary = "Pull the project's records now (changed ones since the last pull, or all with full=true)",
            description = "Answered in the batch protocol: one NDJSON result per completed record (docs/batches.md).")
    void pull(Caller caller, @RequestParam(defaultValue = "false") boolean full, HttpServletResponse response)
            throws IOException, InterruptedException {
        String institution = Callers.schoolInstitution(caller);
        List<String> lines = pulls.pull(institution, full);
        runner.checkCount(lines.size());
        runner.respond(lines, response, line -> importer.submitOrCorrect(institution, line));
    }

    @PublicEndpoint
    @PostMapping(path = "/trigger/{institutionId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "REDCap's Data Entry Trigger for the institution's project")
    TriggerAnswer trigger(@PathVariable String institutionId,
                          @RequestParam("project_id") String projectId,
                          @RequestParam("redcap_url") String redcapUrl,
                          @RequestParam String record,
                          @RequestParam String instrument) throws InterruptedException {
        // One refusal for an unknown institution and a wrong project or server: a caller without a key learns
        // nothing about which schools use REDCap.
        RedcapConnections.Connection connection = connections.find(institutionId)
                .filter(c -> projectId.equals(String.valueOf(c.mapping().projectId()))
                        && sameServer(redcapUrl, c.mapping().baseUrl()))
                .orElseThrow(() -> new ForbiddenException("this trigger names no connected REDCap project and server"));
        RedcapMapping mapping = connection.mapping();
        if (!instrument.equals(mapping.redcapInstrument())) {
            return new TriggerAnswer(record, List.of(), "instrument " + instrument + " is not mapped");
        }
        List<String> lines = pulls.record(connection, record);
        return new TriggerAnswer(record, importer.run(institutionId, lines), null);
    }

    private ConnectionView view(String institution) {
        RedcapConnections.Connection connection = connections.find(institution)
                .orElseThrow(() -> new NotFoundException("no REDCap connection; PUT /api/v1/survey-service/redcap/connection"));
        return new ConnectionView(connection.mapping(), true, connection.pulledUntil());
    }

    private static boolean sameServer(String redcapUrl, String baseUrl) {
        String base = baseUrl.replaceAll("/+$", "");
        return redcapUrl.equals(base) || redcapUrl.startsWith(base + "/");
    }
}
