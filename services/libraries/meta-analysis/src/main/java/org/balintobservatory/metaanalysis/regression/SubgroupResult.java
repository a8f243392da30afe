package org.balintobservatory.metaanalysis.regression;

import org.balintobservatory.metaanalysis.model.ExcludedStudy;
import org.balintobservatory.metaanalysis.randomeffects.RandomEffectsResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result of a subgroup analysis by one categorical moderator.
 *
 * @param levels         the moderator's levels among the usable studies, sorted; the first is the
 *                       reference level of the dummy coding
 * @param subgroups      a separate model per level ({@code rma(yi, vi, subset = m == level)}),
 *                       in level order
 * @param moderatorModel the mixed-effects model {@code rma(yi, vi, mods = ~ factor(m))}: its
 *                       {@link MetaRegressionResult#qm()} (df = levels - 1) tests whether the
 *                       subgroup means differ, {@link MetaRegressionResult#qe()} is the residual
 *                       heterogeneity within subgroups; coefficients are named {@code intrcpt}
 *                       (the reference level's mean) and by level (differences to it). It is not
 *                       estimable, with a note, when fewer than two levels remain.
 * @param excluded       studies left out of every fit, with reasons
 * @param notes          warnings and explanations
 */
public record SubgroupResult(
        List<String> levels,
        Map<String, RandomEffectsResult> subgroups,
        MetaRegressionResult moderatorModel,
        List<ExcludedStudy> excluded,
        List<String> notes) {

    public SubgroupResult {
        // Copies the collections, keeping the level order of subgroups.
        levels = List.copyOf(levels);
        subgroups = Collections.unmodifiableMap(new LinkedHashMap<>(subgroups));
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
    }
}
