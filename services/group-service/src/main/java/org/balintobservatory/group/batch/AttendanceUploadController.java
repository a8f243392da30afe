package org.balintobservatory.group.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.balintobservatory.group.web.SchoolScope;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.batch.LineResult;
import org.balintobservatory.support.upload.Column;
import org.balintobservatory.support.upload.Sheet;
import org.balintobservatory.support.upload.SheetReader;
import org.balintobservatory.support.upload.UploadBody;
import org.balintobservatory.support.upload.UploadTemplate;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.Refusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An attendance register as a spreadsheet: one row per attendee of a session of one group,
 * {@code POST /api/v1/groups/{groupId}/sessions/upload} with a CSV or {@code .xlsx} body, or the sheet as the
 * part {@code file} of a form. The rows of one
 * {@code sessionId} make one {@code recordSession} command, exactly as the batch line or
 * {@code POST /api/v1/groups/{groupId}/sessions} would send it; every row is answered in the batch protocol
 * with its session's result under its own row number. A row whose session columns differ from its session's
 * first row is refused on its own ({@code same-session}) and left out of the session.
 */
@RestController
@Tag(name = "Batch import")
public class AttendanceUploadController {

    static final List<String> SESSION_COLUMNS = List.of("heldOn", "durationMinutes", "format", "leadersPresent");
    static final UploadTemplate TEMPLATE = new UploadTemplate(List.of(
            Column.required("sessionId", Column.Kind.TEXT, "the school's id of the session"),
            Column.required("heldOn", Column.Kind.DATE, "yyyy-MM-dd, or a date cell"),
            Column.required("durationMinutes", Column.Kind.INTEGER, "1–480"),
            Column.required("format", Column.Kind.TEXT, "IN_PERSON, VIRTUAL or HYBRID"),
            Column.required("leadersPresent", Column.Kind.INTEGER, "0–2"),
            Column.required("participantId", Column.Kind.TEXT, "the school's id of a member"),
            Column.required("status", Column.Kind.TEXT, "PRESENT, ABSENT or EXCUSED")));

    private final BatchImport batchImport;
    private final BatchRunner runner;
    private final ObjectMapper mapper;

    public AttendanceUploadController(BatchImport batchImport, BatchRunner runner, ObjectMapper mapper) {
        this.batchImport = batchImport;
        this.runner = runner;
        this.mapper = mapper;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping(path = "/api/v1/groups/{groupId}/sessions/upload", consumes = {SheetReader.CSV, SheetReader.XLSX,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    @Operation(requestBody = @RequestBody(required = true, description = "The sheet: the body itself, or the part 'file' of a form",
            content = {@Content(mediaType = SheetReader.CSV, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = SheetReader.XLSX, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schemaProperties = @SchemaProperty(
                            name = UploadBody.PART, schema = @Schema(type = "string", format = "binary")))}),
            summary = "Upload an attendance register (CSV or .xlsx), one row per attendee",
            description = "Rows of one sessionId record one session. Answered in the batch protocol, one result "
                    + "per row (docs/uploads.md).")
    void upload(Caller caller, @PathVariable String groupId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String institution = SchoolScope.institution(caller);
        Sheet sheet = TEMPLATE.read(UploadBody.open(request), runner, response);

        Map<String, List<Sheet.Row>> sessions = new LinkedHashMap<>();
        Map<String, ObjectNode> sessionLines = new LinkedHashMap<>();
        List<LineResult> results = new ArrayList<>();
        for (Sheet.Row row : sheet.rows()) {
            if (row.isBlank()) {
                continue;
            }
            ObjectNode cells = TEMPLATE.json(row, mapper);
            String sessionId = cells.path("sessionId").asText("");
            ObjectNode line = sessionLines.get(sessionId);
            if (line == null) {
                line = mapper.createObjectNode().put("op", "recordSession").put("groupId", groupId)
                        .put("sessionId", sessionId);
                for (String column : SESSION_COLUMNS) {
                    if (cells.has(column)) {
                        line.set(column, cells.get(column));
                    }
                }
                line.putArray("attendance");
                sessionLines.put(sessionId, line);
            } else {
                String differs = SESSION_COLUMNS.stream()
                        .filter(c -> !Objects.equals(cells.get(c), sessionLines.get(sessionId).get(c)))
                        .findFirst().orElse(null);
                if (differs != null) {
                    results.add(refused(row.number(), sessionId, differs));
                    continue;
                }
            }
            ObjectNode attendee = line.withArray("attendance").addObject();
            copy(cells, attendee, "participantId");
            copy(cells, attendee, "status");
            sessions.computeIfAbsent(sessionId, s -> new ArrayList<>()).add(row);
        }

        List<String> lines = new ArrayList<>(Collections.nCopies(sheet.rows().isEmpty() ? 1
                : sheet.rows().get(sheet.rows().size() - 1).number(), ""));
        sessions.forEach((sessionId, rows) ->
                lines.set(rows.get(0).number() - 1, sessionLines.get(sessionId).toString()));
        Map<Integer, String> sessionAtRow = new LinkedHashMap<>();
        sessions.forEach((sessionId, rows) -> sessionAtRow.put(rows.get(0).number(), sessionId));
        for (LineResult session : runner.runAll(lines, batchImport.lines(institution))) {
            String sessionId = sessionAtRow.get(session.line());
            for (Sheet.Row row : sessions.get(sessionId)) {
                results.add(new LineResult(row.number(), session.op(), sessionId, session.status(),
                        session.outcome(), session.problem(), session.result()));
            }
        }
        results.sort(Comparator.comparingInt(LineResult::line));
        runner.write(results, response);
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping("/api/v1/groups/sessions/upload-template")
    @Operation(summary = "The empty attendance register, as CSV (UTF-8 with BOM) or .xlsx")
    ResponseEntity<byte[]> template(Caller caller, @RequestParam(defaultValue = "csv") String format) {
        return TEMPLATE.download(format, "attendance");
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null) {
            to.set(field, value);
        }
    }

    private static LineResult refused(int row, String sessionId, String column) {
        ProblemDetail problem = Refusals.problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
                column + " differs from the first row of session " + sessionId, List.of(new FieldError(column,
                        "same-session", "every row of session " + sessionId + " gives the same " + column)));
        return new LineResult(row, "recordSession", sessionId, 400, LineResult.REFUSED, problem, null);
    }
}
