/**
 * Researchers' comparisons across analysis units, in three parts:
 * <ul>
 *   <li>{@code engine}: plain Java, no Spring: effect sizes per unit from the read models' sufficient
 *       statistics, pooled and compared by moderator with the meta-analysis library
 *       ({@link org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine},
 *       {@link org.balintobservatory.analytics.answer.comparison.engine.ModelFits});</li>
 *   <li>{@code reproduction}: what lets a researcher check an answer in R: the CSV of its rows, the
 *       script that refits every model, the bundle with its manifest;</li>
 *   <li>{@code web}: the controllers and their answer types, and the one reader of a question's units
 *       ({@link org.balintobservatory.analytics.answer.comparison.web.ComparisonUnits}).</li>
 * </ul>
 * The web part uses the other two, reproduction uses the engine, and the engine uses neither.
 */
package org.balintobservatory.analytics.answer.comparison;
