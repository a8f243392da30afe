package org.balintobservatory.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.support.batch.BatchLine;
import org.balintobservatory.support.batch.BatchRunner;
import org.springframework.stereotype.Component;

/**
 * One submission line, from a batch or from a spreadsheet row: read and validated as the body of
 * {@code POST /api/v1/survey-responses}, then submitted through the same path, noting whether it stored
 * anything (a repeat of a stored response is {@code unchanged}).
 */
@Component
public class SurveyLines {

    private final SurveyResponses responses;
    private final EventStore eventStore;
    private final BatchRunner runner;

    SurveyLines(SurveyResponses responses, EventStore eventStore, BatchRunner runner) {
        this.responses = responses;
        this.eventStore = eventStore;
        this.runner = runner;
    }

    public SurveyResponseView submit(String institution, BatchLine line) throws Exception {
        ObjectNode node = runner.object(line.text());
        JsonNode responseId = node.get("responseId");
        if (responseId != null && responseId.isTextual()) {
            line.id(responseId.asText());
        }
        SurveyRequests.Submission request = runner.bind(node, SurveyRequests.Submission.class);
        return line.tracking(eventStore, SurveyResponses.aggregateId(institution, request.responseId()),
                () -> responses.submit(institution, request));
    }

    /** A correction of a stored response, as a line: {@code unchanged} when the same correction was applied. */
    public SurveyResponseView correct(String institution, String responseId, SurveyRequests.Correction correction,
                                      BatchLine line) throws Exception {
        return line.tracking(eventStore, SurveyResponses.aggregateId(institution, responseId),
                () -> responses.correct(institution, responseId, correction));
    }
}
