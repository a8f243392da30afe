/**
 * Disclosure control: what researchers may see of units, so that no combination of answers determines a
 * statistic of fewer than the minimum cell size of participants. Plain Java; the rules and their
 * references are in {@link org.balintobservatory.analytics.release.disclosure.SuppressionPlan} and
 * docs/security.md.
 */
package org.balintobservatory.analytics.release.disclosure;
