/**
 * The one-stage, participant-level model across institutions, in three parts:
 * <ul>
 *   <li>{@code engine}: plain Java, no Spring: groups' dose moments built into per-group sufficient statistics
 *       ({@link org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelDesign}), the fit
 *       by the meta-analysis library's mixed model and what an answer may show of it
 *       ({@link org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelEngine});</li>
 *   <li>{@code reproduction}: the bundle that refits an answer in R from the groups' sufficient statistics;</li>
 *   <li>{@code web}: the controller and the one reader of a question's groups
 *       ({@link org.balintobservatory.analytics.answer.participantlevel.web.ParticipantLevelGroups}).</li>
 * </ul>
 * The dose tables it reads ({@link org.balintobservatory.analytics.readmodel.participant.DoseTables}, computed from
 * participant documents and kept with each data release) are a read model, beside the participants'.
 */
package org.balintobservatory.analytics.answer.participantlevel;
