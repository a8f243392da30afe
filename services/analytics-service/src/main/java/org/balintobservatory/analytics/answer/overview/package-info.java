/**
 * The consortium at a glance and a school's own picture against it: counts, attendance over time, and
 * outcomes pooled over the school's groups next to the consortium's.
 */
package org.balintobservatory.analytics.answer.overview;
