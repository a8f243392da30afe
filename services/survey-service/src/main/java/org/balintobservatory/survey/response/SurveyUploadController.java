package org.balintobservatory.survey.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.upload.Column;
import org.balintobservatory.support.upload.Sheet;
import org.balintobservatory.support.upload.SheetReader;
import org.balintobservatory.support.upload.UploadBody;
import org.balintobservatory.support.upload.UploadTemplate;
import org.balintobservatory.survey.instrument.InstrumentCatalogue;
import org.balintobservatory.survey.instrument.InstrumentKey;
import org.balintobservatory.survey.web.Callers;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Survey responses as a spreadsheet, one response per row, for schools whose questionnaires end up in
 * Excel or an LMS export: {@code POST /api/v1/survey-responses/upload?instrument=...} with a CSV or
 * {@code .xlsx} body, or the sheet as the part {@code file} of a form. The header is checked against the
 * instrument's template before any row runs; each row
 * is then the body of {@code POST /api/v1/survey-responses} and runs exactly as a line of the batch endpoint,
 * answered in the batch protocol (one NDJSON result per row, {@code line} the row's number in the sheet).
 * The answer's {@code Upload-Format} and {@code Upload-Encoding} headers say how the file was read.
 */
@RestController
public class SurveyUploadController {

    static final String ITEM_PREFIX = "item";

    private final InstrumentCatalogue catalogue;
    private final SurveyLines lines;
    private final BatchRunner runner;
    private final ObjectMapper mapper;

    public SurveyUploadController(InstrumentCatalogue catalogue, SurveyLines lines, BatchRunner runner,
                                  ObjectMapper mapper) {
        this.catalogue = catalogue;
        this.lines = lines;
        this.runner = runner;
        this.mapper = mapper;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping(path = "/api/v1/survey-responses/upload", consumes = {SheetReader.CSV, SheetReader.XLSX,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    @Operation(requestBody = @RequestBody(required = true, description = "The sheet: the body itself, or the part 'file' of a form",
            content = {@Content(mediaType = SheetReader.CSV, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = SheetReader.XLSX, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schemaProperties = @SchemaProperty(
                            name = UploadBody.PART, schema = @Schema(type = "string", format = "binary")))}),
            summary = "Upload survey responses as CSV or .xlsx, one response per row",
            description = "Header as the instrument's template (GET /api/v1/instruments/{id}/upload-template). "
                    + "Answered in the batch protocol, one result per row (docs/uploads.md).")
    void upload(Caller caller, @RequestParam String instrument, HttpServletRequest request,
                HttpServletResponse response)
            throws IOException {
        String institution = Callers.schoolInstitution(caller);
        InstrumentKey key = catalogue.latest(instrument)
                .orElseThrow(() -> new NotFoundException("no instrument " + instrument + " (GET /api/v1/instruments)"));
        UploadTemplate template = template(key);
        Sheet sheet = template.read(UploadBody.open(request), runner, response);
        runner.respond(asLines(sheet, template, instrument), response, line -> lines.submit(institution, line));
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping("/api/v1/instruments/{instrumentId}/upload-template")
    @Operation(summary = "The empty upload template of an instrument, as CSV (UTF-8 with BOM) or .xlsx")
    ResponseEntity<byte[]> template(Caller caller, @PathVariable String instrumentId,
                                    @RequestParam(defaultValue = "csv") String format) {
        InstrumentKey key = catalogue.latest(instrumentId)
                .orElseThrow(() -> new NotFoundException("no instrument " + instrumentId));
        return template(key).download(format, key.id() + "-responses");
    }

    /** The columns of an instrument's sheet: the submission's fields, then one column per item. */
    static UploadTemplate template(InstrumentKey key) {
        List<Column> columns = new ArrayList<>(Arrays.asList(
                Column.required("responseId", Column.Kind.TEXT, "the school's id of this response"),
                Column.required("participantId", Column.Kind.TEXT, "the school's id of the participant"),
                Column.required("programmeId", Column.Kind.TEXT, "the programme the participant is in"),
                Column.optional("groupId", Column.Kind.TEXT, "the participant's group, when known"),
                Column.optional("instrumentVersion", Column.Kind.INTEGER, "the key version; blank for the latest"),
                Column.required("timepoint", Column.Kind.TEXT, "BASELINE, MID, POST, FOLLOW_UP_1, FOLLOW_UP_2 or FOLLOW_UP_3"),
                Column.required("completedOn", Column.Kind.DATE, "yyyy-MM-dd, or a date cell")));
        for (int item = 1; item <= key.itemCount(); item++) {
            columns.add(Column.optional(ITEM_PREFIX + item, Column.Kind.INTEGER, "the answer to item " + item
                    + " (" + key.responseRange().min() + "–" + key.responseRange().max() + "); blank when missing"));
        }
        return new UploadTemplate(columns);
    }

    /** One batch line per sheet row, at the row's number, so each result names its row. */
    private List<String> asLines(Sheet sheet, UploadTemplate template, String instrument) {
        int last = sheet.rows().isEmpty() ? 1 : sheet.rows().get(sheet.rows().size() - 1).number();
        List<String> byRow = new ArrayList<>(java.util.Collections.nCopies(last, ""));
        for (Sheet.Row row : sheet.rows()) {
            if (row.isBlank()) {
                continue;
            }
            ObjectNode line = template.json(row, mapper);
            ObjectNode items = mapper.createObjectNode();
            List<String> itemColumns = new ArrayList<>();
            line.fieldNames().forEachRemaining(name -> {
                if (name.startsWith(ITEM_PREFIX)) {
                    itemColumns.add(name);
                }
            });
            for (String column : itemColumns) {
                items.set(column.substring(ITEM_PREFIX.length()), line.remove(column));
            }
            line.put("instrument", instrument);
            line.set("items", items);
            byRow.set(row.number() - 1, line.toString());
        }
        return byRow;
    }
}
