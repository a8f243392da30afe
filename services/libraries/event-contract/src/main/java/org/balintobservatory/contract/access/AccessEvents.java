package org.balintobservatory.contract.access;

import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topics;

import java.util.List;

/**
 * The event types of the access service on {@link Topics#ACCESS_EVENTS}, and the usage reports every
 * service sends on {@link Topics#KEY_USAGE}.
 */
public final class AccessEvents {

    public static final List<EventType> TYPES = List.of(
            new EventType("institution-registered", 1, InstitutionRegisteredEvent.class, Topics.ACCESS_EVENTS),
            new EventType("institution-details-changed", 1, InstitutionDetailsChangedEvent.class,
                    Topics.ACCESS_EVENTS),
            new EventType("api-key-issued", 1, ApiKeyIssuedEvent.class, Topics.ACCESS_EVENTS),
            new EventType("api-key-revoked", 1, ApiKeyRevokedEvent.class, Topics.ACCESS_EVENTS),
            new EventType("api-key-used", 1, ApiKeyUsedEvent.class, Topics.KEY_USAGE));

    private AccessEvents() {
    }
}
