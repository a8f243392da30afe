package org.balintobservatory.access.key;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeApiKeyCommand(
        @TargetAggregateIdentifier String aggregateId,
        String keyId,
        String reason,
        String revokedBy) {

    public RevokeApiKeyCommand(String keyId, String reason, String revokedBy) {
        this(ApiKey.aggregateId(keyId), keyId, reason, revokedBy);
    }
}
