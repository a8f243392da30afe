package org.balintobservatory.analytics.overview;

import com.mongodb.client.model.Filters;
import org.balintobservatory.analytics.group.GroupSummary;
import org.balintobservatory.analytics.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.analytics.readmodel.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.ReadModel;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The consortium overview: how many institutions, groups, sessions and participants, attendance month by
 * month, and which scales and timepoints have paired scores. A school sees its own institution only.
 */
@RestController
@RequestMapping("/api/v1/analytics/overview")
public class OverviewController {

    private final Generations generations;
    private final LogPosition position;

    public OverviewController(Generations generations, LogPosition position) {
        this.generations = generations;
        this.position = position;
    }

    @Allowed({Role.RESEARCHER, Role.ADMIN, Role.SCHOOL})
    @GetMapping
    Map<String, Object> overview(Caller caller) {
        Map<String, Long> at = position.snapshot();
        MongoReadModelStore store = generations.activeStore();
        Bson scope = caller.role() == Role.SCHOOL ? Filters.eq("institutionId", caller.requireInstitution())
                : Filters.empty();

        List<GroupSummary> groups = store.find(ReadModel.GROUPS, scope).stream()
                .map(GroupSummaryDocuments::fromDocument).toList();
        TreeSet<String> institutions = new TreeSet<>();
        TreeMap<YearMonth, int[]> byMonth = new TreeMap<>();
        int sessions = 0;
        for (GroupSummary group : groups) {
            institutions.add(group.institutionId());
            for (GroupSummary.SessionAttendance s : group.sessionAttendance()) {
                int[] month = byMonth.computeIfAbsent(YearMonth.from(s.heldOn()), m -> new int[3]);
                month[0]++;
                month[1] += s.present();
                month[2] += s.records();
                sessions++;
            }
        }
        TreeSet<String> countries = new TreeSet<>();
        store.find(ReadModel.PROGRAMMES, scope).forEach(p -> {
            if (p.getString("country") != null) {
                countries.add(p.getString("country"));
            }
            if (p.getString("institutionId") != null) {
                institutions.add(p.getString("institutionId"));
            }
        });
        int participants = store.find(ReadModel.PARTICIPANTS, scope).size();

        Map<String, Map<String, Object>> scales = new TreeMap<>();
        TreeSet<Timepoint> timepoints = new TreeSet<>();
        for (Document unit : store.find(ReadModel.UNITS, Filters.and(scope, Filters.eq("level", "group")))) {
            String key = unit.getString("instrumentId") + "|" + unit.getString("scale");
            Map<String, Object> scale = new LinkedHashMap<>();
            scale.put("instrument", unit.getString("instrumentId"));
            scale.put("scale", unit.getString("scale"));
            scale.put("direction", unit.getString("direction"));
            scales.putIfAbsent(key, scale);
            timepoints.add(Timepoint.valueOf(unit.getString("from")));
            timepoints.add(Timepoint.valueOf(unit.getString("to")));
        }

        List<Map<String, Object>> months = new ArrayList<>();
        byMonth.forEach((month, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", month.toString());
            row.put("sessions", counts[0]);
            row.put("present", counts[1]);
            row.put("records", counts[2]);
            months.add(row);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("institutions", institutions.size());
        answer.put("groups", groups.size());
        answer.put("sessions", sessions);
        answer.put("participants", participants);
        answer.put("countries", List.copyOf(countries));
        answer.put("attendanceByMonth", months);
        answer.put("scales", List.copyOf(scales.values()));
        answer.put("timepoints", List.copyOf(timepoints));
        answer.put("logPosition", at);
        answer.put("generation", store.generation());
        return answer;
    }
}
