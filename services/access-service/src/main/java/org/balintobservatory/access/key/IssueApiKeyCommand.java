package org.balintobservatory.access.key;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.access.KeyRole;

/** Issues a key whose secret the caller generated; only its hash reaches the aggregate. */
public record IssueApiKeyCommand(
        @TargetAggregateIdentifier String aggregateId,
        String keyId,
        String sha256,
        KeyRole role,
        String institutionId,
        String label,
        String issuedBy) {

    public IssueApiKeyCommand(String keyId, String sha256, KeyRole role, String institutionId, String label,
                              String issuedBy) {
        this(ApiKey.aggregateId(keyId), keyId, sha256, role, institutionId, label, issuedBy);
    }
}
