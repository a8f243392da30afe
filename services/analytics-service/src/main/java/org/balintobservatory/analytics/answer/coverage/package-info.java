/**
 * What keeps a school's units out of the analysis, and what would bring each in: members without an answer at
 * either timepoint, sessions whose attendance register leaves members out, units below the minimum cell size
 * or hidden with one, and units the data releases hold back or have not published yet. A school asks it of its
 * own institution only; the rules are {@link org.balintobservatory.analytics.answer.coverage.GapRules}, plain
 * functions.
 */
package org.balintobservatory.analytics.answer.coverage;
