package org.balintobservatory.analytics.answer.coverage;

import java.util.List;

/**
 * One thing that keeps a unit out of the analysis, or makes it smaller than it could be, and what would change it.
 *
 * @param reason   {@code missing-from}, {@code missing-to}, {@code below-threshold}, {@code secondary},
 *                 {@code incomplete-register}, {@code held-back} or {@code not-yet-released}
 * @param count    how many members, pairs or sessions the reason is about; {@code null} when it is about none
 * @param sessions the sessions concerned, as {@code "3 (2026-03-04)"}: their number in the group's dated sessions
 *                 and their day; {@code null} for other reasons
 * @param detail   what the reason is, in a sentence
 * @param remedy   what would bring the unit in, or make it larger
 * @param keepsOut whether the reason alone keeps the unit out of researchers' analysis (the others only make it
 *                 smaller or its moderators less complete)
 */
public record Gap(String reason, Integer count, List<String> sessions, String detail, String remedy, boolean keepsOut) {
}
