package org.balintobservatory.group.group;

import org.axonframework.eventhandling.DomainEventMessage;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionHeldEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A group as its own school sees it, folded from the group's event stream: the state is the history,
 * so it is always exactly what was accepted.
 */
public record GroupView(
        String groupId,
        String programmeId,
        GroupDesign design,
        LocalDate formedOn,
        List<Member> members,
        List<Session> sessions) {

    public record Member(String participantId, LocalDate enrolledOn) {
    }

    public record Session(String sessionId, LocalDate heldOn, int durationMinutes, SessionFormat format,
                          int leadersPresent, Map<String, AttendanceStatus> attendance) {
    }

    static GroupView fold(Stream<? extends DomainEventMessage<?>> events) {
        GroupFormedEvent[] formed = new GroupFormedEvent[1];
        List<Member> members = new ArrayList<>();
        Map<String, Session> sessions = new LinkedHashMap<>();
        events.map(DomainEventMessage::getPayload).forEach(payload -> {
            if (payload instanceof GroupFormedEvent e) {
                formed[0] = e;
            } else if (payload instanceof ParticipantEnrolledEvent e) {
                members.add(new Member(e.participantId(), e.enrolledOn()));
            } else if (payload instanceof SessionHeldEvent e) {
                sessions.put(e.sessionId(), new Session(e.sessionId(), e.heldOn(), e.durationMinutes(), e.format(),
                        e.leadersPresent(), new LinkedHashMap<>()));
            } else if (payload instanceof AttendanceRecordedEvent e) {
                sessions.get(e.sessionId()).attendance().put(e.participantId(), e.status());
            }
        });
        if (formed[0] == null) {
            return null;
        }
        GroupFormedEvent f = formed[0];
        return new GroupView(f.groupId(), f.programmeId(), f.design(), f.formedOn(), List.copyOf(members),
                List.copyOf(sessions.values()));
    }
}
