package org.balintobservatory.contract;

import org.balintobservatory.contract.access.AccessEvents;
import org.balintobservatory.contract.group.GroupEvents;
import org.balintobservatory.contract.survey.SurveyEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every published event type, looked up by payload class or by CloudEvents type. */
public final class EventCatalogue {

    public static final List<EventType> ALL =
            Stream.of(GroupEvents.TYPES, SurveyEvents.TYPES, AccessEvents.TYPES).flatMap(List::stream).toList();

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
