package org.balintobservatory.support.upload;

import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A workbook's shared-strings table ({@code xl/sharedStrings.xml}), read with SAX into plain strings and held
 * to the limits as it is read: no more strings than the file may have non-blank cells, none longer than a
 * cell may be (a string is kept only up to one character past that, so that a cell using it is refused as too
 * long), phonetic guides left out as Excel leaves them out of a cell's text. POI's
 * {@code ReadOnlySharedStringsTable} holds the same strings but hands each out as a new rich-text object, which
 * costs more than the string for every cell read.
 */
final class SharedStrings extends DefaultHandler {

    private final SheetLimits limits;
    private final List<String> strings = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private boolean inString;
    private boolean inText;
    private boolean phonetic;

    private SharedStrings(SheetLimits limits) {
        this.limits = limits;
    }

    /** The table read from its part's XML; an absent part is an empty table. */
    static SharedStrings read(InputStream xml, SheetLimits limits)
            throws IOException, SAXException, ParserConfigurationException {
        SharedStrings table = new SharedStrings(limits);
        if (xml != null) {
            XMLReader reader = XMLHelper.newXMLReader();
            reader.setContentHandler(table);
            reader.parse(new InputSource(xml));
        }
        return table;
    }

    /** The string at an index, or null when the table has none there. */
    String get(int index) {
        return index >= 0 && index < strings.size() ? strings.get(index) : null;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "si" -> {
                inString = true;
                text.setLength(0);
            }
            case "t" -> inText = inString;
            case "rPh" -> phonetic = true;
            default -> {
                // runs and their formatting carry nothing an upload reads
            }
        }
    }

    @Override
    public void characters(char[] chars, int start, int length) {
        if (inText && !phonetic && text.length() <= limits.maxCellChars()) {
            text.append(chars, start, Math.min(length, limits.maxCellChars() + 1 - text.length()));
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "si" -> {
                inString = false;
                if (strings.size() >= limits.maxCells()) {
                    throw SheetLimits.exceeded("xl/sharedStrings.xml", "max-cells", "the shared-strings table has "
                            + "more than " + limits.maxCells() + " strings");
                }
                strings.add(text.toString());
            }
            case "t" -> inText = false;
            case "rPh" -> phonetic = false;
            default -> {
                // nothing to close
            }
        }
    }
}
