package org.balintobservatory.contract.survey;

import org.balintobservatory.contract.EventType;
import org.balintobservatory.contract.Topics;

import java.util.List;

/** The event types of the survey service, all on {@link Topics#SURVEY_EVENTS}. */
public final class SurveyEvents {

    public static final List<EventType> TYPES = List.of(
            new EventType("survey-completed", 1, SurveyCompletedEvent.class, Topics.SURVEY_EVENTS),
            new EventType("survey-corrected", 1, SurveyCorrectedEvent.class, Topics.SURVEY_EVENTS),
            new EventType("survey-retracted", 1, SurveyRetractedEvent.class, Topics.SURVEY_EVENTS));

    private SurveyEvents() {
    }
}
