package org.balintobservatory.survey.response;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.support.pseudonym.Pseudonyms;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.survey.consent.ConsentRegister;
import org.balintobservatory.survey.consent.ParticipantConsent;
import org.balintobservatory.survey.consent.RenewConsentCommand;
import org.balintobservatory.survey.consent.WithdrawConsentCommand;
import org.balintobservatory.survey.instrument.InstrumentCatalogue;
import org.balintobservatory.survey.instrument.InstrumentKey;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.survey.scoring.ScoredResponse;
import org.balintobservatory.survey.scoring.Scorer;
import org.balintobservatory.survey.unit.KnownUnits;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores responses with the catalogue's keys and sends them to their aggregates. Single requests and batch
 * lines go through the same path, so a line is accepted exactly when the same request alone would be.
 *
 * <p>Here, before any command is built, the school's participant id is replaced by its keyed pseudonym
 * ({@link Pseudonyms}), and the programme and group are checked to be the school's own ({@link KnownUnits}).
 * An answer to a request that named a participant shows the school's id again; a read by response id shows
 * the pseudonym, the only form stored.
 */
@Service
public class SurveyResponses {

    private final InstrumentCatalogue catalogue;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ResponseSlots slots;
    private final Pseudonyms pseudonyms;
    private final KnownUnits units;
    private final ConsentRegister consents;

    public SurveyResponses(InstrumentCatalogue catalogue, CommandGateway commands, EventStore eventStore,
                           ResponseSlots slots, Pseudonyms pseudonyms, KnownUnits units, ConsentRegister consents) {
        this.catalogue = catalogue;
        this.commands = commands;
        this.eventStore = eventStore;
        this.slots = slots;
        this.pseudonyms = pseudonyms;
        this.units = units;
        this.consents = consents;
    }

    public SurveyResponseView submit(String institutionId, SurveyRequests.Submission request) {
        ResponseContent content = score(institutionId, request.answers());
        commands.sendAndWait(new SubmitSurveyResponseCommand(aggregateId(institutionId, request.responseId()),
                institutionId, request.responseId(), content));
        return showing(view(institutionId, request.responseId()), institutionId, request.participantId());
    }

    public SurveyResponseView correct(String institutionId, String responseId, SurveyRequests.Correction request) {
        view(institutionId, responseId);
        ResponseContent content = score(institutionId, request.answers());
        commands.sendAndWait(new CorrectSurveyResponseCommand(aggregateId(institutionId, responseId),
                request.correctionId(), content));
        return showing(view(institutionId, responseId), institutionId, request.participantId());
    }

    public SurveyResponseView retract(String institutionId, String responseId, RetractionReason reason) {
        view(institutionId, responseId);
        commands.sendAndWait(new RetractSurveyResponseCommand(aggregateId(institutionId, responseId), reason));
        return view(institutionId, responseId);
    }

    /**
     * Records the withdrawal, so no new response of the participant is accepted until consent is renewed,
     * then retracts every live response of the participant. Each retraction is its own transaction; if one
     * fails, the call fails and a repeat retracts what is left (retracted responses are no longer live).
     *
     * @return the responses retracted by this call
     */
    public List<String> withdrawConsent(String institutionId, String participantId) {
        String pseudonym = pseudonyms.of(institutionId, participantId);
        commands.sendAndWait(new WithdrawConsentCommand(ParticipantConsent.aggregateId(institutionId, pseudonym),
                institutionId, pseudonym));
        List<String> retracted = new ArrayList<>();
        for (String responseId : slots.liveResponsesOf(institutionId, pseudonym)) {
            commands.sendAndWait(new RetractSurveyResponseCommand(aggregateId(institutionId, responseId),
                    RetractionReason.CONSENT_WITHDRAWN));
            retracted.add(responseId);
        }
        return retracted;
    }

    /**
     * Records that the participant gave consent again: their new responses are accepted from now on. A
     * participant who never withdrew has nothing to renew, and the call changes nothing.
     */
    public void renewConsent(String institutionId, String participantId) {
        String pseudonym = pseudonyms.of(institutionId, participantId);
        if (!consents.isWithdrawn(institutionId, pseudonym)) {
            return;
        }
        commands.sendAndWait(new RenewConsentCommand(ParticipantConsent.aggregateId(institutionId, pseudonym),
                institutionId, pseudonym));
    }

    public SurveyResponseView view(String institutionId, String responseId) {
        SurveyResponseView view = SurveyResponseView.fold(
                eventStore.readEvents(aggregateId(institutionId, responseId)).asStream());
        if (view == null) {
            throw new NotFoundException("no survey response " + responseId);
        }
        return view;
    }

    /** The view with the school's id in place of its pseudonym, when the response is that participant's. */
    private SurveyResponseView showing(SurveyResponseView view, String institutionId, String participantId) {
        return view.participantId().equals(pseudonyms.of(institutionId, participantId))
                ? view.withParticipantId(participantId) : view;
    }

    ResponseContent score(String institutionId, SurveyRequests.Answers answers) {
        if ((answers.items() == null) == (answers.scores() == null)) {
            throw new RuleViolationException("items", "items-or-scores",
                    "send either items (answers by item number) or scores (when only scores exist), not both");
        }
        InstrumentKey key = resolve(answers.instrument(), answers.instrumentVersion());
        ScoredResponse scored = answers.items() != null
                ? Scorer.scoreItems(key, answers.items())
                : Scorer.checkReported(key, answers.scores());
        units.check(institutionId, answers.programmeId(), answers.groupId());
        return new ResponseContent(pseudonyms.of(institutionId, answers.participantId()), answers.programmeId(),
                answers.groupId(), key.id(),
                key.version(), answers.timepoint(), answers.completedOn(), scored.items(), scored.scores(),
                scored.method(), scored.prorated());
    }

    private InstrumentKey resolve(String instrumentId, Integer version) {
        List<InstrumentKey> versions = catalogue.versions(instrumentId);
        if (versions.isEmpty()) {
            throw new RuleViolationException("instrument", "instrument-exists", "no instrument " + instrumentId
                    + " in the catalogue (GET /api/v1/instruments)");
        }
        if (version == null) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(k -> k.version() == version).findFirst()
                .orElseThrow(() -> new RuleViolationException("instrumentVersion", "instrument-version-exists",
                        instrumentId + " has versions 1–" + versions.get(versions.size() - 1).version()));
    }

    static String aggregateId(String institutionId, String responseId) {
        return institutionId + "/" + responseId;
    }
}
