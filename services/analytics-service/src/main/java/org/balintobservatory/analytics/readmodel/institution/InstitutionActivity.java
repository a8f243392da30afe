package org.balintobservatory.analytics.readmodel.institution;

import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.bson.Document;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.balintobservatory.analytics.readmodel.store.Documents.list;

/**
 * Each of an institution's groups' sessions and attendance by month: the parts its
 * {@link InstitutionTotals} add up. A group's entry is overwritten from its summary after each change,
 * so the totals never depend on counting an event once; only the projection reads this document.
 */
public final class InstitutionActivity {

    final String institutionId;
    final Map<String, List<MonthlyAttendance>> groups = new TreeMap<>();

    public InstitutionActivity(String institutionId) {
        this.institutionId = institutionId;
    }

    /** A group's sessions and attendance by month, earliest first. */
    public static List<MonthlyAttendance> of(GroupSummary group) {
        TreeMap<YearMonth, MonthlyAttendance> months = new TreeMap<>();
        for (GroupSummary.DayAttendance day : group.attendanceByDay()) {
            YearMonth month = YearMonth.from(day.heldOn());
            months.merge(month, new MonthlyAttendance(month.toString(), day.sessions(), day.present(), day.records()),
                    MonthlyAttendance::plus);
        }
        return List.copyOf(months.values());
    }

    /** @return whether it changed anything */
    public boolean put(String groupId, List<MonthlyAttendance> months) {
        return !Objects.equals(groups.put(groupId, List.copyOf(months)), months);
    }

    /** Every group's months added up, earliest first. */
    public List<MonthlyAttendance> total() {
        TreeMap<String, MonthlyAttendance> total = new TreeMap<>();
        groups.values().forEach(months -> months.forEach(m -> total.merge(m.month(), m, MonthlyAttendance::plus)));
        return List.copyOf(total.values());
    }

    public Document toDocument() {
        List<Document> g = new ArrayList<>(groups.size());
        groups.forEach((groupId, months) -> g.add(new Document("groupId", groupId)
                .append("months", months.stream().map(MonthlyAttendance::toDocument).toList())));
        return new Document("_id", institutionId).append("groups", g);
    }

    public static InstitutionActivity fromDocument(Document doc) {
        InstitutionActivity activity = new InstitutionActivity(doc.getString("_id"));
        list(doc, "groups").forEach(g -> activity.groups.put(g.getString("groupId"),
                list(g, "months").stream().map(MonthlyAttendance::fromDocument).toList()));
        return activity;
    }
}
