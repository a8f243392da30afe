package org.balintobservatory.group.programme;

import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.access.Allowed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.group.web.SchoolScope;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.domain.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/programmes")
@Tag(name = "Programmes", description = "Cohorts of Balint groups, or control cohorts, of the calling school")
public class ProgrammeController {

    private final ProgrammeCommands commands;
    private final ProgrammeQueries queries;

    public ProgrammeController(ProgrammeCommands commands, ProgrammeQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a programme",
            description = "Idempotent by programmeId: the same request again changes nothing; other details under "
                    + "a taken programmeId are refused with 409 and what is stored.")
    ProgrammeRegisteredEvent register(Caller caller, @Valid @RequestBody ProgrammeRequest request) {
        String institution = SchoolScope.institution(caller);
        commands.register(institution, request);
        return get(caller, request.programmeId());
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{programmeId}")
    @Operation(summary = "A programme of the calling school")
    ProgrammeRegisteredEvent get(Caller caller, @PathVariable String programmeId) {
        return queries.find(SchoolScope.institution(caller), programmeId)
                .orElseThrow(() -> new NotFoundException("no programme " + programmeId));
    }
}
