package org.balintobservatory.survey.instrument;

import org.balintobservatory.contract.survey.ScaleDirection;

import java.util.List;

/**
 * One scored scale of an instrument: a subscale, or the instrument total (id {@code total}).
 *
 * @param id        {@code ^[a-z0-9-]{1,64}$}, stable across versions of the instrument
 * @param name      a human label
 * @param items     the item numbers that make up the scale
 * @param rule      sum or mean
 * @param direction which way the scale improves
 * @param range     the valid score range; it must be the range the items and the rule imply
 */
public record Scale(String id, String name, List<Integer> items, ScoreRule rule, ScaleDirection direction,
                    ScoreRange range) {

    public Scale {
        items = items == null ? null : List.copyOf(items);
    }
}
