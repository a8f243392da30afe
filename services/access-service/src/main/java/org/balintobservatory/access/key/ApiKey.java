package org.balintobservatory.access.key;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.access.ApiKeyRevokedEvent;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.support.domain.RuleViolationException;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An API key. It holds the hash of the secret, never the secret.
 *
 * <p>Policies: <em>school-key-has-institution</em> (a SCHOOL key belongs to exactly one institution);
 * <em>aggregate-key-has-none</em> (RESEARCHER and ADMIN keys belong to none, so no institution's rules
 * can be applied to them by mistake); <em>revocation-is-final</em> (revoking a revoked key changes nothing,
 * and nothing brings a key back; a replacement is a new key). That the institution is registered is checked
 * by {@link KeyCommands} before the command is sent, against the institution registry.
 */
@Aggregate
public class ApiKey {

    @AggregateIdentifier
    private String aggregateId;
    private boolean revoked;

    protected ApiKey() {
    }

    /** Institutions and keys share one event store, so each aggregate id names its type. */
    public static String aggregateId(String keyId) {
        return "key/" + keyId;
    }

    @CommandHandler
    ApiKey(IssueApiKeyCommand command) {
        if (command.role() == KeyRole.SCHOOL && command.institutionId() == null) {
            throw new RuleViolationException("institutionId", "school-key-has-institution",
                    "a SCHOOL key must name the institution it belongs to");
        }
        if (command.role() != KeyRole.SCHOOL && command.institutionId() != null) {
            throw new RuleViolationException("institutionId", "aggregate-key-has-none",
                    "a " + command.role() + " key belongs to no institution; leave institutionId out");
        }
        apply(new ApiKeyIssuedEvent(command.keyId(), command.sha256(), command.role(), command.institutionId(),
                command.label(), command.issuedBy()));
    }

    @CommandHandler
    void handle(RevokeApiKeyCommand command) {
        if (revoked) {
            return;
        }
        apply(new ApiKeyRevokedEvent(command.keyId(), command.reason(), command.revokedBy()));
    }

    @EventSourcingHandler
    void on(ApiKeyIssuedEvent event) {
        this.aggregateId = aggregateId(event.keyId());
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        this.revoked = true;
    }
}
