package org.balintobservatory.support.upload;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an uploaded spreadsheet: {@code .xlsx} (recognised by its ZIP signature, read with Apache POI, first
 * sheet) or CSV (commons-csv). A CSV's encoding is detected, never guessed from the platform:
 * <ol>
 *   <li>a UTF-8 byte-order mark: UTF-8, the mark dropped ({@code UTF-8 with BOM}, as Excel writes "CSV UTF-8");</li>
 *   <li>bytes that decode as UTF-8 without error: {@code UTF-8};</li>
 *   <li>otherwise {@code windows-1252}, the encoding Excel and most Western European tools write "CSV" in.
 *       Every byte has a meaning there, so nothing is refused; a file in another single-byte encoding shows
 *       its accented letters wrongly, which is why the answer states the encoding it read.</li>
 * </ol>
 * The delimiter is the one of {@code ,}, {@code ;} and tab that occurs most often in the header line
 * (spreadsheets in many locales export with {@code ;}).
 */
public final class SheetReader {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private SheetReader() {
    }

    /** Reads a CSV or {@code .xlsx} body; anything else, or a workbook that cannot be read, is refused with 400. */
    public static Sheet read(byte[] body) {
        if (body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4) {
            return xlsx(body);
        }
        return csv(body);
    }

    static Sheet csv(byte[] body) {
        String encoding;
        String text;
        if (startsWithBom(body)) {
            encoding = "UTF-8 with BOM";
            text = new String(body, BOM.length, body.length - BOM.length, StandardCharsets.UTF_8);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
                encoding = "UTF-8";
            } catch (CharacterCodingException e) {
                text = new String(body, WINDOWS_1252);
                encoding = "windows-1252";
            }
        }
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = null;
            List<Sheet.Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                int number = (int) record.getRecordNumber();
                if (header == null) {
                    header = record.stream().map(String::trim).toList();
                    continue;
                }
                Map<String, Object> cells = new LinkedHashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    String value = record.get(i).trim();
                    if (!value.isEmpty()) {
                        cells.put(i < header.size() ? header.get(i) : "column " + (i + 1), value);
                    }
                }
                rows.add(new Sheet.Row(number, cells));
            }
            return new Sheet("csv", encoding, header == null ? List.of() : header, rows);
        } catch (IOException | RuntimeException e) {
            throw unreadable("the CSV cannot be read (an unclosed quote?); save it again as CSV");
        }
    }

    static Sheet xlsx(byte[] body) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw unreadable("the workbook has no sheet");
            }
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            List<String> header = null;
            List<Sheet.Row> rows = new ArrayList<>();
            int last = sheet.getLastRowNum();
            for (int r = sheet.getFirstRowNum(); r <= last && r >= 0; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
                if (header == null) {
                    if (row == null) {
                        continue;
                    }
                    header = new ArrayList<>();
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        header.add(cell == null ? "" : formatter.formatCellValue(cell).trim());
                    }
                    continue;
                }
                Map<String, Object> cells = new LinkedHashMap<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Object value = value(row.getCell(c));
                        if (value != null) {
                            cells.put(c < header.size() ? header.get(c) : "column " + (c + 1), value);
                        }
                    }
                }
                rows.add(new Sheet.Row(r + 1, cells));
            }
            return new Sheet("xlsx", "UTF-8", header == null ? List.of() : List.copyOf(header), rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidRequestException invalid) {
                throw invalid;
            }
            throw unreadable("the workbook cannot be read as .xlsx; save it again from the spreadsheet program");
        }
    }

    /** A cell as a plain value: text, a whole or decimal number, a date, a truth value; blank is null. */
    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        switch (type) {
            case STRING -> {
                String text = cell.getStringCellValue().trim();
                return text.isEmpty() ? null : text;
            }
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    return cell.getLocalDateTimeCellValue().toLocalDate();
                }
                double number = cell.getNumericCellValue();
                return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : (Object) number;
            }
            case BOOLEAN -> {
                return cell.getBooleanCellValue();
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean startsWithBom(byte[] body) {
        return body.length >= 3 && body[0] == BOM[0] && body[1] == BOM[1] && body[2] == BOM[2];
    }

    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long commas = first.chars().filter(c -> c == ',').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static InvalidRequestException unreadable(String message) {
        return new InvalidRequestException(List.of(new FieldError("", "unreadable-sheet", message)));
    }
}
