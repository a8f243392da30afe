package org.balintobservatory.analytics.answer.comparison.engine;

import java.util.List;

/**
 * The omnibus test of the moderator (QM) and the residual heterogeneity (QE).
 *
 * @param qmDf2  the F test's denominator df under test=knha; {@code null} for the chi-square test
 * @param robust the CR2 HTZ test of the moderator when robust=cr2
 */
public record ModeratorTest(Double qm, int qmDf, Double qmPValue, Double qe, int qeDf, Double qePValue,
                            Double qmDf2, RobustTest robust, List<String> notes) {
}
