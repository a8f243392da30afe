package org.balintobservatory.survey.instrument;

/** The answers an item accepts, both ends included, e.g. 1–7 for a seven-point Likert item. */
public record ResponseRange(int min, int max) {

    public boolean contains(int value) {
        return value >= min && value <= max;
    }
}
