package org.balintobservatory.group.group;

import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.access.Allowed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.group.web.SchoolScope;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.PseudonymousId;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@RestController
@Validated
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups", description = "Balint groups of the calling school: design, members, sessions, corrections")
public class GroupController {

    private final GroupCommands commands;
    private final GroupQueries queries;

    public GroupController(GroupCommands commands, GroupQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Form a group in a registered programme, with its declared design",
            description = "Idempotent by groupId; other details under a taken groupId are refused with 409.")
    GroupView form(Caller caller, @Valid @RequestBody GroupRequests.FormGroup request) {
        String institution = SchoolScope.institution(caller);
        commands.form(institution, request);
        return queries.group(institution, request.groupId());
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{groupId}")
    @Operation(summary = "A group: its design history and members")
    GroupView get(Caller caller, @PathVariable String groupId) {
        return queries.group(SchoolScope.institution(caller), groupId);
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/{groupId}/design-changes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Change the declared design from a date on",
            description = "Idempotent by effectiveFrom: one design change per date.")
    GroupView changeDesign(Caller caller,
                           @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId String groupId,
                           @Valid @RequestBody GroupRequests.DesignChange request) {
        String institution = SchoolScope.institution(caller);
        commands.changeDesign(institution, groupId, request);
        return queries.group(institution, groupId);
    }

    @Allowed(Role.SCHOOL)
    @PutMapping("/{groupId}/members/{participantId}")
    @Operation(summary = "Enrol a participant under the school's own id",
            description = "The id is stored only as its keyed pseudonym (px-...), never as sent; the answer shows "
                    + "the school's id, later reads of the group the pseudonym.")
    GroupView.Member enrol(Caller caller,
                           @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId String groupId,
                           @PathVariable @Pattern(regexp = GroupRequests.ID) String participantId,
                           @Valid @RequestBody GroupRequests.Enrolment request) {
        String institution = SchoolScope.institution(caller);
        commands.enrol(institution, groupId, participantId, request);
        return latestMembership(institution, groupId, participantId);
    }

    @Allowed(Role.SCHOOL)
    @DeleteMapping("/{groupId}/members/{participantId}")
    @Operation(summary = "Record that a member withdrew",
            description = "The member stays in the history; sessions after withdrewOn no longer expect them.")
    GroupView.Member withdraw(Caller caller,
                              @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId String groupId,
                              @PathVariable @Pattern(regexp = GroupRequests.ID) String participantId,
                              @Parameter(description = "the day the member left, yyyy-MM-dd", required = true)
                              @RequestParam(required = false) String withdrewOn) {
        String institution = SchoolScope.institution(caller);
        commands.withdraw(institution, groupId, participantId, date("withdrewOn", withdrewOn));
        return latestMembership(institution, groupId, participantId);
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/{groupId}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a session with its attendance and cases",
            description = "Idempotent by sessionId. Attendance lists every member enrolled on heldOn exactly once; "
                    + "each case's presenter is PRESENT.")
    GroupView.Session recordSession(Caller caller,
                                    @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId String groupId,
                                    @Valid @RequestBody GroupRequests.Session request) {
        String institution = SchoolScope.institution(caller);
        commands.record(institution, groupId, request);
        return queries.session(institution, groupId, request.sessionId())
                .showing(commands.schoolIds(institution, request.attendance(), request.cases()));
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{groupId}/sessions")
    @Operation(summary = "The group's sessions in their current state, voided ones included and marked")
    List<GroupView.Session> sessions(Caller caller, @PathVariable String groupId) {
        return queries.sessions(SchoolScope.institution(caller), groupId);
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{groupId}/sessions/{sessionId}")
    @Operation(summary = "One session in its current state")
    GroupView.Session session(Caller caller, @PathVariable String groupId, @PathVariable String sessionId) {
        return queries.session(SchoolScope.institution(caller), groupId, sessionId);
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/{groupId}/sessions/{sessionId}/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Correct a recorded session",
            description = "The body is the session's complete corrected state. Idempotent by correctionId.")
    GroupView.Session correctSession(Caller caller,
                                     @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId String groupId,
                                     @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId
                                     String sessionId,
                                     @Valid @RequestBody GroupRequests.Correction request) {
        String institution = SchoolScope.institution(caller);
        commands.correct(institution, groupId, sessionId, request);
        return queries.session(institution, groupId, sessionId)
                .showing(commands.schoolIds(institution, request.attendance(), request.cases()));
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/{groupId}/sessions/{sessionId}/void")
    @Operation(summary = "Void a recorded session: it no longer counts",
            description = "Idempotent: voiding again for the same reason changes nothing.")
    GroupView.Session voidSession(Caller caller,
                                  @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId String groupId,
                                  @PathVariable @Pattern(regexp = GroupRequests.ID) @PseudonymousId String sessionId,
                                  @Valid @RequestBody GroupRequests.Voiding request) {
        String institution = SchoolScope.institution(caller);
        commands.voidSession(institution, groupId, sessionId, request);
        return queries.session(institution, groupId, sessionId);
    }

    /** The member's latest membership period, shown under the id the school named them by. */
    private GroupView.Member latestMembership(String institution, String groupId, String participantId) {
        String pseudonym = commands.pseudonym(institution, participantId);
        List<GroupView.Member> periods = queries.group(institution, groupId).members().stream()
                .filter(m -> m.participantId().equals(pseudonym)).toList();
        return periods.get(periods.size() - 1).showing(participantId);
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError(field, "not-null", "must not be null")));
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(List.of(
                    new FieldError(field, "wrong-type", "'" + value + "' is not a valid LocalDate")));
        }
    }
}
