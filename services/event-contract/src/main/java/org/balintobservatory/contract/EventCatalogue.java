package org.balintobservatory.contract;

import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.balintobservatory.contract.group.SessionHeldEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every published event type, looked up by payload class or by CloudEvents type. */
public final class EventCatalogue {

    public static final List<EventType> ALL = List.of(
            new EventType("programme-registered", 1, ProgrammeRegisteredEvent.class, Topics.GROUP_EVENTS),
            new EventType("group-formed", 1, GroupFormedEvent.class, Topics.GROUP_EVENTS),
            new EventType("participant-enrolled", 1, ParticipantEnrolledEvent.class, Topics.GROUP_EVENTS),
            new EventType("session-held", 1, SessionHeldEvent.class, Topics.GROUP_EVENTS),
            new EventType("attendance-recorded", 1, AttendanceRecordedEvent.class, Topics.GROUP_EVENTS));

    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::payload, Function.identity()));
    private static final Map<String, EventType> BY_CLOUD_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::cloudEventType, Function.identity()));

    private EventCatalogue() {
    }

    public static Optional<EventType> forPayload(Class<?> payloadClass) {
        return Optional.ofNullable(BY_CLASS.get(payloadClass));
    }

    public static Optional<EventType> forCloudEventType(String type) {
        return Optional.ofNullable(BY_CLOUD_TYPE.get(type));
    }
}
