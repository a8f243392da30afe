package org.balintobservatory.analytics.readmodel.unit;

import org.balintobservatory.contract.survey.ScaleDirection;

import java.time.LocalDate;

/**
 * One participant's pair of scores in one unit: what they add to its moments.
 *
 * @param completedOn the day the pair became complete: the later of its two responses' {@code completedOn}
 *                    (the later timepoint's, unless that response was dated earlier), from the survey events;
 *                    {@code null} when neither response has a date
 */
public record PairContribution(UnitKey unit, double from, double to, ScaleDirection direction, LocalDate completedOn) {
}
