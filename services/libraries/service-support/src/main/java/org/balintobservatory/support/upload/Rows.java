package org.balintobservatory.support.upload;

import org.apache.poi.ss.util.CellReference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sheet assembled as it is read, row by row and cell by cell, refusing it at the first row or cell over a
 * {@link SheetLimits limit}: the first row read is the header, each later one a {@link Sheet.Row} keyed by it.
 */
final class Rows {

    private final SheetLimits limits;
    private final Consumer<List<String>> headerCheck;
    private final List<Sheet.Row> rows = new ArrayList<>();
    private List<String> header;
    private Map<Integer, String> headerCells;
    private Map<String, Object> cells;
    private long current;
    private int count;
    /** The number of the last row read, 0 before the first. */
    long lastRow;

    Rows(SheetLimits limits, Consumer<List<String>> headerCheck) {
        this.limits = limits;
        this.headerCheck = headerCheck;
    }

    SheetLimits limits() {
        return limits;
    }

    /** A row begins; refused when its number is above the row limit, blank rows before it counted too. */
    void startRow(long number) {
        if (number > limits.maxRows()) {
            throw SheetLimits.exceeded("row " + number, "max-rows", "the file has more than " + limits.maxRows()
                    + " rows, the header and blank rows included");
        }
        current = number;
        if (header == null) {
            headerCells = new LinkedHashMap<>();
        } else {
            cells = new LinkedHashMap<>();
        }
    }

    /** A non-blank cell of the current row, at its zero-based column. */
    void cell(int column, Object value) {
        if (column >= limits.maxColumns()) {
            throw SheetLimits.exceeded(where(column), "max-columns", "cell " + where(column)
                    + " is beyond column " + limits.maxColumns());
        }
        if (value instanceof String text && text.length() > limits.maxCellChars()) {
            throw limits.cellTooLong(where(column));
        }
        if (++count > limits.maxCells()) {
            throw SheetLimits.exceeded(where(column), "max-cells", "the file has more than " + limits.maxCells()
                    + " non-blank cells");
        }
        if (header == null) {
            headerCells.put(column, headerText(value));
        } else {
            cells.put(column < header.size() ? header.get(column) : "column " + (column + 1), value);
        }
    }

    /** The current row is complete. */
    void endRow() {
        lastRow = current;
        if (header == null) {
            int width = headerCells.keySet().stream().mapToInt(c -> c + 1).max().orElse(0);
            List<String> names = new ArrayList<>(Collections.nCopies(width, ""));
            headerCells.forEach(names::set);
            header = List.copyOf(names);
            headerCells = null;
            headerCheck.accept(header);
        } else {
            rows.add(new Sheet.Row((int) current, cells.isEmpty() ? Map.of() : cells));
            cells = null;
        }
    }

    /** A cell's name as a spreadsheet shows it, e.g. {@code C7}. */
    private String where(int column) {
        return CellReference.convertNumToColString(column) + current;
    }

    /** The sheet read; a file without even a header row has its empty header checked here. */
    Sheet sheet(String format, String encoding) {
        if (header == null) {
            headerCheck.accept(List.of());
        }
        return new Sheet(format, encoding, header == null ? List.of() : header, rows);
    }

    private static String headerText(Object value) {
        return value instanceof LocalDate || value instanceof String ? value.toString() : String.valueOf(value);
    }
}
