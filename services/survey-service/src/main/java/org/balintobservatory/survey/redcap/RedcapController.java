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
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.survey.web.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * A school's REDCap project as a source of survey responses (docs/redcap.md): the connection (mapping and
 * API token) set with the school's key, pulls on demand answered in the batch protocol, and REDCap's Data
 * Entry Trigger, which carries no secret: it is accepted only for the configured project and server, names
 * only a record, the record is always re-read through the API with the stored token, and it is answered
 * nothing but its status, since whoever calls it without a key may not be REDCap.
 */
@RestController
@RequestMapping("/api/v1/survey-service/redcap")
@Tag(name = "REDCap", description = "Survey responses from a school's REDCap project")
public class RedcapController {

    private static final Logger log = LoggerFactory.getLogger(RedcapController.class);

    private final RedcapConnections connections;
    private final RedcapPulls pulls;
    private final RedcapImport importer;
    private final BatchRunner runner;
    private final RedcapAddresses addresses;
    private final Clock clock;

    RedcapController(RedcapConnections connections, RedcapPulls pulls, RedcapImport importer, BatchRunner runner,
                     RedcapAddresses addresses, Clock clock) {
        this.connections = connections;
        this.pulls = pulls;
        this.importer = importer;
        this.runner = runner;
        this.addresses = addresses;
        this.clock = clock;
    }

    /**
     * The connection as answered: the mapping and that a token is stored; never the token.
     *
     * @param pulledUntil when the last pull began (UTC), or null before the first
     * @param lastTrigger what the last Data Entry Trigger did, or null before the first
     */
    public record ConnectionView(RedcapMapping mapping, boolean tokenStored, String pulledUntil,
                                 RedcapTrigger lastTrigger) {
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
    @DeleteMapping("/connection")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the school's REDCap connection with its stored token; triggers are refused from then on")
    void disconnect(Caller caller) {
        if (!connections.delete(Callers.schoolInstitution(caller))) {
            throw new NotFoundException("no REDCap connection");
        }
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/pull")
    @Operation(summary = "Pull the project's records now (changed ones since the last pull, or all with full=true)",
            description = "Answered in the batch protocol: one NDJSON result per completed record (docs/batches.md).")
    void pull(Caller caller, @RequestParam(defaultValue = "false") boolean full, HttpServletResponse response)
            throws IOException {
        String institution = Callers.schoolInstitution(caller);
        List<String> lines = pulls.pull(institution, full);
        runner.checkCount(lines.size());
        runner.respond(lines, response, line -> importer.submitOrCorrect(institution, line));
    }

    /**
     * Anyone can call this, so it answers only whether the trigger was taken: 204 with no body, whatever the
     * record held and whatever became of it; what it did is in the connection's {@code lastTrigger}, for the
     * school's key. The log names the institution and the counts, never the record.
     */
    @PublicEndpoint
    @PostMapping(path = "/trigger/{institutionId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "REDCap's Data Entry Trigger for the institution's project",
            description = "Answered 204 with no body when taken; what it did is GET .../connection's lastTrigger.")
    void trigger(@PathVariable String institutionId,
                 @RequestParam("project_id") String projectId,
                 @RequestParam("redcap_url") String redcapUrl,
                 @RequestParam String record,
                 @RequestParam String instrument) {
        // One refusal for an unknown institution and a wrong project or server: a caller without a key learns
        // nothing about which schools use REDCap.
        RedcapConnections.Connection connection = connections.find(institutionId)
                .filter(c -> projectId.equals(String.valueOf(c.mapping().projectId()))
                        && sameServer(redcapUrl, c.mapping().baseUrl()))
                .orElseThrow(() -> new ForbiddenException("this trigger names no connected REDCap project and server"));
        RedcapTrigger done;
        if (!instrument.equals(connection.mapping().redcapInstrument())) {
            done = RedcapTrigger.ignored(clock.instant(),
                    "another instrument than " + connection.mapping().redcapInstrument());
        } else {
            try {
                done = RedcapTrigger.of(clock.instant(), importer.run(institutionId, pulls.record(connection, record)));
            } catch (RuleViolationException e) {
                // REDCap's own message may name the record; the rule says enough for the school to pull and see.
                done = RedcapTrigger.ignored(clock.instant(), "REDCap was not read: " + e.rule());
            }
        }
        connections.triggered(institutionId, done);
        log.info("REDCap trigger for {}: {} appended, {} unchanged, {} refused{}", institutionId, done.appended(),
                done.unchanged(), done.refused(), done.ignored() == null ? "" : ", ignored: " + done.ignored());
    }

    private ConnectionView view(String institution) {
        RedcapConnections.Connection connection = connections.find(institution)
                .orElseThrow(() -> new NotFoundException("no REDCap connection; PUT /api/v1/survey-service/redcap/connection"));
        return new ConnectionView(connection.mapping(), true, connection.pulledUntil(), connection.lastTrigger());
    }

    private static boolean sameServer(String redcapUrl, String baseUrl) {
        String base = baseUrl.replaceAll("/+$", "");
        return redcapUrl.equals(base) || redcapUrl.startsWith(base + "/");
    }
}
