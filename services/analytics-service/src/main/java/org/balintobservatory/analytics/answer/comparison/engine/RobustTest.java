package org.balintobservatory.analytics.answer.comparison.engine;

import org.balintobservatory.metaanalysis.robust.RobustCoefficient;
import org.balintobservatory.metaanalysis.robust.RobustResult;

import static org.balintobservatory.analytics.answer.comparison.engine.ModelFits.number;

/**
 * A CR2 cluster-robust test by institution ({@code robust(res, cluster = institution, clubSandwich = TRUE)}):
 * for a coefficient its se, t and Satterthwaite df; for a moderator test the HTZ F statistic with
 * {@code df1}, {@code df2}.
 */
public record RobustTest(Double se, Double statistic, Double df1, Double df2, Double pValue, Double ciLower,
                         Double ciUpper, int institutions) {

    static RobustTest of(RobustResult result, RobustCoefficient c) {
        return new RobustTest(number(c.se()), number(c.statistic()), null, number(c.df()), number(c.pValue()),
                number(c.ciLower()), number(c.ciUpper()), result.clusters());
    }
}
