package org.balintobservatory.support.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How uploads are read: encodings detected, delimiters, spreadsheet cells, and the header checked. */
class SheetReaderTest {

    private static final UploadTemplate TEMPLATE = new UploadTemplate(List.of(
            Column.required("responseId", Column.Kind.TEXT, "an id"),
            Column.required("completedOn", Column.Kind.DATE, "a date"),
            Column.optional("item1", Column.Kind.INTEGER, "an answer"),
            Column.optional("note", Column.Kind.TEXT, "free text")));

    @Test
    void aUtf8CsvWithAByteOrderMarkIsReadAsUtf8AndTheMarkIsNotPartOfTheFirstColumn() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "responseId,completedOn,note\nr-1,2026-01-12,café\n".getBytes(StandardCharsets.UTF_8));

        Sheet sheet = SheetReader.read(body);

        assertThat(sheet.encoding()).isEqualTo("UTF-8 with BOM");
        assertThat(sheet.header()).containsExactly("responseId", "completedOn", "note");
        assertThat(sheet.rows().get(0).cells()).containsEntry("note", "café").containsEntry("responseId", "r-1");
    }

    @Test
    void aUtf8CsvWithoutAMarkIsReadAsUtf8() {
        Sheet sheet = SheetReader.read("responseId,note\nr-1,Zoë\n".getBytes(StandardCharsets.UTF_8));

        assertThat(sheet.encoding()).isEqualTo("UTF-8");
        assertThat(sheet.rows().get(0).cells()).containsEntry("note", "Zoë");
    }

    /** 0xE9 alone is no UTF-8; in Windows-1252 it is é, as a "CSV" saved by Excel in Western Europe has it. */
    @Test
    void aCsvThatIsNotUtf8IsReadAsWindows1252() {
        byte[] body = "responseId;note\nr-1;caf\u00e9 \u20ac\n".getBytes(Charset.forName("windows-1252"));

        Sheet sheet = SheetReader.read(body);

        assertThat(sheet.encoding()).isEqualTo("windows-1252");
        assertThat(sheet.header()).as("the ; delimiter is recognised").containsExactly("responseId", "note");
        assertThat(sheet.rows().get(0).cells()).containsEntry("note", "café €");
    }

    @Test
    void rowsKeepTheirNumbersInTheSheetAndBlankCellsAreAbsent() {
        Sheet sheet = SheetReader.read("responseId,item1\nr-1,3\n\nr-2,\n".getBytes(StandardCharsets.UTF_8));

        assertThat(sheet.rows()).extracting(Sheet.Row::number).containsExactly(2, 3, 4);
        assertThat(sheet.rows().get(1).isBlank()).isTrue();
        assertThat(sheet.rows().get(2).cells()).containsOnlyKeys("responseId");
    }

    @Test
    void anXlsxSheetGivesDateCellsAsDatesAndWholeNumbersAsWholeNumbers() throws IOException {
        Sheet sheet = SheetReader.read(workbook());

        assertThat(sheet.format()).isEqualTo("xlsx");
        assertThat(sheet.header()).containsExactly("responseId", "completedOn", "item1");
        assertThat(sheet.rows().get(0).number()).isEqualTo(2);
        assertThat(sheet.rows().get(0).cells()).containsEntry("completedOn", LocalDate.of(2026, 1, 12))
                .containsEntry("item1", 3L).containsEntry("responseId", "r-1");
        assertThat(TEMPLATE.json(sheet.rows().get(0), new ObjectMapper()).toString())
                .isEqualTo("{\"responseId\":\"r-1\",\"completedOn\":\"2026-01-12\",\"item1\":3}");
    }

    @Test
    void aBodyThatIsNoWorkbookButStartsLikeOneIsRefusedNamingWhy() {
        byte[] body = {'P', 'K', 3, 4, 0, 0, 0};

        assertThatThrownBy(() -> SheetReader.read(body)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).errors()).extracting(FieldError::rule)
                        .containsExactly("unreadable-sheet"));
    }

    @Test
    void aHeaderWithoutARequiredColumnOrWithAnUnknownOrRepeatedOneIsRefusedColumnByColumn() {
        assertThatThrownBy(() -> TEMPLATE.checkHeader(List.of("responseId", "item1", "item1", "email")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).errors())
                        .extracting(f -> f.field() + " " + f.rule())
                        .containsExactlyInAnyOrder("item1 duplicate-column", "email unknown-column",
                                "completedOn missing-column"));
        TEMPLATE.checkHeader(List.of("completedOn", "responseId"));
    }

    @Test
    void aCellOfTheWrongKindIsPassedOnAsWrittenForTheRequestsOwnValidation() {
        Sheet.Row row = new Sheet.Row(2, new java.util.LinkedHashMap<>(java.util.Map.of("item1", "three",
                "completedOn", "12/01/2026")));

        assertThat(TEMPLATE.json(row, new ObjectMapper()).toString())
                .isEqualTo("{\"completedOn\":\"12/01/2026\",\"item1\":\"three\"}");
    }

    @Test
    void theTemplatesReadBackAsTheirOwnHeader() {
        Sheet csv = SheetReader.read(TEMPLATE.csv());
        Sheet xlsx = SheetReader.read(TEMPLATE.xlsx());

        assertThat(csv.encoding()).isEqualTo("UTF-8 with BOM");
        assertThat(csv.header()).containsExactly("responseId", "completedOn", "item1", "note");
        assertThat(xlsx.header()).containsExactly("responseId", "completedOn", "item1", "note");
        assertThat(csv.rows()).isEmpty();
        TEMPLATE.checkHeader(xlsx.header());
    }

    private static byte[] workbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("responses");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("responseId");
            header.createCell(1).setCellValue("completedOn");
            header.createCell(2).setCellValue("item1");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("r-1");
            row.createCell(1).setCellValue(LocalDate.of(2026, 1, 12));
            row.getCell(1).setCellStyle(date);
            row.createCell(2).setCellValue(3);
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
