package org.balintobservatory.analytics.readmodel;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CasePresentedEvent;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.Facilitation;
import org.balintobservatory.contract.group.FacilitationStyle;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.LeaderBackground;
import org.balintobservatory.contract.group.MeetingFrequency;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.ScoringMethod;
import org.balintobservatory.contract.survey.SurveyCompletedEvent;
import org.balintobservatory.contract.survey.SurveyCorrectedEvent;
import org.balintobservatory.contract.survey.SurveyRetractedEvent;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds event streams as the services publish them: each event wrapped with its aggregate id and the
 * next sequence number of that aggregate.
 */
public final class EventStream {

    public static final String SCHOOL = "school-a";
    public static final LocalDate START = LocalDate.of(2026, 9, 1);
    public static final GroupDesign DESIGN = new GroupDesign(8, MeetingFrequency.WEEKLY, 90, SessionFormat.IN_PERSON,
            new Facilitation(FacilitationStyle.CLASSIC_BALINT, 2, List.of(LeaderBackground.GP, LeaderBackground.PSYCHIATRIST), true));

    private final Map<String, Long> sequences = new HashMap<>();
    private final List<ConsumedEvent> events = new ArrayList<>();
    private final String institution;

    public EventStream(String institution) {
        this.institution = institution;
    }

    public ConsumedEvent add(String localAggregateId, Object payload) {
        String aggregateId = institution + "/" + localAggregateId;
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        ConsumedEvent event = new ConsumedEvent(UUID.nameUUIDFromBytes((aggregateId + sequence).getBytes()).toString(),
                aggregateId, sequence, Instant.parse("2026-09-01T10:00:00Z").plusSeconds(events.size()), payload);
        events.add(event);
        return event;
    }

    public String institution() {
        return institution;
    }

    public List<ConsumedEvent> events() {
        return List.copyOf(events);
    }

    public List<ConsumedEvent> drain() {
        List<ConsumedEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    public EventStream programme(String programmeId, Arm arm) {
        return programme(programmeId, arm, START);
    }

    /** A programme that started on the given day. */
    public EventStream programme(String programmeId, Arm arm, LocalDate startsOn) {
        add(programmeId, new ProgrammeRegisteredEvent(institution, programmeId, "Balint year", ParticipantType.RESIDENT,
                arm, "HU", startsOn, null));
        return this;
    }

    public EventStream group(String groupId, String programmeId, String... members) {
        add(groupId, new GroupFormedEvent(institution, groupId, programmeId, DESIGN, START));
        return enrol(groupId, members);
    }

    /** A participant enrolled on the given day, which may be before sessions already recorded (late data entry). */
    public EventStream enrolOn(String groupId, String member, LocalDate enrolledOn) {
        add(groupId, new ParticipantEnrolledEvent(institution, groupId, member, enrolledOn));
        return this;
    }

        /** Participants who join a group. */
    public EventStream enrol(String groupId, String... members) {
        for (String member : members) {
            add(groupId, new ParticipantEnrolledEvent(institution, groupId, member, START));
        }
        return this;
    }

    /** A session with its attendance (members listed present, the others of {@code roster} absent) and one case. */
    public EventStream session(String groupId, String sessionId, LocalDate heldOn, List<String> roster,
                               List<String> present, CaseTheme... themes) {
        int cases = themes.length == 0 ? 0 : 1;
        add(groupId, new SessionHeldEvent(institution, groupId, sessionId, heldOn, 90, SessionFormat.IN_PERSON, 2,
                roster.size(), cases));
        for (String member : roster) {
            add(groupId, new AttendanceRecordedEvent(institution, groupId, sessionId, heldOn, member,
                    present.contains(member) ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT));
        }
        if (cases == 1) {
            add(groupId, new CasePresentedEvent(institution, groupId, sessionId, heldOn, sessionId + "-case",
                    present.get(0), List.of(themes), 3));
        }
        return this;
    }

    public EventStream survey(String responseId, String participant, String programmeId, String groupId,
                              Timepoint timepoint, double total) {
        return survey(responseId, participant, programmeId, groupId, timepoint, total,
                START.plusMonths(timepoint == Timepoint.BASELINE ? 0 : 10));
    }

    /** A response completed on the given day. */
    public EventStream survey(String responseId, String participant, String programmeId, String groupId,
                              Timepoint timepoint, double total, LocalDate completedOn) {
        return survey(responseId, participant, programmeId, groupId, "jse-style", timepoint, total, completedOn);
    }

    /** A response to another instrument, completed on the given day. */
    public EventStream survey(String responseId, String participant, String programmeId, String groupId,
                              String instrument, Timepoint timepoint, double total, LocalDate completedOn) {
        add(responseId, new SurveyCompletedEvent(institution, responseId, participant, programmeId, groupId,
                instrument, 1, timepoint, completedOn, null,
                List.of(new ScaleScore("total", total, ScaleDirection.HIGHER_IS_BETTER, null, false)),
                ScoringMethod.REPORTED_SCORES, false));
        return this;
    }

    public EventStream correctSurvey(String responseId, String participant, String programmeId, String groupId,
                                     Timepoint timepoint, double total) {
        add(responseId, new SurveyCorrectedEvent(institution, responseId, responseId + "-fix", participant,
                programmeId, groupId, "jse-style", 1, timepoint,
                START.plusMonths(timepoint == Timepoint.BASELINE ? 0 : 10), null,
                List.of(new ScaleScore("total", total, ScaleDirection.HIGHER_IS_BETTER, null, false)),
                ScoringMethod.REPORTED_SCORES, false));
        return this;
    }

    public EventStream retract(String responseId, String participant, Timepoint timepoint, RetractionReason reason) {
        add(responseId, new SurveyRetractedEvent(institution, responseId, participant, "jse-style", timepoint, reason));
        return this;
    }
}
