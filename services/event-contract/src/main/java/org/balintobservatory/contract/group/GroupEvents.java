package org.balintobservatory.contract.group;

import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topics;

import java.util.List;

/** The event types of the group service, all on {@link Topics#GROUP_EVENTS}. */
public final class GroupEvents {

    public static final List<EventType> TYPES = List.of(
            new EventType("programme-registered", 1, ProgrammeRegisteredEvent.class, Topics.GROUP_EVENTS),
            new EventType("group-formed", 1, GroupFormedEvent.class, Topics.GROUP_EVENTS),
            new EventType("group-design-changed", 1, GroupDesignChangedEvent.class, Topics.GROUP_EVENTS),
            new EventType("participant-enrolled", 1, ParticipantEnrolledEvent.class, Topics.GROUP_EVENTS),
            new EventType("participant-withdrew", 1, ParticipantWithdrewEvent.class, Topics.GROUP_EVENTS),
            new EventType("session-held", 1, SessionHeldEvent.class, Topics.GROUP_EVENTS),
            new EventType("attendance-recorded", 1, AttendanceRecordedEvent.class, Topics.GROUP_EVENTS),
            new EventType("case-presented", 1, CasePresentedEvent.class, Topics.GROUP_EVENTS),
            new EventType("session-corrected", 1, SessionCorrectedEvent.class, Topics.GROUP_EVENTS),
            new EventType("session-voided", 1, SessionVoidedEvent.class, Topics.GROUP_EVENTS));

    private GroupEvents() {
    }
}
