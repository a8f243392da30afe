package org.balintobservatory.survey.response;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.SurveyCompletedEvent;
import org.balintobservatory.contract.survey.SurveyCorrectedEvent;
import org.balintobservatory.contract.survey.SurveyRetractedEvent;
import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.DatePolicy;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.survey.consent.ConsentRegister;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One participant's questionnaire, scored, with its corrections and its retraction.
 *
 * <p>Policies, each refused with its name:
 * <ul>
 *   <li><em>idempotent-submission</em>: the same response id with the same content changes nothing; with
 *       other content it is a conflict, because a change must be an explicit correction;</li>
 *   <li><em>not-in-future</em>, <em>not-before-1950</em> (rules of {@link DatePolicy}): completedOn, when
 *       submitted and when corrected, lies from {@link DatePolicy#EARLIEST} up to and including today (UTC,
 *       from the injected clock);</li>
 *   <li><em>one-response-per-slot</em>: a participant has at most one live response per instrument and
 *       timepoint in an institution; a second is a conflict naming the first;</li>
 *   <li><em>idempotent-correction</em>: a correction id applied again with the same content changes nothing,
 *       with other content is a conflict;</li>
 *   <li><em>consent-withdrawn</em>: no response is stored for, or corrected onto, a participant whose consent
 *       is withdrawn ({@link ConsentRegister}), until consent is renewed; an idempotent repeat of a response
 *       stored before the withdrawal still answers as before;</li>
 *   <li><em>not-retracted</em>: a retracted response cannot be corrected;</li>
 *   <li><em>retract-once</em>: retracting a retracted response changes nothing.</li>
 * </ul>
 */
@Aggregate
public class SurveyResponse {

    @AggregateIdentifier
    private String aggregateId;
    private String institutionId;
    private String responseId;
    private ResponseContent submitted;
    private ResponseContent current;
    private final Map<String, ResponseContent> corrections = new HashMap<>();
    private RetractionReason retraction;

    protected SurveyResponse() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SubmitSurveyResponseCommand command, Clock clock, ResponseSlots slots, ConsentRegister consents) {
        ResponseContent content = command.content();
        if (submitted != null) {
            if (!submitted.equals(content)) {
                throw new ConflictException("response " + responseId + " is stored with other content; "
                        + "send a correction to change it", current.summary(responseId));
            }
            return;
        }
        checkConsent(consents, command.institutionId(), content.participantId());
        DatePolicy.happened("completedOn", content.completedOn(), clock);
        Optional<String> holder = slots.claim(command.institutionId(), command.responseId(), content.participantId(),
                content.instrumentId(), content.timepoint());
        if (holder.isPresent()) {
            throw slotTaken(holder.get(), content);
        }
        apply(content.completed(command.institutionId(), command.responseId()));
    }

    @CommandHandler
    void handle(CorrectSurveyResponseCommand command, Clock clock, ResponseSlots slots, ConsentRegister consents) {
        ResponseContent applied = corrections.get(command.correctionId());
        if (applied != null) {
            if (!applied.equals(command.content())) {
                throw new ConflictException("correction " + command.correctionId() + " was applied with other content",
                        Map.of("correctionId", command.correctionId(), "response", applied.summary(responseId)));
            }
            return;
        }
        if (retraction != null) {
            throw new RuleViolationException("responseId", "not-retracted",
                    "response " + responseId + " was retracted (" + retraction + ") and cannot be corrected");
        }
        ResponseContent content = command.content();
        checkConsent(consents, institutionId, content.participantId());
        DatePolicy.happened("completedOn", content.completedOn(), clock);
        if (!content.sameSlotAs(current)) {
            Optional<String> holder = slots.move(institutionId, responseId, content.participantId(),
                    content.instrumentId(), content.timepoint());
            if (holder.isPresent()) {
                throw slotTaken(holder.get(), content);
            }
        }
        apply(content.corrected(institutionId, responseId, command.correctionId()));
    }

    @CommandHandler
    void handle(RetractSurveyResponseCommand command, ResponseSlots slots) {
        if (retraction != null) {
            return;
        }
        slots.release(institutionId, responseId);
        apply(new SurveyRetractedEvent(institutionId, responseId, current.participantId(), current.instrumentId(),
                current.timepoint(), command.reason()));
    }

    private static void checkConsent(ConsentRegister consents, String institutionId, String participantId) {
        if (consents.isWithdrawn(institutionId, participantId)) {
            throw new RuleViolationException("participantId", "consent-withdrawn", "the participant withdrew "
                    + "consent; record renewed consent (POST /api/v1/participants/{participantId}/consent-renewal) "
                    + "before sending their responses");
        }
    }

    private static ConflictException slotTaken(String holder, ResponseContent content) {
        return new ConflictException("participant " + content.participantId() + " already has response " + holder
                + " for " + content.instrumentId() + " at " + content.timepoint()
                + "; correct or retract that response instead",
                Map.of("responseId", holder, "participantId", content.participantId(),
                        "instrumentId", content.instrumentId(), "timepoint", content.timepoint()));
    }

    @EventSourcingHandler
    void on(SurveyCompletedEvent event) {
        this.aggregateId = event.institutionId() + "/" + event.responseId();
        this.institutionId = event.institutionId();
        this.responseId = event.responseId();
        this.submitted = ResponseContent.of(event);
        this.current = submitted;
    }

    @EventSourcingHandler
    void on(SurveyCorrectedEvent event) {
        this.current = ResponseContent.of(event);
        corrections.put(event.correctionId(), current);
    }

    @EventSourcingHandler
    void on(SurveyRetractedEvent event) {
        this.retraction = event.reason();
    }
}
