package org.balintobservatory.survey.consent;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One participant's consent in one institution, under their pseudonym.
 *
 * <p>Policies:
 * <ul>
 *   <li><em>withdraw-once</em>: withdrawing a withdrawn consent changes nothing;</li>
 *   <li><em>renew-after-withdrawal</em>: only a withdrawn consent is renewed; renewing a consent that stands
 *       changes nothing.</li>
 * </ul>
 * Each event also updates the {@link ConsentRegister} that submissions consult ({@code consent-withdrawn}).
 */
@Aggregate
public class ParticipantConsent {

    @AggregateIdentifier
    private String aggregateId;
    private boolean withdrawn;

    protected ParticipantConsent() {
    }

    /** {@code {institutionId}/participant/{pseudonym}}: a '/' no response id can hold keeps the two apart. */
    public static String aggregateId(String institutionId, String participantId) {
        return institutionId + "/participant/" + participantId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(WithdrawConsentCommand command, ConsentRegister register) {
        if (withdrawn) {
            return;
        }
        register.record(command.institutionId(), command.participantId(), true);
        apply(new ConsentWithdrawnEvent(command.institutionId(), command.participantId()));
    }

    /** Only a participant who withdrew has a consent to renew; for anyone else the service sends nothing. */
    @CommandHandler
    void handle(RenewConsentCommand command, ConsentRegister register) {
        if (!withdrawn) {
            return;
        }
        register.record(command.institutionId(), command.participantId(), false);
        apply(new ConsentRenewedEvent(command.institutionId(), command.participantId()));
    }

    @EventSourcingHandler
    void on(ConsentWithdrawnEvent event) {
        aggregateId = aggregateId(event.institutionId(), event.participantId());
        withdrawn = true;
    }

    @EventSourcingHandler
    void on(ConsentRenewedEvent event) {
        withdrawn = false;
    }
}
