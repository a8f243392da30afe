package org.balintobservatory.analytics.unit;

import org.balintobservatory.contract.survey.ScaleDirection;

/** One participant's pair of scores in one unit: what they add to its moments. */
public record PairContribution(UnitKey unit, double from, double to, ScaleDirection direction) {
}
