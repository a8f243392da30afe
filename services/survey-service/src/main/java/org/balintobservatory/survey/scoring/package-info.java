/**
 * Scoring by an instrument key, in plain Java: reverse scoring, sum or mean, the missing-data rule and
 * score ranges. The same code scores every institution's responses.
 */
package org.balintobservatory.survey.scoring;
