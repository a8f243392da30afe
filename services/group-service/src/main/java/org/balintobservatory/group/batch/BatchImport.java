package org.balintobservatory.group.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.balintobservatory.contract.PseudonymousIds;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.group.group.GroupCommands;
import org.balintobservatory.group.group.GroupRequests;
import org.balintobservatory.group.programme.ProgrammeCommands;
import org.balintobservatory.group.programme.ProgrammeRequest;
import org.balintobservatory.group.web.GroupServiceProblems;
import org.balintobservatory.group.web.InvalidRequestException;
import org.balintobservatory.support.web.ConflictException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.JsonProblems;
import org.balintobservatory.support.web.NotFoundException;
import org.balintobservatory.support.web.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs batch lines one at a time through the same commands as the HTTP API, so a line is accepted or
 * refused exactly as the equivalent single request would be. Each line is its own unit of work: a refused
 * line stores nothing and the next line runs regardless.
 */
@Component
public class BatchImport {

    private static final Logger log = LoggerFactory.getLogger(BatchImport.class);
    private static final Pattern ID = Pattern.compile(GroupRequests.ID);

    private final ObjectMapper mapper;
    private final Validator validator;
    private final EventStore eventStore;
    private final ProgrammeCommands programmes;
    private final GroupCommands groups;

    public BatchImport(ObjectMapper mapper, Validator validator, EventStore eventStore,
                       ProgrammeCommands programmes, GroupCommands groups) {
        this.mapper = mapper;
        this.validator = validator;
        this.eventStore = eventStore;
        this.programmes = programmes;
        this.groups = groups;
    }

    /** The operations a line can name, spelled as in its {@code op} field. */
    enum Op {
        registerProgramme, formGroup, changeDesign, enrol, withdraw, recordSession, correctSession, voidSession
    }

    LineResult run(String institution, int lineNumber, String line) {
        String op = null;
        try {
            JsonNode tree = mapper.readTree(line);
            if (!(tree instanceof ObjectNode node)) {
                throw invalid("", "malformed-json", "a line is one JSON object");
            }
            JsonNode opNode = node.remove("op");
            if (opNode == null || !opNode.isTextual()) {
                throw invalid("op", "not-null", "every line names its op");
            }
            op = opNode.asText();
            Op operation = operation(op);
            String aggregateId = AggregateIds.of(institution, operation == Op.registerProgramme
                    ? text(node, "programmeId") : text(node, "groupId"));
            Optional<Long> before = eventStore.lastSequenceNumberFor(aggregateId);
            execute(institution, operation, node);
            boolean appended = !eventStore.lastSequenceNumberFor(aggregateId).equals(before);
            return new LineResult(lineNumber, op, appended ? 201 : 200,
                    appended ? LineResult.APPENDED : LineResult.UNCHANGED, null);
        } catch (RuntimeException | JsonProcessingException e) {
            ProblemDetail problem = problem(e);
            return new LineResult(lineNumber, op, problem.getStatus(), LineResult.REFUSED, problem);
        }
    }

    private void execute(String institution, Op op, ObjectNode node) throws JsonProcessingException {
        switch (op) {
            case registerProgramme -> programmes.register(institution, read(node, ProgrammeRequest.class));
            case formGroup -> groups.form(institution, read(node, GroupRequests.FormGroup.class));
            case changeDesign -> {
                String groupId = takeId(node, "groupId");
                groups.changeDesign(institution, groupId, read(node, GroupRequests.DesignChange.class));
            }
            case enrol -> {
                String groupId = takeId(node, "groupId");
                String participantId = takeParticipantId(node);
                groups.enrol(institution, groupId, participantId, read(node, GroupRequests.Enrolment.class));
            }
            case withdraw -> {
                String groupId = takeId(node, "groupId");
                String participantId = takeParticipantId(node);
                groups.withdraw(institution, groupId, participantId,
                        read(node, GroupRequests.Withdrawal.class).withdrewOn());
            }
            case recordSession -> {
                String groupId = takeId(node, "groupId");
                groups.record(institution, groupId, read(node, GroupRequests.Session.class));
            }
            case correctSession -> {
                String groupId = takeId(node, "groupId");
                String sessionId = takeId(node, "sessionId");
                groups.correct(institution, groupId, sessionId, read(node, GroupRequests.Correction.class));
            }
            case voidSession -> {
                String groupId = takeId(node, "groupId");
                String sessionId = takeId(node, "sessionId");
                groups.voidSession(institution, groupId, sessionId, read(node, GroupRequests.Voiding.class));
            }
        }
    }

    private static Op operation(String op) {
        try {
            return Op.valueOf(op);
        } catch (IllegalArgumentException e) {
            throw invalid("op", "known-op", "'" + op + "' is not one of " + List.of(Op.values()));
        }
    }

    private <T> T read(ObjectNode node, Class<T> type) throws JsonProcessingException {
        T request = mapper.treeToValue(node, type);
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(request)) {
            errors.add(new FieldError(v.getPropertyPath().toString(),
                    JsonProblems.ruleName(v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()),
                    v.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> a.field().compareTo(b.field()));
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(field, "not-null", "must not be null");
        }
        if (!ID.matcher(value.asText()).matches()) {
            throw invalid(field, "pattern", "must match \"" + GroupRequests.ID + "\"");
        }
        return value.asText();
    }

    /**
     * Takes an id the HTTP API carries in the path out of the line, leaving the body fields; refused, as in
     * the path, when it identifies a person.
     */
    private static String takeId(ObjectNode node, String field) {
        String id = text(node, field);
        PseudonymousIds.check(id).ifPresent(refusal -> {
            throw invalid(field, "pseudonymous-id", refusal.rule() + ": " + refusal.message());
        });
        node.remove(field);
        return id;
    }

    /** The school's participant id, whatever it is: it is stored only as its keyed pseudonym. */
    private static String takeParticipantId(ObjectNode node) {
        String id = text(node, "participantId");
        node.remove("participantId");
        return id;
    }

    private static InvalidRequestException invalid(String field, String rule, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, rule, message)));
    }

    private ProblemDetail problem(Exception e) {
        if (e instanceof InvalidRequestException i) {
            return withErrors(GroupServiceProblems.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                    "The request is not valid", i.getMessage()), i.errors());
        }
        if (e instanceof JsonProcessingException j) {
            FieldError error = JsonProblems.describe(j);
            return withErrors(GroupServiceProblems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                    "The request body cannot be read", error.message()), List.of(error));
        }
        if (e instanceof RuleViolationException r) {
            return withErrors(GroupServiceProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "rule-violated",
                            "A business rule refused the request", r.getMessage()),
                    List.of(new FieldError(r.field(), r.rule(), r.getMessage())));
        }
        if (e instanceof ConflictException c) {
            ProblemDetail problem = GroupServiceProblems.problem(HttpStatus.CONFLICT, "conflict",
                    "The id is already used with a different payload", c.getMessage());
            problem.setProperty("stored", c.stored());
            return problem;
        }
        if (e instanceof NotFoundException) {
            return GroupServiceProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
        }
        if (e instanceof AggregateNotFoundException || e instanceof IncompatibleAggregateException) {
            return GroupServiceProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "no group is recorded under that id");
        }
        if (e instanceof ConcurrencyException) {
            return GroupServiceProblems.problem(HttpStatus.CONFLICT, "concurrent-change",
                    "Another request changed this resource at the same time", "retry the line");
        }
        log.error("batch line failed", e);
        return GroupServiceProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The line could not be processed", "nothing was stored for this line; retry it");
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch result cannot be written as JSON", e);
        }
    }
}
