package org.balintobservatory.analytics.answer.comparison.reproduction;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CSV for R's {@code read.csv}, written by Commons CSV: a header of plain names, then rows in which text is
 * always quoted (so a unit named {@code NA} stays text), numbers are not, and a missing value is a bare
 * {@code NA}. A number is written as {@link Double#toString}, the shortest decimal that reads back as the same
 * double, so R computes on exactly the figures the service did.
 */
public final class RCsv {

    private static final CSVFormat HEADER = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final CSVFormat ROWS = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
            .setQuoteMode(QuoteMode.NON_NUMERIC).setNullString("NA").get();

    private final CSVPrinter rows;

    /** Starts a table on {@code out} with its header line. */
    public RCsv(Appendable out, List<String> header) throws IOException {
        new CSVPrinter(out, HEADER).printRecord(header);
        this.rows = new CSVPrinter(out, ROWS);
    }

    /**
     * One row: {@link String} values as text, {@link Number} values as numbers, {@code null} or a number that
     * is not finite as {@code NA}.
     */
    public void row(List<?> values) throws IOException {
        rows.printRecord(values.stream().map(RCsv::cell).toList());
    }

    /** A whole table as one string. */
    public static String table(List<String> header, List<? extends List<?>> rows) {
        try {
            StringBuilder out = new StringBuilder();
            RCsv csv = new RCsv(out, header);
            for (List<?> row : rows) {
                csv.row(row);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object cell(Object value) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        return value;
    }
}
