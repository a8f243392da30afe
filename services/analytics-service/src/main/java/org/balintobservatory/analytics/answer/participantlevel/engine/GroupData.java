package org.balintobservatory.analytics.answer.participantlevel.engine;

import org.balintobservatory.analytics.answer.unit.Moderators;
import org.balintobservatory.analytics.readmodel.participant.DoseMoments;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;

/**
 * One group as a participant-level model reads it.
 *
 * @param groupId       the id the caller knows the group by (opaque for researchers)
 * @param institutionId the institution it belongs to: the outer cluster
 * @param moderators    what describes the group
 * @param doses         its participants' paired scores summed by sessions attended
 * @param moments       the same participants' paired moments, for the two-stage effect size beside the model
 */
public record GroupData(String groupId, String institutionId, Moderators moderators, DoseMoments doses,
                        PairedMomentsState moments) {
}
