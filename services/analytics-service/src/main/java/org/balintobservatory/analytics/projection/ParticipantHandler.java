package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.readmodel.participant.ParticipantRecord;
import org.balintobservatory.analytics.readmodel.participant.ResponseOwner;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.contract.survey.ScoredResponseEvent;
import org.balintobservatory.contract.survey.SurveyResponseEvent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code participants} and {@code responses} read models: each participant's current responses,
 * moved by the response owners (which hold the response streams' guards), and their memberships, copied
 * from the group summaries whose events touched them.
 */
final class ParticipantHandler implements ReadModelHandler {

    private final Set<ResponseOwner> changedOwners = new LinkedHashSet<>();

    @Override
    public void apply(ProjectionBatch batch) {
        Set<String> responseIds = new LinkedHashSet<>();
        Set<String> keys = new TreeSet<>();
        for (ConsumedEvent event : batch.surveyEvents) {
            SurveyResponseEvent e = (SurveyResponseEvent) event.payload();
            responseIds.add(event.aggregateId());
            keys.add(ParticipantRecord.key(e.institutionId(), e.participantId()));
        }
        Map<String, ResponseOwner> owners = batch.load(ReadModel.RESPONSES, responseIds, ResponseOwner::fromDocument);
        owners.values().forEach(o -> {
            if (o.participantKey() != null) {
                keys.add(o.participantKey());
            }
        });
        batch.touchedMembers.forEach((groupId, members) -> members.forEach(p -> keys.add(key(batch, groupId, p))));
        batch.participants.putAll(batch.load(ReadModel.PARTICIPANTS, keys, ParticipantRecord::fromDocument));
        batch.participants.forEach((key, p) -> batch.pairsBefore.put(key, p.contributions()));

        for (ConsumedEvent event : batch.surveyEvents) {
            applyResponse(batch, owners.computeIfAbsent(event.aggregateId(), ResponseOwner::new), event);
        }
        batch.touchedMembers.forEach((groupId, members) -> {
            GroupSummary group = batch.groups.get(groupId);
            for (String p : members) {
                GroupSummary.Membership m = group.members().get(p);
                ParticipantRecord.Membership membership = new ParticipantRecord.Membership(group.groupId(),
                        group.programmeId(), m == null ? null : m.enrolledOn(), m == null ? null : m.withdrewOn(),
                        group.dose(p), group.sessionsRecorded(p));
                String key = key(batch, groupId, p);
                if (batch.participant(key).setMembership(groupId, membership)) {
                    batch.changedParticipants.add(key);
                }
            }
        });
    }

    /** Removes the response from its previous owner and gives it to the one the event names, unless retracted. */
    private void applyResponse(ProjectionBatch batch, ResponseOwner owner, ConsumedEvent event) {
        if (!owner.accepts(event.sequence())) {
            return;
        }
        String responseId = event.aggregateId();
        if (owner.participantKey() != null && batch.participant(owner.participantKey()).removeResponse(responseId)) {
            batch.changedParticipants.add(owner.participantKey());
        }
        SurveyResponseEvent payload = (SurveyResponseEvent) event.payload();
        String newOwner = ParticipantRecord.key(payload.institutionId(), payload.participantId());
        ParticipantRecord.Response response = null;
        if (payload instanceof ScoredResponseEvent e) {
            response = new ParticipantRecord.Response(e.responseId(), e.programmeId(), e.groupId(), e.instrumentId(),
                    e.instrumentVersion(), e.timepoint(), e.completedOn(), List.copyOf(e.scores()));
            if (batch.participant(newOwner).putResponse(responseId, response)) {
                batch.changedParticipants.add(newOwner);
            }
        }
        owner.applied(event.sequence(), newOwner, response == null);
        changedOwners.add(owner);
    }

    /** A member's participant key: the group's institution, or the aggregate's before the group was formed. */
    private static String key(ProjectionBatch batch, String groupId, String participantId) {
        GroupSummary group = batch.groups.get(groupId);
        return ParticipantRecord.key(group.institutionId() != null ? group.institutionId()
                : ProjectionBatch.institutionOf(groupId), participantId);
    }

    @Override
    public void write(ProjectionBatch batch) {
        batch.write(ReadModel.PARTICIPANTS, batch.changedParticipants.stream().map(batch.participants::get).toList(),
                ParticipantRecord::toDocument);
        batch.write(ReadModel.RESPONSES, changedOwners, ResponseOwner::toDocument);
    }
}
