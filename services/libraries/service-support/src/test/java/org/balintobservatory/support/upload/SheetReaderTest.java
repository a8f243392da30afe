package org.balintobservatory.support.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.support.web.TooLargeException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How uploads are read: encodings detected, delimiters, spreadsheet cells, and the header checked. */
class SheetReaderTest {

    /**
     * Bounds on the bytes a read may allocate, a count of work that does not depend on the machine's speed.
     * Reading the 20,000 x 27 workbook as a stream allocates about 150 MB; POI's object model allocated
     * gigabytes and kept most of them. Refusing 16 MB of blank lines allocates under 4 MB, where a reader that
     * parses the whole file first makes objects for 16 million rows. A zip bomb is refused after inflating
     * through an 8 KB buffer, about 150 KB in all.
     */
    private static final long WORKBOOK_WORK = 400L << 20;
    private static final long BLANK_CSV_WORK = 8L << 20;
    private static final long BOMB_WORK = 8L << 20;

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

    /**
     * The attack that took the survey service down: a workbook within the limits, 20,000 rows (the header
     * included) of 27 text cells each. Read as a stream it costs a bounded amount of work; read into POI's
     * object model it cost about a kilobyte a cell and exhausted the service's heap.
     */
    @Test
    void aWorkbookAtTheRowLimitIsReadAsAStreamWithBoundedWork() throws IOException {
        byte[] body = textWorkbook(20_000, 27);

        long[] allocated = new long[1];
        Sheet sheet = allocatedWhile(() -> SheetReader.read(body), allocated);

        assertThat(sheet.header()).hasSize(27);
        assertThat(sheet.rows()).hasSize(19_999);
        assertThat(sheet.rows().get(19_998).cells()).hasSize(27).containsEntry("c26", "v19999-26");
        assertThat(allocated[0]).as("bytes allocated while reading %d bytes of workbook", body.length)
                .isLessThan(WORKBOOK_WORK);
    }

    @Test
    void aWorkbookOverTheRowLimitIsRefusedAtTheFirstRowOverIt() throws IOException {
        byte[] body = textWorkbook(60_000, 3);

        assertLimit(() -> SheetReader.read(body), "row 20001", "max-rows");
    }

    /** 16 MB of line breaks: every blank line is a row, so reading stops at the first row over the limit. */
    @Test
    void aCsvOfNothingButBlankLinesIsRefusedAtTheRowLimitWithoutBeingParsedWhole() {
        byte[] body = new byte[16 << 20];
        java.util.Arrays.fill(body, (byte) '\n');

        long[] allocated = new long[1];
        assertLimit(() -> allocatedWhile(() -> SheetReader.read(body), allocated), "row 20001", "max-rows");
        assertThat(allocated[0]).as("bytes allocated before refusing").isLessThan(BLANK_CSV_WORK);
    }

    /** One quoted cell that never closes within the row limit: refused while it is being read. */
    @Test
    void aCsvRecordLongerThanTheLimitIsRefusedBeforeItIsComplete() {
        byte[] body = ("responseId,note\nr-1,\"" + "x".repeat(3 << 20) + "\"\n").getBytes(StandardCharsets.UTF_8);

        assertLimit(() -> SheetReader.read(body), "row 2", "max-row-length");
    }

    @Test
    void aCellLongerThanTheLimitIsRefusedNamingTheCell() throws IOException {
        byte[] csv = ("responseId,note\nr-1," + "x".repeat(SheetLimits.MAX_CELL_CHARS + 1) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] xlsx = workbookOf(List.of(List.of("responseId", "note"), List.of("r-1",
                "y".repeat(SheetLimits.MAX_CELL_CHARS + 1))));

        assertLimit(() -> SheetReader.read(csv), "B2", "max-cell-length");
        assertLimit(() -> SheetReader.read(xlsx), "B2", "max-cell-length");
    }

    @Test
    void aCellBeyondTheColumnLimitIsRefused() {
        byte[] body = ("responseId\nr-1" + ",".repeat(SheetLimits.MAX_COLUMNS) + "x\n").getBytes(StandardCharsets.UTF_8);

        assertLimit(() -> SheetReader.read(body), "AMK2", "max-columns");
    }

    @Test
    void aFileOverTheCellLimitIsRefusedAtTheFirstCellOverIt() {
        SheetLimits limits = new SheetLimits(1 << 20, 20_000, 16, 64, 10);
        byte[] body = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n".getBytes(StandardCharsets.UTF_8);

        assertLimit(() -> SheetReader.read(body, limits), "B4", "max-cells");
    }

    /** A sheet of zeros that deflates thousands of times: refused by the inflate ratio as it is inflated. */
    @Test
    void aZipBombIsRefusedByItsInflateRatioWhileItIsInflated() throws IOException {
        byte[] body = replacing(TEMPLATE.xlsx(), "xl/worksheets/sheet1.xml", new byte[32 << 20],
                java.util.zip.Deflater.BEST_COMPRESSION);

        long[] allocated = new long[1];
        assertLimit(() -> allocatedWhile(() -> SheetReader.read(body), allocated), "xl/worksheets/sheet1.xml",
                "min-inflate-ratio");
        assertThat(allocated[0]).as("bytes allocated before refusing").isLessThan(BOMB_WORK);
    }

    /**
     * A shared-strings table of 20 MB of text that does not compress away, the classic way to exhaust memory
     * even with a streaming sheet reader: the table is read whole before the sheet, so its size is bounded.
     */
    @Test
    void aSharedStringsTableOverItsLimitIsRefusedBeforeItIsHeldInMemory() throws IOException {
        java.util.Random random = new java.util.Random(7);
        StringBuilder xml = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        while (xml.length() < 20 << 20) {
            xml.append("<si><t>");
            for (int i = 0; i < 1000; i++) {
                xml.append((char) ('a' + random.nextInt(26)));
            }
            xml.append("</t></si>");
        }
        byte[] body = replacing(TEMPLATE.xlsx(), "xl/sharedStrings.xml",
                xml.append("</sst>").toString().getBytes(StandardCharsets.UTF_8));

        assertLimit(() -> SheetReader.read(body), "/xl/sharedStrings.xml", "max-unzipped-size");
    }

    @Test
    void aWorkbookOfTooManyEntriesIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i <= SheetLimits.MAX_ZIP_ENTRIES; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.closeEntry();
            }
        }

        assertLimit(() -> SheetReader.read(out.toByteArray()), "e1000", "max-zip-entries");
    }

    /** POI reads the package's content types whole as it opens it: that part is held to a small size first. */
    @Test
    void aPackagePartPoiReadsWholeIsRefusedOverItsLimit() throws IOException {
        java.util.Random random = new java.util.Random(11);
        byte[] noise = new byte[(int) SheetLimits.MAX_OTHER_PART + 1];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) ('a' + random.nextInt(26));
        }
        byte[] body = replacing(TEMPLATE.xlsx(), "[Content_Types].xml", noise);

        assertLimit(() -> SheetReader.read(body), "[Content_Types].xml", "max-unzipped-size");
    }

    /** Bytes this thread allocates while reading: work counted, not timed. */
    private static <T> T allocatedWhile(java.util.function.Supplier<T> read, long[] allocated) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            return read.get();
        } finally {
            allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
        }
    }

    private static void assertLimit(org.assertj.core.api.ThrowableAssert.ThrowingCallable read, String field,
                                    String rule) {
        assertThatThrownBy(read).isInstanceOf(TooLargeException.class)
                .satisfies(e -> assertThat(((TooLargeException) e).type()).isEqualTo("sheet-too-large"))
                .satisfies(e -> assertThat(((TooLargeException) e).errors())
                        .extracting(f -> f.field() + " " + f.rule()).containsExactly(field + " " + rule));
    }

    /**
     * A workbook of text cells as a spreadsheet program writes it, every text in the shared-strings table: the
     * template's package with its sheet and table written out directly, which is much faster than POI's
     * writer at this size.
     */
    private static byte[] textWorkbook(int rows, int columns) throws IOException {
        StringBuilder sheet = new StringBuilder(rows * columns * 32).append(
                "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        StringBuilder strings = new StringBuilder(rows * columns * 24).append(
                "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        int index = 0;
        for (int r = 1; r <= rows; r++) {
            sheet.append("<row r=\"").append(r).append("\">");
            for (int c = 0; c < columns; c++) {
                sheet.append("<c r=\"").append(CellReference.convertNumToColString(c)).append(r)
                        .append("\" t=\"s\"><v>").append(index++).append("</v></c>");
                strings.append("<si><t>").append(r == 1 ? "c" + c : "v" + (r - 1) + "-" + c).append("</t></si>");
            }
            sheet.append("</row>");
        }
        byte[] workbook = replacing(TEMPLATE.xlsx(), "xl/worksheets/sheet1.xml",
                sheet.append("</sheetData></worksheet>").toString().getBytes(StandardCharsets.UTF_8));
        return replacing(workbook, "xl/sharedStrings.xml",
                strings.append("</sst>").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] workbookOf(List<List<String>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("sheet");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The workbook with one entry's content replaced, every other entry as it was, compressed fast. */
    private static byte[] replacing(byte[] workbook, String entry, byte[] content) throws IOException {
        return replacing(workbook, entry, content, java.util.zip.Deflater.BEST_SPEED);
    }

    private static byte[] replacing(byte[] workbook, String entry, byte[] content, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(level);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals(entry) ? content : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
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
