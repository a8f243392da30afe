package org.balintobservatory.group.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.personaldata.PseudonymousIds;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.group.group.GroupCommands;
import org.balintobservatory.group.group.GroupRequests;
import org.balintobservatory.group.programme.ProgrammeCommands;
import org.balintobservatory.group.programme.ProgrammeRequest;
import org.balintobservatory.support.batch.BatchLine;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineHandler;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs batch lines through the same commands as the HTTP API, so a line is accepted or refused exactly as the
 * equivalent single request would be: a refused line stores nothing and the next line runs regardless.
 *
 * <p>Consecutive lines share a unit of work and a transaction ({@code BatchRunner}): a group named by many lines
 * is loaded once and its events are appended in one batch. A line writes nothing but the events of its command
 * (the checks beside the command only read), so the lines share the transaction without a savepoint each
 * ({@link LineHandler#eventsOnly}); a refused command's events are dropped by its own unit of work.
 */
@Component
public class BatchImport {

    private static final Pattern ID = Pattern.compile(GroupRequests.ID);

    private final BatchRunner runner;
    private final EventStore eventStore;
    private final ProgrammeCommands programmes;
    private final GroupCommands groups;

    public BatchImport(BatchRunner runner, EventStore eventStore, ProgrammeCommands programmes,
                       GroupCommands groups) {
        this.runner = runner;
        this.eventStore = eventStore;
        this.programmes = programmes;
        this.groups = groups;
    }

    /** The operations a line can name, spelled as in its {@code op} field. */
    enum Op {
        registerProgramme, formGroup, changeDesign, enrol, withdraw, recordSession, correctSession, voidSession
    }

    /** How a school's lines run: {@link #run}, sharing transactions without savepoints. */
    LineHandler lines(String institution) {
        return LineHandler.eventsOnly(line -> run(institution, line));
    }

    /** Runs one line; a refusal is thrown, as the single request's would be. */
    Object run(String institution, BatchLine line) throws Exception {
        ObjectNode node = runner.object(line.text());
        JsonNode opNode = node.remove("op");
        if (opNode == null || !opNode.isTextual()) {
            throw invalid("op", "not-null", "every line names its op");
        }
        line.op(opNode.asText());
        Op operation = operation(opNode.asText());
        String localId = operation == Op.registerProgramme ? text(node, "programmeId") : text(node, "groupId");
        line.id(localId);
        return line.tracking(eventStore, AggregateIds.of(institution, localId), () -> {
            execute(institution, operation, node);
            return null;
        });
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
        return runner.bind(node, type);
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
}
