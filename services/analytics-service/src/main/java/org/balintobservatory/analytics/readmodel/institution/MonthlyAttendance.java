package org.balintobservatory.analytics.readmodel.institution;

import org.bson.Document;

/**
 * Sessions held in one calendar month and the attendance they recorded.
 *
 * @param month   {@code yyyy-MM}
 * @param present attendance records with status PRESENT
 * @param records all attendance records
 */
public record MonthlyAttendance(String month, int sessions, int present, int records) {

    /** The two months added up; the month is this one's. */
    public MonthlyAttendance plus(MonthlyAttendance other) {
        return new MonthlyAttendance(month, sessions + other.sessions, present + other.present,
                records + other.records);
    }

    Document toDocument() {
        return new Document("month", month).append("sessions", sessions).append("present", present)
                .append("records", records);
    }

    static MonthlyAttendance fromDocument(Document doc) {
        return new MonthlyAttendance(doc.getString("month"), doc.getInteger("sessions", 0),
                doc.getInteger("present", 0), doc.getInteger("records", 0));
    }
}
