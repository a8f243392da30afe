package org.balintobservatory.survey.instrument;

import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.access.Allowed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.support.domain.Violation;
import org.balintobservatory.survey.web.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The instrument catalogue. Any key may read it; only an administrator registers instruments. The body of
 * a registration is an {@link InstrumentKey}; without {@code version} it becomes the next version.
 */
@RestController
@RequestMapping("/api/v1/instruments")
public class InstrumentController {

    private final InstrumentCatalogue catalogue;
    private final CommandGateway commands;

    public InstrumentController(InstrumentCatalogue catalogue, CommandGateway commands) {
        this.catalogue = catalogue;
        this.commands = commands;
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping
    List<InstrumentKey> all(Caller caller) {
        return catalogue.all();
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping("/{instrumentId}")
    InstrumentKey latest(Caller caller, @PathVariable String instrumentId) {
        return catalogue.latest(instrumentId).orElseThrow(() -> new NotFoundException("no instrument " + instrumentId));
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping("/{instrumentId}/versions")
    List<InstrumentKey> versions(Caller caller, @PathVariable String instrumentId) {
        List<InstrumentKey> versions = catalogue.versions(instrumentId);
        if (versions.isEmpty()) {
            throw new NotFoundException("no instrument " + instrumentId);
        }
        return versions;
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping("/{instrumentId}/versions/{version}")
    InstrumentKey version(Caller caller, @PathVariable String instrumentId, @PathVariable int version) {
        return catalogue.version(instrumentId, version)
                .orElseThrow(() -> new NotFoundException("no version " + version + " of instrument " + instrumentId));
    }

    @Allowed(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    InstrumentKey register(Caller caller, @RequestBody Registration registration) {
        Callers.requireAdmin(caller);
        if (registration.version() != null && registration.version() < 1) {
            throw new RuleViolationException("version", "min", "versions start at 1; leave it out for the next one");
        }
        InstrumentKey key = registration.key();
        // An omitted version (0) is checked as if it were the first, so the key itself is judged up front.
        List<Violation> violations = InstrumentKeyValidator.validate(key.version() == 0 ? key.withVersion(1) : key);
        if (!violations.isEmpty()) {
            throw new RuleViolationException(violations);
        }
        int version = commands.sendAndWait(new RegisterInstrumentVersionCommand(key.id(), key,
                InstrumentCatalogue.builtInVersions(key.id())));
        return catalogue.version(key.id(), version).orElseThrow();
    }

    /**
     * The body of a registration: an {@link InstrumentKey} whose {@code version} may be left out (the next
     * version) and whose item count, when missing, is reported with the key's other problems.
     */
    public record Registration(String id, Integer version, String name, Integer itemCount,
                               ResponseRange responseRange, List<Integer> reverseItems, List<Scale> scales,
                               MissingDataRule missingData, String source) {

        InstrumentKey key() {
            return new InstrumentKey(id, version == null ? 0 : version, name, itemCount == null ? 0 : itemCount,
                    responseRange, reverseItems, scales, missingData, source);
        }
    }
}
