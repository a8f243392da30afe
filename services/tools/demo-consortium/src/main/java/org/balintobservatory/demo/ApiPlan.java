package org.balintobservatory.demo;

import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.PresentedCase;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a consortium into the calls a school makes, in an order every service accepts: the programme
 * before its groups, members before the sessions that record them, each group's sessions and
 * withdrawals by date, and questionnaires after the groups. All ids are client-chosen, so sending the
 * plan again changes nothing.
 *
 * <p>The paths are the public API's; they are all in this class so that a change of the API is one edit.
 */
public final class ApiPlan {

    static final String PROGRAMMES = "/api/v1/programmes";
    static final String GROUPS = "/api/v1/groups";
    static final String SURVEY_RESPONSES = "/api/v1/survey-responses";

    private ApiPlan() {
    }

    /** Every call, grouped by institution (calls of one institution must keep their order). */
    public static Map<String, List<ApiRequest>> byInstitution(Consortium consortium) {
        Map<String, List<ApiRequest>> plan = new LinkedHashMap<>();
        consortium.institutions().forEach(i -> plan.put(i.id(), new ArrayList<>()));
        for (Consortium.Programme p : consortium.programmes()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("programmeId", p.programmeId());
            body.put("name", p.name());
            body.put("participantType", p.participantType().name());
            body.put("arm", p.arm().name());
            body.put("country", p.country());
            body.put("startsOn", p.startsOn().toString());
            body.put("endsOn", p.endsOn() == null ? null : p.endsOn().toString());
            plan.get(p.institutionId()).add(new ApiRequest(p.institutionId(), "POST", PROGRAMMES, body));
        }
        for (Consortium.Group g : consortium.groups()) {
            List<ApiRequest> calls = plan.get(g.institutionId());
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("groupId", g.groupId());
            form.put("programmeId", g.programmeId());
            form.put("design", design(g.design()));
            form.put("formedOn", g.formedOn().toString());
            calls.add(new ApiRequest(g.institutionId(), "POST", GROUPS, form));
            for (Consortium.Member m : g.members()) {
                calls.add(new ApiRequest(g.institutionId(), "PUT", GROUPS + "/" + g.groupId() + "/members/" + m.participantId(),
                        Map.of("enrolledOn", m.enrolledOn().toString())));
            }
            List<Dated> timeline = new ArrayList<>();
            for (Consortium.Session s : g.sessions()) {
                timeline.add(new Dated(s.heldOn(), 0, new ApiRequest(g.institutionId(), "POST",
                        GROUPS + "/" + g.groupId() + "/sessions", session(s))));
            }
            for (Consortium.Member m : g.members()) {
                if (m.withdrewOn() != null) {
                    // A withdrawal on a session day comes after that session, which still lists the member.
                    timeline.add(new Dated(m.withdrewOn(), 1, new ApiRequest(g.institutionId(), "DELETE",
                            GROUPS + "/" + g.groupId() + "/members/" + m.participantId() + "?withdrewOn="
                                    + m.withdrewOn(), null)));
                }
            }
            timeline.sort(Comparator.comparing(Dated::day).thenComparing(Dated::order));
            timeline.forEach(d -> calls.add(d.request()));
        }
        List<Consortium.Response> responses = new ArrayList<>(consortium.responses());
        responses.sort(Comparator.comparing(Consortium.Response::completedOn));
        for (Consortium.Response r : responses) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("responseId", r.responseId());
            body.put("participantId", r.participantId());
            body.put("programmeId", r.programmeId());
            if (r.groupId() != null) {
                body.put("groupId", r.groupId());
            }
            body.put("instrument", r.instrument());
            body.put("timepoint", r.timepoint().name());
            body.put("completedOn", r.completedOn().toString());
            body.put("scores", scores(r));
            plan.get(r.institutionId()).add(new ApiRequest(r.institutionId(), "POST", SURVEY_RESPONSES, body));
        }
        return plan;
    }

    private record Dated(LocalDate day, int order, ApiRequest request) {
    }

    private static Map<String, Object> design(GroupDesign d) {
        Map<String, Object> facilitation = new LinkedHashMap<>();
        facilitation.put("style", d.facilitation().style().name());
        facilitation.put("leaders", d.facilitation().leaders());
        facilitation.put("leaderBackgrounds", d.facilitation().leaderBackgrounds().stream().map(Enum::name).toList());
        facilitation.put("accreditedLeader", d.facilitation().accreditedLeader());
        Map<String, Object> design = new LinkedHashMap<>();
        design.put("plannedSize", d.plannedSize());
        design.put("meetingFrequency", d.meetingFrequency().name());
        design.put("sessionMinutes", d.sessionMinutes());
        design.put("format", d.format().name());
        design.put("facilitation", facilitation);
        return design;
    }

    private static Map<String, Object> session(Consortium.Session s) {
        List<Map<String, Object>> attendance = new ArrayList<>();
        for (AttendanceEntry a : s.attendance()) {
            attendance.add(Map.of("participantId", a.participantId(), "status", a.status().name()));
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        for (PresentedCase c : s.cases()) {
            Map<String, Object> presented = new LinkedHashMap<>();
            presented.put("caseId", c.caseId());
            presented.put("presenterId", c.presenterId());
            presented.put("themes", c.themes().stream().map(Enum::name).toList());
            presented.put("emotionalIntensity", c.emotionalIntensity());
            cases.add(presented);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", s.sessionId());
        body.put("heldOn", s.heldOn().toString());
        body.put("durationMinutes", s.durationMinutes());
        body.put("format", s.format().name());
        body.put("leadersPresent", s.leadersPresent());
        body.put("attendance", attendance);
        body.put("cases", cases);
        return body;
    }

    /** Reported scores: the total alone for the empathy instrument, the subscales for burnout. */
    private static Map<String, Object> scores(Consortium.Response r) {
        Map<String, Object> scores = new LinkedHashMap<>();
        Integer total = r.scores().get("total");
        if (total != null) {
            scores.put("total", total);
        }
        Map<String, Object> subscales = new LinkedHashMap<>();
        r.scores().forEach((scale, score) -> {
            if (!scale.equals("total")) {
                subscales.put(scale, score);
            }
        });
        if (!subscales.isEmpty()) {
            scores.put("subscales", subscales);
        }
        return scores;
    }
}
