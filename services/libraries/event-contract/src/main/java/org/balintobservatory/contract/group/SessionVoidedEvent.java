package org.balintobservatory.contract.group;

/**
 * A recorded session no longer counts: a consumer undoes everything it had counted for it.
 */
public record SessionVoidedEvent(
        String institutionId,
        String groupId,
        String sessionId,
        VoidReason reason) {
}
