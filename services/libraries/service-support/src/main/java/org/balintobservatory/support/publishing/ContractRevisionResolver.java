package org.balintobservatory.support.publishing;

import org.axonframework.serialization.RevisionResolver;
import org.balintobservatory.contract.EventCatalogue;
import org.balintobservatory.contract.EventType;

/**
 * Stores each published event with the revision the event contract gives it, so that upcasters can
 * recognise old revisions in the event store. It replaces {@code @Revision} annotations, which would put
 * a framework type into the contract module.
 */
public class ContractRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        return EventCatalogue.forPayload(payloadType).map(EventType::version).map(String::valueOf).orElse(null);
    }
}
