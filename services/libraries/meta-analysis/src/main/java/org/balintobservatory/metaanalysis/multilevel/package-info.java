/**
 * Groups nested in institutions, as metafor's {@code rma.mv(random = ~ 1 | institution/group)}
 * (Konstantopoulos, 2011, Res Synth Methods 2(1), 61&ndash;76): sigma^2 between institutions and
 * between groups of one institution, with I^2 per level by Cheung (2014), Psychol Methods 19(2),
 * 211&ndash;229, from {@link org.balintobservatory.metaanalysis.multilevel.MultilevelModel}.
 */
package org.balintobservatory.metaanalysis.multilevel;
