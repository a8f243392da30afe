package org.balintobservatory.support.upload;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.balintobservatory.support.batch.BatchProperties;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.support.web.TooLargeException;
import org.springframework.util.unit.DataSize;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads an uploaded spreadsheet as a stream, every {@link SheetLimits limit} checked as each row, cell and
 * archive entry is read, so that a file over a limit is refused at the point it crosses it and no file costs
 * more memory than the limits allow. {@code .xlsx} is recognised by its ZIP signature and read with Apache
 * POI's event API, first sheet only; anything else is read as CSV with commons-csv, record by record.
 *
 * <p>A CSV's encoding is detected, never guessed from the platform:
 * <ol>
 *   <li>a UTF-8 byte-order mark: UTF-8, the mark dropped ({@code UTF-8 with BOM}, as Excel writes "CSV UTF-8");</li>
 *   <li>bytes that decode as UTF-8 without error: {@code UTF-8};</li>
 *   <li>otherwise {@code windows-1252}, the encoding Excel and most Western European tools write "CSV" in.
 *       Every byte has a meaning there, so nothing is refused; a file in another single-byte encoding shows
 *       its accented letters wrongly, which is why the answer states the encoding it read.</li>
 * </ol>
 * The delimiter is the one of {@code ,}, {@code ;} and tab that occurs most often in the header line
 * (spreadsheets in many locales export with {@code ;}).
 *
 * <p>An {@code .xlsx} is a ZIP archive of XML parts. Before POI opens it, every entry is inflated once and
 * counted through POI's {@link ZipSecureFile} (entries, expanded size, inflate ratio), since POI reads the
 * package's content types and relationships whole; the workbook, styles and shared-strings parts are then read
 * through bounded streams ({@link SharedStrings} holding the table's strings as plain strings), and the sheet with a SAX handler that keeps only the row being read. The handler is
 * this class's own rather than POI's {@code XSSFSheetXMLHandler}, which hands on a cell only as its displayed
 * text: a date cell must stay a date whatever its display format, and a number a number.
 */
public final class SheetReader {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** The limits of an upload when the caller names none: those of {@link BatchProperties}' defaults. */
    private static final SheetLimits DEFAULT_LIMITS = SheetLimits.of(new BatchProperties(DataSize.ofMegabytes(16),
            20_000, 100, Duration.ofSeconds(5)));
    /** Characters commons-csv may have read ahead of the record it returns (its buffer), and some to spare. */
    private static final int READ_AHEAD = 16 * 1024;
    /** How much of a CSV's start is searched for the header line's delimiter. */
    private static final int HEADER_SCAN_BYTES = 64 * 1024;
    private static final String RELATIONSHIPS = "relationships";

    static {
        // POI's own guards, checked while any entry is inflated: the same numbers as the pre-scan, so that
        // whatever POI opens itself cannot expand further than the pre-scan let through.
        ZipSecureFile.setMinInflateRatio(SheetLimits.MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(SheetLimits.MAX_SHEET_XML + READ_AHEAD);
        ZipSecureFile.setMaxFileCount(SheetLimits.MAX_ZIP_ENTRIES);
    }

    private SheetReader() {
    }

    /** Reads a body within the default limits; see {@link #read(byte[], SheetLimits)}. */
    public static Sheet read(byte[] body) {
        return read(body, DEFAULT_LIMITS);
    }

    /** Reads a body within the limits, the header given to {@code headerCheck} before any row is read. */
    public static Sheet read(byte[] body, SheetLimits limits, Consumer<List<String>> headerCheck) {
        if (body.length > limits.maxBytes()) {
            throw SheetLimits.exceeded("", "max-bytes", "the file is larger than " + limits.maxBytes() + " bytes");
        }
        if (body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4) {
            return xlsx(body, new Rows(limits, headerCheck));
        }
        return csv(body, new Rows(limits, headerCheck));
    }

    /**
     * Reads a CSV or {@code .xlsx} body. A file over a limit is refused with 413 {@code sheet-too-large}
     * naming the limit; anything unreadable, or a workbook that cannot be read, with 400 {@code unreadable-sheet}.
     */
    public static Sheet read(byte[] body, SheetLimits limits) {
        return read(body, limits, header -> { });
    }

    private static Sheet csv(byte[] body, Rows rows) {
        int start = startsWithBom(body) ? BOM.length : 0;
        Charset charset;
        String encoding;
        if (start > 0) {
            charset = StandardCharsets.UTF_8;
            encoding = "UTF-8 with BOM";
        } else if (isUtf8(body)) {
            charset = StandardCharsets.UTF_8;
            encoding = "UTF-8";
        } else {
            charset = WINDOWS_1252;
            encoding = "windows-1252";
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(headerLine(body, start, charset)))
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).get();
        RecordBound input = new RecordBound(new InputStreamReader(
                new ByteArrayInputStream(body, start, body.length - start), charset), rows.limits().maxRecordChars());
        try (CSVParser parser = CSVParser.parse(input, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                input.nextRecord(rows.lastRow + 1);
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                rows.startRow(record.getRecordNumber());
                for (int i = 0; i < record.size(); i++) {
                    String value = record.get(i).trim();
                    if (!value.isEmpty()) {
                        rows.cell(i, value);
                    }
                }
                rows.endRow();
            }
            return rows.sheet("csv", encoding);
        } catch (IOException | RuntimeException e) {
            throw refusal(e, "the CSV cannot be read (an unclosed quote?); save it again as CSV");
        }
    }

    private static Sheet xlsx(byte[] body, Rows rows) {
        Path file = null;
        try {
            // POI reads an archive's entries on demand only from a file; from a stream it would inflate them all.
            file = Files.createTempFile("upload-", ".xlsx");
            Files.write(file, body);
            checkArchive(file.toFile());
            OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            try {
                return firstSheet(pkg, rows);
            } finally {
                pkg.revert();
            }
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            throw refusal(e, "the workbook cannot be read as .xlsx; save it again from the spreadsheet program");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temporary directory
                }
            }
        }
    }

    private static Sheet firstSheet(OPCPackage pkg, Rows rows)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg);
        String sheetId;
        try (InputStream workbook = bounded(reader.getWorkbookData(), SheetLimits.MAX_OTHER_PART, "xl/workbook.xml")) {
            sheetId = firstSheetId(workbook);
        }
        if (sheetId == null) {
            throw unreadable("the workbook has no sheet");
        }
        StylesTable styles = null;
        List<PackagePart> styleParts = pkg.getPartsByContentType(XSSFRelation.STYLES.getContentType());
        if (!styleParts.isEmpty()) {
            try (InputStream in = bounded(styleParts.get(0).getInputStream(), SheetLimits.MAX_OTHER_PART,
                    styleParts.get(0).getPartName().getName())) {
                styles = new StylesTable(in);
            }
        }
        SharedStrings strings;
        List<PackagePart> stringParts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (stringParts.isEmpty()) {
            strings = SharedStrings.read(null, rows.limits());
        } else {
            try (InputStream in = bounded(stringParts.get(0).getInputStream(), SheetLimits.MAX_SHARED_STRINGS_XML,
                    stringParts.get(0).getPartName().getName())) {
                strings = SharedStrings.read(in, rows.limits());
            }
        }
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(new SheetHandler(rows, new CellValues(styles, strings, rows.limits())));
        try (InputStream sheet = bounded(reader.getSheet(sheetId), SheetLimits.MAX_SHEET_XML, "the first sheet")) {
            xml.parse(new InputSource(sheet));
        }
        return rows.sheet("xlsx", "UTF-8");
    }

    /**
     * Inflates every entry once, discarding it, through POI's {@link ZipSecureFile} (which refuses an entry
     * whose compressed size is under {@link SheetLimits#MIN_INFLATE_RATIO} of what it expands to): refuses an
     * archive of too many entries, an entry expanding beyond its part's limit, or entries expanding beyond
     * {@link SheetLimits#MAX_UNZIPPED} together, before POI reads any of them whole.
     */
    private static void checkArchive(File file) throws IOException {
        try (ZipSecureFile zip = new ZipSecureFile(file)) {
            byte[] buffer = new byte[8192];
            int count = 0;
            long total = 0;
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (++count > SheetLimits.MAX_ZIP_ENTRIES) {
                    throw SheetLimits.exceeded(entry.getName(), "max-zip-entries",
                            "the workbook has more than " + SheetLimits.MAX_ZIP_ENTRIES + " entries");
                }
                long limit = partLimit(entry.getName());
                long expanded = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        expanded += n;
                        if (expanded > limit) {
                            throw SheetLimits.exceeded(entry.getName(), "max-unzipped-size", entry.getName()
                                    + " expands to more than " + limit + " bytes");
                        }
                        if (total + expanded > SheetLimits.MAX_UNZIPPED) {
                            throw SheetLimits.exceeded(entry.getName(), "max-unzipped-size", "the workbook's entries"
                                    + " expand to more than " + SheetLimits.MAX_UNZIPPED + " bytes together");
                        }
                    }
                } catch (IOException e) {
                    // ZipSecureFile's refusal: an entry that inflates more than the ratio allows (a zip bomb)
                    if (String.valueOf(e.getMessage()).contains("Zip bomb")) {
                        throw SheetLimits.exceeded(entry.getName(), "min-inflate-ratio", entry.getName()
                                + " expands more than " + Math.round(1 / SheetLimits.MIN_INFLATE_RATIO)
                                + " times its compressed size");
                    }
                    throw e;
                }
                total += expanded;
            }
        }
    }

    /**
     * The most an entry may expand to: POI reads the package's content types and relationships whole as it
     * opens it, so those are held to {@link SheetLimits#MAX_OTHER_PART}; the parts read later are held to
     * their own limits by the streams they are read through.
     */
    private static long partLimit(String name) {
        return name.equals("[Content_Types].xml") || name.endsWith(".rels")
                ? SheetLimits.MAX_OTHER_PART : SheetLimits.MAX_SHEET_XML;
    }

    /** The relationship id of the workbook's first sheet, or null; stops reading at that sheet. */
    private static String firstSheetId(InputStream workbook) throws IOException, SAXException,
            ParserConfigurationException {
        String[] id = new String[1];
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes)
                    throws SAXException {
                if (localName.equals("sheet")) {
                    for (int i = 0; i < attributes.getLength(); i++) {
                        if (attributes.getLocalName(i).equals("id") && attributes.getURI(i).contains(RELATIONSHIPS)) {
                            id[0] = attributes.getValue(i);
                        }
                    }
                    throw new FirstSheetFound();
                }
            }
        });
        try {
            xml.parse(new InputSource(workbook));
        } catch (FirstSheetFound found) {
            // the rest of the workbook part is not needed
        }
        return id[0];
    }

    /** Stops the workbook part's parse at its first sheet. */
    private static final class FirstSheetFound extends SAXException {
        FirstSheetFound() {
            super("first sheet found");
        }
    }

    /** The limit's refusal or the unreadable-sheet refusal for whatever else went wrong while reading. */
    private static RuntimeException refusal(Throwable failure, String unreadable) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() != null ? cause.getCause()
                : cause instanceof SAXException sax ? sax.getException() : null) {
            if (cause instanceof TooLargeException || cause instanceof InvalidRequestException) {
                return (RuntimeException) cause;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return unreadable(unreadable);
    }

    private static boolean startsWithBom(byte[] body) {
        return body.length >= 3 && body[0] == BOM[0] && body[1] == BOM[1] && body[2] == BOM[2];
    }

    /** Whether the body decodes as UTF-8 without error, decoded through a small buffer rather than whole. */
    private static boolean isUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                break;
            }
            out.clear();
        }
        out.clear();
        return !decoder.flush(out).isError();
    }

    /** The first line of a CSV, from at most the first {@value #HEADER_SCAN_BYTES} bytes. */
    private static String headerLine(byte[] body, int start, Charset charset) {
        int end = start;
        int scanEnd = (int) Math.min(body.length, (long) start + HEADER_SCAN_BYTES);
        while (end < scanEnd && body[end] != '\n') {
            end++;
        }
        return new String(body, start, end - start, charset);
    }

    private static char delimiter(String first) {
        long commas = first.chars().filter(c -> c == ',').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        long tabs = first.chars().filter(c -> c == '\t').count();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    /** A part's stream that refuses the part once it has given more than {@code limit} bytes. */
    private static InputStream bounded(InputStream in, long limit, String part) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > limit) {
                    throw SheetLimits.exceeded(part, "max-unzipped-size", part + " expands to more than " + limit
                            + " bytes");
                }
            }
        };
    }

    private static InvalidRequestException unreadable(String message) {
        return new InvalidRequestException(List.of(new FieldError("", "unreadable-sheet", message)));
    }

    /**
     * The CSV as commons-csv reads it, refusing a record longer than the limit as it is read: a record (a
     * quoted cell may span lines) is assembled whole in memory, so its length must be bounded before it is
     * complete. commons-csv reads ahead of the record it returns by at most its buffer, which is allowed for.
     */
    private static final class RecordBound extends FilterReader {
        private final long limit;
        private long sinceRecord;
        private long row;

        RecordBound(Reader in, long limit) {
            super(in);
            this.limit = limit;
        }

        /** The parser is about to read the record of the given row. */
        void nextRecord(long row) {
            this.row = row;
            sinceRecord = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            sinceRecord += n;
            if (sinceRecord > limit + READ_AHEAD) {
                throw SheetLimits.exceeded("row " + row, "max-row-length", "row " + row + " is longer than "
                        + limit + " characters");
            }
        }
    }

    /** The sheet's XML, one row at a time: each cell read as {@link CellValues} makes it, into {@link Rows}. */
    private static final class SheetHandler extends DefaultHandler {
        private final Rows rows;
        private final CellValues values;
        private final StringBuilder text = new StringBuilder();
        private long row;
        private int column;
        private String ref;
        private String type;
        private String style;
        private boolean collecting;
        private boolean inline;
        private boolean phonetic;

        SheetHandler(Rows rows, CellValues values) {
            this.rows = rows;
            this.values = values;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    row = r == null ? row + 1 : parseRow(r);
                    column = -1;
                    rows.startRow(row);
                }
                case "c" -> {
                    ref = attributes.getValue("r");
                    column = ref == null ? column + 1 : columnOf(ref, column + 1);
                    type = attributes.getValue("t");
                    style = attributes.getValue("s");
                    text.setLength(0);
                }
                case "v" -> collecting = true;
                case "is" -> inline = true;
                case "t" -> collecting = inline;
                case "rPh" -> phonetic = true;
                default -> {
                    // formulas, extensions and formatting carry nothing an upload reads
                }
            }
        }

        @Override
        public void characters(char[] chars, int start, int length) {
            if (collecting && !phonetic) {
                if (text.length() + length > values.maxCellChars()) {
                    throw values.tooLong(cellName());
                }
                text.append(chars, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> collecting = false;
                case "is" -> inline = false;
                case "rPh" -> phonetic = false;
                case "c" -> {
                    Object value = values.value(type, style, text.toString(), cellName());
                    if (value != null) {
                        rows.cell(column, value);
                    }
                }
                case "row" -> rows.endRow();
                default -> {
                    // nothing to close
                }
            }
        }

        private String cellName() {
            return ref != null ? ref : CellReference.convertNumToColString(Math.max(column, 0)) + row;
        }

        private static long parseRow(String r) {
            try {
                return Long.parseLong(r.trim());
            } catch (NumberFormatException e) {
                throw unreadable("row number '" + r + "' is not a number");
            }
        }

        /** The column of a cell reference such as {@code AB12}, zero-based. */
        private static int columnOf(String ref, int otherwise) {
            long column = 0;
            int letters = 0;
            for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++, letters++) {
                column = Math.min(Integer.MAX_VALUE, column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1));
            }
            return letters == 0 ? otherwise : (int) (column - 1);
        }
    }
}
