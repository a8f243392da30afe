package org.balintobservatory.access.institution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/institutions")
@Tag(name = "Institutions", description = "The registry of the consortium's institutions")
public class InstitutionController {

    private final CommandGateway commands;
    private final InstitutionTable institutions;

    public InstitutionController(CommandGateway commands, InstitutionTable institutions) {
        this.commands = commands;
        this.institutions = institutions;
    }

    @Allowed(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an institution",
            description = "Idempotent by institutionId: the same request again changes nothing; other details under "
                    + "a taken institutionId are refused with 409 and what is stored.")
    InstitutionView register(Caller caller, @Valid @RequestBody InstitutionRequests.Registration request) {
        commands.sendAndWait(new RegisterInstitutionCommand(request.institutionId(), request.name(), request.country()));
        return institutions.find(request.institutionId()).orElseThrow();
    }

    @Allowed(Role.ADMIN)
    @PutMapping("/{institutionId}")
    @Operation(summary = "Change an institution's name or country")
    InstitutionView change(Caller caller, @PathVariable String institutionId,
                           @Valid @RequestBody InstitutionRequests.Details details) {
        require(institutionId);
        commands.sendAndWait(new ChangeInstitutionDetailsCommand(institutionId, details.name(), details.country()));
        return institutions.find(institutionId).orElseThrow();
    }

    @Allowed({Role.ADMIN, Role.RESEARCHER})
    @GetMapping
    @Operation(summary = "Every registered institution")
    List<InstitutionView> all(Caller caller) {
        return institutions.all();
    }

    @Allowed({Role.ADMIN, Role.RESEARCHER, Role.SCHOOL})
    @GetMapping("/{institutionId}")
    @Operation(summary = "One institution; a school key reads its own only")
    InstitutionView one(Caller caller, @PathVariable String institutionId) {
        if (caller.role() == Role.SCHOOL && !institutionId.equals(caller.institutionId())) {
            // The same answer as for an unknown id: a school learns nothing about who else is registered.
            throw new NotFoundException("no institution " + institutionId);
        }
        return require(institutionId);
    }

    private InstitutionView require(String institutionId) {
        return institutions.find(institutionId)
                .orElseThrow(() -> new NotFoundException("no institution " + institutionId));
    }
}
