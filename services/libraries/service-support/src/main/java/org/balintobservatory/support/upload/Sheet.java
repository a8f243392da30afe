package org.balintobservatory.support.upload;

import java.util.List;
import java.util.Map;

/**
 * An uploaded spreadsheet: its header and its data rows, and how it was read.
 *
 * @param format   {@code csv} or {@code xlsx}
 * @param encoding for CSV, the encoding detected ({@code UTF-8}, {@code UTF-8 with BOM}, {@code windows-1252});
 *                 for {@code .xlsx}, {@code UTF-8} (the format's own)
 * @param header   the header row's cells, trimmed
 * @param rows     the data rows in order; blank rows included as empty maps, so numbers stay the sheet's
 */
public record Sheet(String format, String encoding, List<String> header, List<Row> rows) {

    /**
     * One data row.
     *
     * @param number the row's number in the sheet (the header is row 1)
     * @param cells  by header name: a {@code String}, a {@code Long} or {@code Double} for a number cell, a
     *               {@code java.time.LocalDate} for a date cell, a {@code Boolean}; blank cells are absent
     */
    public record Row(int number, Map<String, Object> cells) {

        public boolean isBlank() {
            return cells.isEmpty();
        }
    }
}
