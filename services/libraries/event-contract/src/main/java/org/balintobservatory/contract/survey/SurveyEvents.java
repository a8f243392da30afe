package org.balintobservatory.contract.survey;

import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topics;

import java.util.List;

/**
 * The event types of the survey service, all on {@link Topics#SURVEY_EVENTS}.
 *
 * <p>Revision 2 of all three: {@code participantId} is the keyed pseudonym the service computed from the
 * school's id ({@code px-} and 32 letters), no longer the id as the school sent it. The payload's shape is
 * unchanged; there is no upcaster, because turning a revision-1 id into its pseudonym needs the secret that
 * only the services hold, and no revision-1 event exists outside development stores (docs/events.md).
 */
public final class SurveyEvents {

    public static final List<EventType> TYPES = List.of(
            new EventType("survey-completed", 2, SurveyCompletedEvent.class, Topics.SURVEY_EVENTS),
            new EventType("survey-corrected", 2, SurveyCorrectedEvent.class, Topics.SURVEY_EVENTS),
            new EventType("survey-retracted", 2, SurveyRetractedEvent.class, Topics.SURVEY_EVENTS));

    private SurveyEvents() {
    }
}
