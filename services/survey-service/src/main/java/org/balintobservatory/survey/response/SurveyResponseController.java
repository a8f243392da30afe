package org.balintobservatory.survey.response;

import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.access.Allowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.survey.web.Callers;
import org.balintobservatory.support.web.PseudonymousId;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Survey responses of the caller's institution. A response is stored once; changing it takes an explicit
 * correction, and taking it out of every analysis a retraction (or the participant's consent withdrawal).
 */
@RestController
@Validated
public class SurveyResponseController {

    private final SurveyResponses responses;

    public SurveyResponseController(SurveyResponses responses) {
        this.responses = responses;
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/api/v1/survey-responses")
    @ResponseStatus(HttpStatus.CREATED)
    SurveyResponseView submit(Caller caller, @Valid @RequestBody SurveyRequests.Submission request) {
        return responses.submit(Callers.schoolInstitution(caller), request);
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/api/v1/survey-responses/{responseId}")
    SurveyResponseView get(Caller caller, @PathVariable String responseId) {
        return responses.view(Callers.schoolInstitution(caller), responseId);
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/api/v1/survey-responses/{responseId}/corrections")
    SurveyResponseView correct(Caller caller,
                               @PathVariable @Pattern(regexp = SurveyRequests.ID) @PseudonymousId String responseId,
                               @Valid @RequestBody SurveyRequests.Correction request) {
        return responses.correct(Callers.schoolInstitution(caller), responseId, request);
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/api/v1/survey-responses/{responseId}/retraction")
    SurveyResponseView retract(Caller caller,
                               @PathVariable @Pattern(regexp = SurveyRequests.ID) @PseudonymousId String responseId,
                               @Valid @RequestBody SurveyRequests.Retraction request) {
        String institution = Callers.schoolInstitution(caller);
        if (request.reason() != RetractionReason.ENTERED_IN_ERROR) {
            throw new RuleViolationException("reason", "entered-in-error-only", "a single response is retracted "
                    + "as ENTERED_IN_ERROR; withdraw consent with POST /api/v1/participants/{participantId}/consent-withdrawal");
        }
        return responses.retract(institution, responseId, request.reason());
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/api/v1/participants/{participantId}/consent-withdrawal")
    ConsentWithdrawal withdrawConsent(Caller caller,
                                      @PathVariable @Pattern(regexp = SurveyRequests.ID) String participantId) {
        return new ConsentWithdrawal(participantId,
                responses.withdrawConsent(Callers.schoolInstitution(caller), participantId));
    }

    @Allowed(Role.SCHOOL)
    @PostMapping("/api/v1/participants/{participantId}/consent-renewal")
    ConsentRenewal renewConsent(Caller caller,
                                @PathVariable @Pattern(regexp = SurveyRequests.ID) String participantId) {
        responses.renewConsent(Callers.schoolInstitution(caller), participantId);
        return new ConsentRenewal(participantId, "GIVEN");
    }

    /**
     * @param retractedResponses the responses this call retracted; empty when none was live
     */
    public record ConsentWithdrawal(String participantId, List<String> retractedResponses) {
    }

    /** @param consent {@code GIVEN}: the participant's new responses are accepted again */
    public record ConsentRenewal(String participantId, String consent) {
    }
}
