package org.balintobservatory.survey.instrument;

/** The scores a scale can take, both ends included. */
public record ScoreRange(double min, double max) {

    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
