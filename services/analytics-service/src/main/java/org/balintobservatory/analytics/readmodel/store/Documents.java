package org.balintobservatory.analytics.readmodel.store;

import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

/**
 * Small conversions shared by the read-model codecs. Dates are stored as ISO strings, so documents stay
 * readable and compare equal across a rebuild; maps keyed by client ids are stored as arrays, because
 * ids may contain dots, which MongoDB field names must not.
 */
public final class Documents {

    private Documents() {
    }

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public static LocalDate date(Document doc, String field) {
        String value = doc.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }

    public static Date instant(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Document doc, String field) {
        Date value = doc.getDate(field);
        return value == null ? null : value.toInstant();
    }

    public static long longValue(Document doc, String field, long otherwise) {
        Object value = doc.get(field);
        return value == null ? otherwise : ((Number) value).longValue();
    }

    public static double doubleValue(Document doc, String field) {
        return ((Number) doc.get(field)).doubleValue();
    }

    public static Integer integer(Document doc, String field) {
        Object value = doc.get(field);
        return value == null ? null : ((Number) value).intValue();
    }

    public static List<Document> list(Document doc, String field) {
        return doc.getList(field, Document.class, List.of());
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, Document doc, String field) {
        String value = doc.getString(field);
        return value == null ? null : Enum.valueOf(type, value);
    }
}
