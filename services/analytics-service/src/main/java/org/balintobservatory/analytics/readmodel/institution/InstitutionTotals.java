package org.balintobservatory.analytics.readmodel.institution;

import org.balintobservatory.contract.survey.Timepoint;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.balintobservatory.analytics.readmodel.store.Documents.list;

/**
 * One institution's counters, what the overview and a school's summary read: a few hundred bytes per
 * institution however many events it sent.
 *
 * <p>Every field is recomputed from a document the projection keeps whole, never incremented: counts,
 * countries and the sums behind the consortium means from the {@link InstitutionProfile}, attendance by
 * month from the {@link InstitutionActivity}, participants from the {@link ParticipantDirectory}; the
 * scales with paired scores and the questionnaire versions seen only ever grow. So applying a batch twice leaves the same totals.
 */
public final class InstitutionTotals {

    /**
     * A sum of per-group values and how many groups had one, so that means over any set of institutions
     * are Σsum / Σcount, the mean over their groups.
     */
    public record Sum(double sum, int count) {

        public static final Sum EMPTY = new Sum(0, 0);

        public Sum plus(Sum other) {
            return new Sum(sum + other.sum, count + other.count);
        }

        /** The mean, {@code null} without values. */
        public Double mean() {
            return count == 0 ? null : sum / count;
        }

        Document toDocument() {
            return new Document("sum", sum).append("count", count);
        }

        static Sum fromDocument(Document doc) {
            return doc == null ? EMPTY : new Sum(((Number) doc.get("sum")).doubleValue(), doc.getInteger("count", 0));
        }
    }

    /** A scale with paired group-level scores between two timepoints, with the scale's direction. */
    public record Table(String instrumentId, String scale, Timepoint from, Timepoint to, String direction) {

        String key() {
            return instrumentId + "|" + scale + "|" + from + ">" + to;
        }
    }

    final String institutionId;
    int programmes;
    int groups;
    int sessions;
    int present;
    int attendanceRecords;
    int participants;
    final Set<String> countries = new TreeSet<>();
    List<MonthlyAttendance> months = List.of();
    final Map<String, Table> tables = new TreeMap<>();
    final Set<String> instrumentVersions = new TreeSet<>();
    Sum meanAttendance = Sum.EMPTY;
    Sum attendanceRate = Sum.EMPTY;
    Sum sessionsPerMonth = Sum.EMPTY;

    public InstitutionTotals(String institutionId) {
        this.institutionId = institutionId;
    }

    /** Takes every figure the profile determines. */
    public void profile(InstitutionProfile profile) {
        programmes = profile.programmes.size();
        groups = profile.groups.size();
        sessions = profile.groups.values().stream().mapToInt(GroupProfile::sessionsHeld).sum();
        present = profile.groups.values().stream().mapToInt(GroupProfile::present).sum();
        attendanceRecords = profile.groups.values().stream().mapToInt(GroupProfile::attendanceRecords).sum();
        countries.clear();
        profile.programmes.values().stream().map(ProgrammeProfile::country).filter(Objects::nonNull)
                .forEach(countries::add);
        meanAttendance = sum(profile, GroupProfile::meanAttendance);
        attendanceRate = sum(profile, GroupProfile::attendanceRate);
        sessionsPerMonth = sum(profile, GroupProfile::sessionsPerMonth);
    }

    public void activity(InstitutionActivity activity) {
        months = activity.total();
    }

    public void directory(ParticipantDirectory directory) {
        participants = directory.size();
    }

    public void table(Table table) {
        tables.put(table.key(), table);
    }

    /** Notes that a score of the institution was computed with {@code instrument@version}. */
    public void instrumentVersion(String instrumentVersion) {
        instrumentVersions.add(instrumentVersion);
    }

    /** Every {@code instrument@version} the institution's current scores were computed with, as seen so far. */
    public Set<String> instrumentVersions() {
        return Collections.unmodifiableSet(instrumentVersions);
    }

    private static Sum sum(InstitutionProfile profile, Function<GroupProfile, Double> field) {
        double sum = 0;
        int count = 0;
        for (GroupProfile g : profile.groups.values()) {
            Double value = field.apply(g);
            if (value != null) {
                sum += value;
                count++;
            }
        }
        return new Sum(sum, count);
    }

    public String institutionId() {
        return institutionId;
    }

    /** Whether the institution has registered a programme or formed a group. */
    public boolean active() {
        return programmes > 0 || groups > 0;
    }

    public int programmes() {
        return programmes;
    }

    public int groups() {
        return groups;
    }

    public int sessions() {
        return sessions;
    }

    public int present() {
        return present;
    }

    public int attendanceRecords() {
        return attendanceRecords;
    }

    public int participants() {
        return participants;
    }

    public Set<String> countries() {
        return Collections.unmodifiableSet(countries);
    }

    public List<MonthlyAttendance> months() {
        return months;
    }

    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    public Sum meanAttendance() {
        return meanAttendance;
    }

    public Sum attendanceRate() {
        return attendanceRate;
    }

    public Sum sessionsPerMonth() {
        return sessionsPerMonth;
    }

    public Document toDocument() {
        List<Document> t = new ArrayList<>(tables.size());
        tables.values().forEach(table -> t.add(new Document("instrumentId", table.instrumentId())
                .append("scale", table.scale()).append("from", table.from().name()).append("to", table.to().name())
                .append("direction", table.direction())));
        return new Document("_id", institutionId)
                .append("institutionId", institutionId)
                .append("programmes", programmes)
                .append("groups", groups)
                .append("sessions", sessions)
                .append("present", present)
                .append("attendanceRecords", attendanceRecords)
                .append("participants", participants)
                .append("countries", List.copyOf(countries))
                .append("months", months.stream().map(MonthlyAttendance::toDocument).toList())
                .append("tables", t)
                .append("instrumentVersions", List.copyOf(instrumentVersions))
                .append("meanAttendance", meanAttendance.toDocument())
                .append("attendanceRate", attendanceRate.toDocument())
                .append("sessionsPerMonth", sessionsPerMonth.toDocument());
    }

    public static InstitutionTotals fromDocument(Document doc) {
        InstitutionTotals totals = new InstitutionTotals(doc.getString("_id"));
        totals.programmes = doc.getInteger("programmes", 0);
        totals.groups = doc.getInteger("groups", 0);
        totals.sessions = doc.getInteger("sessions", 0);
        totals.present = doc.getInteger("present", 0);
        totals.attendanceRecords = doc.getInteger("attendanceRecords", 0);
        totals.participants = doc.getInteger("participants", 0);
        totals.countries.addAll(doc.getList("countries", String.class, List.of()));
        totals.months = list(doc, "months").stream().map(MonthlyAttendance::fromDocument).toList();
        list(doc, "tables").forEach(t -> totals.table(new Table(t.getString("instrumentId"), t.getString("scale"),
                Timepoint.valueOf(t.getString("from")), Timepoint.valueOf(t.getString("to")), t.getString("direction"))));
        totals.instrumentVersions.addAll(doc.getList("instrumentVersions", String.class, List.of()));
        totals.meanAttendance = Sum.fromDocument(doc.get("meanAttendance", Document.class));
        totals.attendanceRate = Sum.fromDocument(doc.get("attendanceRate", Document.class));
        totals.sessionsPerMonth = Sum.fromDocument(doc.get("sessionsPerMonth", Document.class));
        return totals;
    }
}
