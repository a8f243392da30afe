package org.balintobservatory.demo;

import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.survey.Timepoint;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A generated consortium: everything the schools will send, as plain values. Nothing here knows about
 * HTTP; {@link ApiPlan} turns it into requests.
 */
public record Consortium(long seed, List<Institution> institutions, List<Programme> programmes, List<Group> groups,
                         List<Response> responses) {

    public record Institution(String id, String name, String country) {
    }

    public record Programme(String institutionId, String programmeId, String name, ParticipantType participantType,
                            Arm arm, String country, LocalDate startsOn, LocalDate endsOn, List<String> participants) {
    }

    public record Group(String institutionId, String groupId, String programmeId, GroupDesign design,
                        LocalDate formedOn, List<Member> members, List<Session> sessions) {
    }

    /** @param withdrewOn {@code null} for a member who stayed to the end */
    public record Member(String participantId, LocalDate enrolledOn, LocalDate withdrewOn) {
    }

    public record Session(String sessionId, LocalDate heldOn, int durationMinutes, SessionFormat format,
                          int leadersPresent, List<AttendanceEntry> attendance, List<PresentedCase> cases) {
    }

    /**
     * A completed questionnaire, reported as scale scores.
     *
     * @param groupId {@code null} for a control participant
     * @param scores  by scale id: {@code total} for the empathy instrument, the three subscales for burnout
     */
    public record Response(String institutionId, String responseId, String participantId, String programmeId,
                           String groupId, String instrument, Timepoint timepoint, LocalDate completedOn,
                           Map<String, Integer> scores) {
    }

    /** How many events the services will publish for it: the size of a load. */
    public long eventCount() {
        long events = programmes.size() + responses.size();
        for (Group g : groups) {
            events += 1 + g.members().size() + g.members().stream().filter(m -> m.withdrewOn() != null).count();
            for (Session s : g.sessions()) {
                events += 1 + s.attendance().size() + s.cases().size();
            }
        }
        return events;
    }
}
