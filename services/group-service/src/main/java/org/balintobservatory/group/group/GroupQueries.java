package org.balintobservatory.group.group;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.group.AggregateIds;
import org.balintobservatory.group.Committed;
import org.balintobservatory.support.domain.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads groups by folding their event streams. */
@Component
public class GroupQueries {

    private final EventStore eventStore;
    /** A group's programme never changes once it is formed. */
    private final Committed<String> programmeOfGroup = new Committed<>();

    public GroupQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public GroupView group(String institution, String groupId) {
        return fold(institution, groupId).group();
    }

    public List<GroupView.Session> sessions(String institution, String groupId) {
        return fold(institution, groupId).sessions();
    }

    public GroupView.Session session(String institution, String groupId, String sessionId) {
        return sessions(institution, groupId).stream()
                .filter(s -> s.sessionId().equals(sessionId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no session " + sessionId + " in group " + groupId));
    }

    /** The programme a group was formed in; not found when the group was never formed. */
    public String programmeOf(String institution, String groupId) {
        return programmeOfGroup.get(AggregateIds.of(institution, groupId), aggregateId ->
                        eventStore.readEvents(aggregateId).asStream()
                                .map(m -> m.getPayload())
                                .filter(GroupFormedEvent.class::isInstance)
                                .map(p -> ((GroupFormedEvent) p).programmeId())
                                .findFirst())
                .orElseThrow(() -> new NotFoundException("no group " + groupId));
    }

    private GroupView.Folded fold(String institution, String groupId) {
        GroupView.Folded folded = GroupView.fold(eventStore.readEvents(AggregateIds.of(institution, groupId)).asStream());
        if (folded == null) {
            throw new NotFoundException("no group " + groupId);
        }
        return folded;
    }
}
