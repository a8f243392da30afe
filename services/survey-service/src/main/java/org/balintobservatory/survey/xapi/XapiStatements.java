package org.balintobservatory.survey.xapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.support.web.JsonProblems;
import org.balintobservatory.survey.response.SurveyRequests;
import org.balintobservatory.survey.response.SurveyResponses;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the statements of the profile (docs/xapi.md) into the survey service's own commands:
 * <ul>
 *   <li>{@code completed} on {@code https://balintobservatory.org/xapi/instruments/<instrumentId>}: a survey
 *       response, submitted exactly as {@code POST /api/v1/survey-responses} would, with the items of the
 *       result extension, the programme, group and timepoint of the context extensions, the actor's account
 *       name as the participant id, and the statement's timestamp (UTC) as completedOn;</li>
 *   <li>{@code voided} on a {@code StatementRef}: the response that statement made is retracted as entered in
 *       error.</li>
 * </ul>
 * The response id is derived from the statement id ({@link #responseId}), so the same statement again is the
 * same submission (nothing appended), and another statement under the same id is a submission with other
 * content under a stored id: refused with 409, as the xAPI specification asks.
 */
@Service
public class XapiStatements {

    static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
    static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";
    static final String INSTRUMENTS = "https://balintobservatory.org/xapi/instruments/";
    static final String EXTENSIONS = "https://balintobservatory.org/xapi/extensions/";

    private final SurveyResponses responses;
    private final BatchRunner runner;
    private final ObjectMapper mapper;
    private final JsonSchema schema;

    public XapiStatements(SurveyResponses responses, BatchRunner runner, ObjectMapper mapper) {
        this.responses = responses;
        this.runner = runner;
        this.mapper = mapper;
        try (InputStream in = XapiStatements.class.getResourceAsStream("/xapi/statement.schema.json")) {
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a statement outside the profile with 400, naming every field the schema refuses. */
    public void validate(JsonNode statement, String path) {
        if (!statement.isObject()) {
            throw invalid(path, "statement-object", "a statement is one JSON object");
        }
        Set<ValidationMessage> messages = schema.validate(statement);
        if (!messages.isEmpty()) {
            throw new InvalidRequestException(messages.stream()
                    .sorted(Comparator.comparing(ValidationMessage::getMessage))
                    .map(m -> new FieldError(field(path, m), "xapi-profile", m.getMessage())).toList());
        }
        JsonNode timestamp = statement.get("timestamp");
        if (timestamp != null && !isDateTime(timestamp.asText())) {
            // The schema's date-time format also takes RFC 3339's space for 'T'; xAPI takes ISO 8601 only.
            throw invalid(path + "timestamp", "date-time", "'" + timestamp.asText() + "' is not an ISO 8601 "
                    + "date-time with an offset, such as 2026-01-12T09:30:00Z");
        }
        String verb = statement.at("/verb/id").asText();
        String objectType = statement.at("/object/objectType").asText("Activity");
        if (verb.equals(VOIDED) != objectType.equals("StatementRef")) {
            throw invalid(path + "object.objectType", "voided-statement-ref",
                    "voided takes a StatementRef as object; completed takes an instrument activity");
        }
        if (verb.equals(COMPLETED) && !statement.at("/object/id").asText().startsWith(INSTRUMENTS)) {
            throw invalid(path + "object.id", "instrument-activity", "the object of completed is an instrument "
                    + "activity, " + INSTRUMENTS + "<instrumentId>");
        }
    }

    /** Stores what a validated statement says; the same statement again changes nothing. */
    public void store(String institution, JsonNode statement) {
        String statementId = statement.get("id").asText().toLowerCase(Locale.ROOT);
        if (statement.at("/verb/id").asText().equals(VOIDED)) {
            responses.retract(institution, responseId(statement.at("/object/id").asText()),
                    RetractionReason.ENTERED_IN_ERROR);
            return;
        }
        ObjectNode submission = mapper.createObjectNode();
        submission.put("responseId", responseId(statementId));
        submission.put("participantId", statement.at("/actor/account/name").asText());
        JsonNode context = statement.at("/context/extensions");
        copy(context, EXTENSIONS + "programme", submission, "programmeId");
        copy(context, EXTENSIONS + "group", submission, "groupId");
        copy(context, EXTENSIONS + "timepoint", submission, "timepoint");
        submission.put("instrument", statement.at("/object/id").asText().substring(INSTRUMENTS.length()));
        JsonNode timestamp = statement.get("timestamp");
        if (timestamp != null) {
            submission.put("completedOn", OffsetDateTime.parse(timestamp.asText())
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString());
        }
        JsonNode items = statement.at("/result/extensions").get(EXTENSIONS + "items");
        if (items != null) {
            submission.set("items", items);
        }
        responses.submit(institution, bind(submission));
    }

    /**
     * The response id of a statement: {@code xs-} and 24 letters from the SHA-256 of its id. Letters only, so
     * no run of digits in a UUID reads as a phone number to the identifier guard; deterministic, so a resent
     * statement names the same response.
     */
    public static String responseId(String statementId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(statementId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("xs-");
            for (int i = 0; i < 12; i++) {
                id.append((char) ('a' + ((hash[i] >> 4) & 0xF))).append((char) ('a' + (hash[i] & 0xF)));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The submission, checked by the same constraints as the body of {@code POST /api/v1/survey-responses}. */
    private SurveyRequests.Submission bind(ObjectNode submission) {
        try {
            return runner.bind(submission, SurveyRequests.Submission.class);
        } catch (JsonProcessingException e) {
            FieldError error = JsonProblems.describe(e);
            throw invalid(error.field(), error.rule(), error.message());
        }
    }

    private static void copy(JsonNode from, String key, ObjectNode to, String field) {
        JsonNode value = from.get(key);
        if (value != null && value.isTextual()) {
            to.put(field, value.asText());
        }
    }

    private static String field(String path, ValidationMessage message) {
        String location = message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString();
        return path + location.replaceFirst("^\\$\\.?", "");
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static InvalidRequestException invalid(String field, String rule, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, rule, message)));
    }
}
