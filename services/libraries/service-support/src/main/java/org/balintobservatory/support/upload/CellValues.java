package org.balintobservatory.support.upload;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.support.web.TooLargeException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cell of an {@code .xlsx} sheet as a plain value, from its type ({@code t}), style ({@code s}) and text as
 * the sheet's XML has them: text (a shared string, an inline string, a formula's text), a whole or decimal
 * number, a date (a number in a date format, whatever the format), a truth value; blank and error cells are
 * null.
 */
final class CellValues {

    private final StylesTable styles;
    private final SharedStrings strings;
    private final SheetLimits limits;
    /** Whether each style used formats dates; a sheet uses a handful of styles, each looked up once. */
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();

    CellValues(StylesTable styles, SharedStrings strings, SheetLimits limits) {
        this.styles = styles;
        this.strings = strings;
        this.limits = limits;
    }

    int maxCellChars() {
        return limits.maxCellChars();
    }

    TooLargeException tooLong(String where) {
        return limits.cellTooLong(where);
    }

    Object value(String type, String style, String raw, String where) {
        switch (type == null ? "n" : type) {
            case "s" -> {
                return text(sharedString(raw, where), where);
            }
            case "inlineStr", "str" -> {
                return text(raw, where);
            }
            case "b" -> {
                return raw.isBlank() ? null : (Object) (raw.trim().equals("1") || raw.trim().equalsIgnoreCase("true"));
            }
            case "n" -> {
                return number(style, raw.trim(), where);
            }
            default -> {
                // "e" (an error such as #DIV/0!) has no value; "d" (an ISO date as text) is read as written
                return type.equals("d") ? text(raw, where) : null;
            }
        }
    }

    private Object number(String style, String raw, String where) {
        if (raw.isEmpty()) {
            return null;
        }
        double number;
        try {
            number = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(List.of(new FieldError(where, "unreadable-sheet",
                    "cell " + where + " is a number cell holding '" + raw + "'")));
        }
        if (isDateStyle(style) && DateUtil.isValidExcelDate(number)) {
            return DateUtil.getLocalDateTime(number).toLocalDate();
        }
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : (Object) number;
    }

    private String sharedString(String raw, String where) {
        String string = null;
        try {
            string = strings.get(Integer.parseInt(raw.trim()));
        } catch (NumberFormatException e) {
            // refused below, as any index the table does not have
        }
        if (string == null) {
            throw new InvalidRequestException(List.of(new FieldError(where, "unreadable-sheet",
                    "cell " + where + " refers to shared string '" + raw + "', which the workbook does not have")));
        }
        return string;
    }

    private String text(String raw, String where) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        if (text.length() > limits.maxCellChars()) {
            throw tooLong(where);
        }
        return text.isEmpty() ? null : text;
    }

    private boolean isDateStyle(String style) {
        if (styles == null) {
            return false;
        }
        int index;
        try {
            index = style == null ? 0 : Integer.parseInt(style.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (index < 0 || index >= styles.getNumCellStyles()) {
            return false;
        }
        return dateStyles.computeIfAbsent(index, i -> {
            XSSFCellStyle cellStyle = styles.getStyleAt(i);
            return cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(),
                    cellStyle.getDataFormatString());
        });
    }
}
