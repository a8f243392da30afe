/**
 * The one-stage, participant-level model across institutions, in four parts:
 * <ul>
 *   <li>{@code engine}: plain Java, no Spring: groups' dose moments built into per-group sufficient statistics
 *       ({@link org.balintobservatory.analytics.participantlevel.engine.ParticipantLevelDesign}), the fit by the
 *       meta-analysis library's mixed model and what an answer may show of it
 *       ({@link org.balintobservatory.analytics.participantlevel.engine.ParticipantLevelEngine});</li>
 *   <li>{@code data}: the dose tables, computed from participant documents and kept with each data release;</li>
 *   <li>{@code reproduction}: the bundle that refits an answer in R from the groups' sufficient statistics;</li>
 *   <li>{@code web}: the controller and the one reader of a question's groups
 *       ({@link org.balintobservatory.analytics.participantlevel.web.ParticipantLevelGroups}).</li>
 * </ul>
 */
package org.balintobservatory.analytics.participantlevel;
