package org.balintobservatory.support.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import jakarta.servlet.http.HttpServletResponse;
import org.balintobservatory.support.batch.BatchRunner;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The columns an upload takes: checks a sheet's header, turns each row into the JSON object of the single
 * request, and writes the empty template a school fills in (CSV or {@code .xlsx}).
 */
public record UploadTemplate(List<Column> columns) {

    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");

    /**
     * Refuses a header that lacks a required column, names one the template does not have, or names one
     * twice: 400 problem details with one error per column ({@code missing-column}, {@code unknown-column},
     * {@code duplicate-column}), before any row runs.
     */
    public void checkHeader(List<String> header) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> known = new HashSet<>();
        columns.forEach(c -> known.add(c.name()));
        for (String name : header) {
            if (name.isEmpty()) {
                continue;
            }
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "unknown-column", "'" + name + "' is not a column of this template; "
                        + "the columns are " + columns.stream().map(Column::name).toList()));
            } else if (!seen.add(name)) {
                errors.add(new FieldError(name, "duplicate-column", "'" + name + "' is in the header twice"));
            }
        }
        for (Column column : columns) {
            if (column.required() && !seen.contains(column.name())) {
                errors.add(new FieldError(column.name(), "missing-column", "the header has no '" + column.name()
                        + "' column; " + column.note()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /**
     * The row as a JSON object with one member per non-blank cell, named as its column: dates as ISO text
     * (a spreadsheet date cell or ISO text), whole numbers as numbers. A cell that is not what its column
     * takes is passed on as written, so the request's own validation refuses it naming the column.
     */
    public ObjectNode json(Sheet.Row row, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        for (Column column : columns) {
            Object cell = row.cells().get(column.name());
            if (cell == null) {
                continue;
            }
            switch (column.kind()) {
                case INTEGER -> {
                    if (cell instanceof Long whole) {
                        node.put(column.name(), whole);
                    } else if (cell instanceof String text && WHOLE.matcher(text).matches()) {
                        node.put(column.name(), Long.parseLong(text));
                    } else {
                        node.putPOJO(column.name(), cell);
                    }
                }
                case DATE -> node.put(column.name(), text(cell));
                case TEXT -> node.put(column.name(), text(cell));
            }
        }
        return node;
    }

    private static String text(Object cell) {
        if (cell instanceof LocalDate date) {
            return date.toString();
        }
        if (cell instanceof Double number) {
            return number.toString();
        }
        return String.valueOf(cell);
    }

    /** The empty template as CSV: the header line, UTF-8 with a byte-order mark so Excel opens it as UTF-8. */
    public byte[] csv() {
        StringBuilder header = new StringBuilder();
        try {
            new CSVPrinter(header, CSVFormat.DEFAULT).printRecord(columns.stream().map(Column::name).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] text = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        return withBom;
    }

    /** The empty template as {@code .xlsx}: the header row, and date columns formatted as dates. */
    public byte[] xlsx() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("upload");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).name());
                if (columns.get(i).kind() == Column.Kind.DATE) {
                    sheet.setDefaultColumnStyle(i, date);
                }
                sheet.setColumnWidth(i, Math.max(10, columns.get(i).name().length() + 2) * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an upload for this template within the {@link SheetLimits limits of every upload} (the batch
     * limits among them), the header checked as soon as it is read, before any row; the answer's
     * {@code Upload-Format} and {@code Upload-Encoding} headers say how the file was read.
     */
    public Sheet read(InputStream body, BatchRunner runner, HttpServletResponse response) throws IOException {
        Sheet sheet = SheetReader.read(runner.bytes(body), SheetLimits.of(runner.properties()), this::checkHeader);
        response.setHeader("Upload-Format", sheet.format());
        response.setHeader("Upload-Encoding", sheet.encoding());
        return sheet;
    }

    /** The empty template as a download: {@code format} {@code csv} (UTF-8 with BOM) or {@code xlsx}. */
    public ResponseEntity<byte[]> download(String format, String name) {
        boolean xlsx = format.equals("xlsx");
        if (!xlsx && !format.equals("csv")) {
            throw new InvalidRequestException(List.of(new FieldError("format", "csv-or-xlsx", "format is csv or xlsx")));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(xlsx ? SheetReader.XLSX : SheetReader.CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + (xlsx ? ".xlsx" : ".csv")).build().toString())
                .body(xlsx ? xlsx() : csv());
    }

    /** What each column holds, for the template's documentation. */
    public Map<String, String> notes() {
        Map<String, String> notes = new java.util.LinkedHashMap<>();
        columns.forEach(c -> notes.put(c.name(), (c.required() ? "required: " : "optional: ") + c.note()));
        return notes;
    }
}
