package org.balintobservatory.survey.instrument;

/** How a scale's item responses become its score. */
public enum ScoreRule {
    /** The sum of the (reverse-scored) items. */
    SUM,
    /** The mean of the (reverse-scored) items. */
    MEAN
}
