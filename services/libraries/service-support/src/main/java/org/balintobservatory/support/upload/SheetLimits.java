package org.balintobservatory.support.upload;

import org.balintobservatory.support.batch.BatchProperties;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.TooLargeException;

import java.util.List;

/**
 * What an upload may hold, each limit enforced while the file is read, so that reading stops at the first
 * row, cell or part over it and the memory an upload takes is bounded by these numbers, not by the file.
 * A file over a limit is refused whole with 413 {@code sheet-too-large}, its error naming the limit as its
 * {@code rule} and where the file crossed it as its {@code field}; nothing of it is stored.
 *
 * @param maxBytes     the body, as sent (the batch limit)
 * @param maxRows      rows, the header and blank rows included (the batch limit on lines): a row numbered
 *                     above it is refused, whether or not the rows before it hold anything
 * @param maxColumns   the column of any non-blank cell, and the cells of a CSV record
 * @param maxCellChars the characters of one cell
 * @param maxCells     non-blank cells in the whole file, the header included: what a read file holds in memory
 */
public record SheetLimits(long maxBytes, int maxRows, int maxColumns, int maxCellChars, int maxCells) {

    /** Columns: an instrument's seven submission columns and its items (at most 999), with room to spare. */
    public static final int MAX_COLUMNS = 1024;
    /** Characters of a cell: ids, dates, codes and answers are far shorter. */
    public static final int MAX_CELL_CHARS = 1024;
    /**
     * Non-blank cells: 20,000 responses of a 30-item instrument, or 100,000 attendance rows, fit. What a read
     * file keeps is about 60 bytes a cell, so this bounds an upload's rows in memory to about 60 MB.
     */
    public static final int MAX_CELLS = 1_000_000;

    /** Entries of an {@code .xlsx} archive; a workbook with a sheet has about a dozen. */
    public static final int MAX_ZIP_ENTRIES = 1000;
    /**
     * The least compressed size as a fraction of the expanded size (POI's own default), checked as every
     * entry is inflated: the sheet XML of real workbooks deflates about 10 to 20 times, a zip bomb thousands.
     */
    public static final double MIN_INFLATE_RATIO = 0.01;
    /** Expanded bytes of the sheet's XML: about 60 bytes a cell for a full file at every other limit. */
    public static final long MAX_SHEET_XML = 64L << 20;
    /**
     * Expanded bytes of the shared-strings table, which is read into memory before the sheet (about three
     * bytes of heap for each byte of XML); the strings of a full file at every other limit fit.
     */
    public static final long MAX_SHARED_STRINGS_XML = 16L << 20;
    /**
     * Expanded bytes of every other entry: the package's content types and relationships, the workbook and the
     * styles, which POI reads whole into an object tree; a real workbook's are kilobytes.
     */
    public static final long MAX_OTHER_PART = 4L << 20;
    /** Expanded bytes of all entries together: the work one upload may cost before its sheet is read. */
    public static final long MAX_UNZIPPED = 128L << 20;

    /** The limits of every upload, the batch limits included. */
    public static SheetLimits of(BatchProperties batch) {
        return new SheetLimits(batch.maxBody().toBytes(), batch.maxLines(), MAX_COLUMNS, MAX_CELL_CHARS, MAX_CELLS);
    }

    /** The characters of one CSV record: every column at the cell limit, with its quotes and delimiter. */
    public long maxRecordChars() {
        return (long) maxColumns * (maxCellChars + 3);
    }

    /** The refusal of a cell longer than {@link #maxCellChars()}, named as a spreadsheet names it. */
    TooLargeException cellTooLong(String where) {
        return exceeded(where, "max-cell-length", "cell " + where + " is longer than " + maxCellChars + " characters");
    }

    /** The refusal of a file over a limit, naming the limit ({@code rule}) and where it was crossed. */
    static TooLargeException exceeded(String where, String rule, String message) {
        return new TooLargeException("sheet-too-large", message + "; split the file or send it as several",
                List.of(new FieldError(where, rule, message)));
    }
}
