package org.balintobservatory.survey;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.balintobservatory.contract.survey.Timepoint;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Survey responses uploaded as a spreadsheet reach the same commands, rules and idempotency as the JSON
 * API: one result per row in the batch protocol, a header checked before any row runs, and a file sent again
 * changes nothing.
 */
class SurveyUploadIT extends SurveyServiceTestSupport {

    private static final String CSV = "text/csv";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String HEADER = "responseId,participantId,programmeId,groupId,instrumentVersion,timepoint,"
            + "completedOn,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10";

    private HttpResponse<String> upload(String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/survey-responses/upload?instrument=pss-10-style"))
                .header("Authorization", "Bearer " + SCHOOL_KEY).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCsvExportIsStoredRowByRowAndSendingItAgainChangesNothing() throws Exception {
        String csv = HEADER + "\r\n"
                + "r-up-1,p-up-1,gp-2026,,,BASELINE,2026-01-12,2,3,2,1,2,3,1,2,3,2\r\n"
                + "r-up-2,p-up-2,gp-2026,,,BASELINE,2026-01-12,2,3,2,1,2,3,9,2,3,2\r\n"
                + "\r\n"
                + "r-up-3,p-up-3,gp-2026,,,BASELINE,12/01/2026,2,3,2,1,2,3,1,2,3,2\r\n"
                + "r-up-4,p-up-4,gp-2026,,,BASELINE,2026-01-12,2,3,2,1,2,3,1,2,3,\r\n";

        HttpResponse<String> first = upload(CSV, csv.getBytes(StandardCharsets.UTF_8));

        assertThat(first.headers().firstValue("Upload-Format")).hasValue("csv");
        assertThat(first.headers().firstValue("Upload-Encoding")).hasValue("UTF-8");
        List<JsonNode> results = ndjson(first);
        assertThat(results).extracting(r -> r.get("line").asInt()).as("rows of the sheet, blank row skipped")
                .containsExactly(2, 3, 5, 6);
        assertThat(results.get(0).get("outcome").asText()).isEqualTo("appended");
        assertThat(results.get(1).at("/problem/errors/0/field").asText()).isEqualTo("items.7");
        assertThat(results.get(1).at("/problem/errors/0/rule").asText()).isEqualTo("item-in-range");
        assertThat(results.get(2).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(2).at("/problem/errors/0/field").asText()).isEqualTo("completedOn");
        assertThat(results.get(3).get("outcome").asText()).as("one missing item is prorated")
                .isEqualTo("appended");

        JsonNode stored = ok(get("/api/v1/survey-responses/r-up-1", SCHOOL_KEY));
        JsonNode viaJson = created(post("/api/v1/survey-responses", SCHOOL_KEY, submission("r-up-json", "p-up-json",
                "pss-10-style", Timepoint.BASELINE, java.util.Map.of("1", 2, "2", 3, "3", 2, "4", 1, "5", 2, "6", 3,
                        "7", 1, "8", 2, "9", 3, "10", 2))));
        assertThat(stored.get("scores")).as("the same scores as the same answers sent as JSON")
                .isEqualTo(viaJson.get("scores"));
        assertThat(stored.get("items")).isEqualTo(viaJson.get("items"));

        List<JsonNode> again = ndjson(upload(CSV, csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(again).extracting(r -> r.get("outcome").asText())
                .containsExactly("unchanged", "refused", "refused", "unchanged");
        assertThat(ok(get("/api/v1/survey-responses/r-up-1", SCHOOL_KEY)).get("corrections").asInt()).isZero();
    }

    @Test
    void aWindows1252CsvWithSemicolonsIsReadAndTheEncodingIsStated() throws Exception {
        String csv = HEADER.replace(',', ';') + "\r\n"
                + "r-up-\u00e9;p-up-5;gp-2026;;;BASELINE;2026-01-12;2;3;2;1;2;3;1;2;3;2\r\n";

        HttpResponse<String> answer = upload(CSV, csv.getBytes(Charset.forName("windows-1252")));

        assertThat(answer.headers().firstValue("Upload-Encoding")).hasValue("windows-1252");
        JsonNode result = ndjson(answer).get(0);
        assertThat(result.get("id").asText()).as("the é read as é, refused by the id's pattern")
                .isEqualTo("r-up-\u00e9");
        assertThat(result.at("/problem/errors/0/field").asText()).isEqualTo("responseId");
    }

    @Test
    void anXlsxWorkbookWithDateCellsIsStored() throws Exception {
        HttpResponse<String> answer = upload(XLSX, workbook());

        assertThat(answer.headers().firstValue("Upload-Format")).hasValue("xlsx");
        List<JsonNode> results = ndjson(answer);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(results.get(0).get("outcome").asText()).as(results.get(0).toString()).isEqualTo("appended");
        assertThat(ok(get("/api/v1/survey-responses/r-up-x1", SCHOOL_KEY)).get("completedOn").asText())
                .isEqualTo("2026-01-12");
    }

    @Test
    void aHeaderWithAMissingOrUnknownColumnIsRefusedBeforeAnyRowRuns() throws Exception {
        String csv = HEADER.replace("completedOn", "completed").replace("item10", "email") + "\r\n"
                + "r-up-h1,p-up-h1,gp-2026,,,BASELINE,2026-01-12,2,3,2,1,2,3,1,2,3,x@y.org\r\n";

        JsonNode problem = assertProblem(upload(CSV, csv.getBytes(StandardCharsets.UTF_8)), 400, "invalid-request");

        assertThat(fieldsAndRules(problem)).containsExactlyInAnyOrder("completed unknown-column",
                "email unknown-column", "completedOn missing-column");
        assertProblem(get("/api/v1/survey-responses/r-up-h1", SCHOOL_KEY), 404, "not-found");
    }

    @Test
    void theTemplateOfAnInstrumentIsItsHeader() throws Exception {
        HttpResponse<byte[]> csv = http.send(HttpRequest.newBuilder(
                        uri("/api/v1/instruments/pss-10-style/upload-template?format=csv"))
                .header("Authorization", "Bearer " + SCHOOL_KEY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(
                        uri("/api/v1/instruments/pss-10-style/upload-template?format=xlsx"))
                .header("Authorization", "Bearer " + SCHOOL_KEY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + HEADER + "\r\n");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("pss-10-style-responses.csv"));
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.body()[0]).isEqualTo((byte) 'P');
        assertThat(upload(XLSX, xlsx.body()).statusCode()).as("the empty template uploads as no rows").isEqualTo(200);
    }

    private static byte[] workbook() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("export");
            Row header = sheet.createRow(0);
            String[] columns = HEADER.split(",");
            for (int i = 0; i < columns.length; i++) {
                header.createCell(i).setCellValue(columns[i]);
            }
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("r-up-x1");
            row.createCell(1).setCellValue("p-up-x1");
            row.createCell(2).setCellValue("gp-2026");
            row.createCell(5).setCellValue("BASELINE");
            row.createCell(6).setCellValue(LocalDate.of(2026, 1, 12));
            row.getCell(6).setCellStyle(date);
            for (int item = 1; item <= 10; item++) {
                row.createCell(6 + item).setCellValue(item % 4);
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
