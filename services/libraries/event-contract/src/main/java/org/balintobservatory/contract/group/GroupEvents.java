package org.balintobservatory.contract.group;

import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topics;

import java.util.List;

/**
 * The event types of the group service, all on {@link Topics#GROUP_EVENTS}.
 *
 * <p>Revision 2 of the events that name participants (participant-enrolled, participant-withdrew,
 * attendance-recorded, case-presented, session-corrected): {@code participantId} and {@code presenterId} are
 * the keyed pseudonym the service computed from the school's id ({@code px-} and 32 letters), no longer the id
 * as the school sent it. The payloads' shape is unchanged; there is no upcaster, because turning a revision-1
 * id into its pseudonym needs the secret that only the services hold, and no revision-1 event exists outside
 * development stores (docs/events.md).
 */
public final class GroupEvents {

    public static final List<EventType> TYPES = List.of(
            new EventType("programme-registered", 1, ProgrammeRegisteredEvent.class, Topics.GROUP_EVENTS),
            new EventType("group-formed", 1, GroupFormedEvent.class, Topics.GROUP_EVENTS),
            new EventType("group-design-changed", 1, GroupDesignChangedEvent.class, Topics.GROUP_EVENTS),
            new EventType("participant-enrolled", 2, ParticipantEnrolledEvent.class, Topics.GROUP_EVENTS),
            new EventType("participant-withdrew", 2, ParticipantWithdrewEvent.class, Topics.GROUP_EVENTS),
            new EventType("session-held", 1, SessionHeldEvent.class, Topics.GROUP_EVENTS),
            new EventType("attendance-recorded", 2, AttendanceRecordedEvent.class, Topics.GROUP_EVENTS),
            new EventType("case-presented", 2, CasePresentedEvent.class, Topics.GROUP_EVENTS),
            new EventType("session-corrected", 2, SessionCorrectedEvent.class, Topics.GROUP_EVENTS),
            new EventType("session-voided", 1, SessionVoidedEvent.class, Topics.GROUP_EVENTS));

    private GroupEvents() {
    }
}
