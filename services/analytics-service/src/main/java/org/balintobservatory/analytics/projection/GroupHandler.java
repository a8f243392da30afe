package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.readmodel.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.readmodel.group.SessionRecord;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code groups} and {@code group_sessions} read models: a group's summary and the records of the
 * sessions the batch touches, never its other sessions. The summaries hold the group streams' guards.
 */
final class GroupHandler implements ReadModelHandler {

    @Override
    public void apply(ProjectionBatch batch) {
        Set<String> groupIds = new LinkedHashSet<>();
        Map<String, Map<String, String>> sessionIds = new LinkedHashMap<>();
        for (ConsumedEvent event : batch.groupEvents) {
            groupIds.add(event.aggregateId());
            String sessionId = SessionRecord.sessionOf(event.payload());
            if (sessionId != null) {
                sessionIds.computeIfAbsent(event.aggregateId(), k -> new LinkedHashMap<>())
                        .put(sessionId, SessionRecord.id(event.aggregateId(), sessionId));
            }
        }
        batch.groups.putAll(batch.load(ReadModel.GROUPS, groupIds, GroupSummaryDocuments::fromDocument));
        Map<String, Document> sessions = batch.store.load(ReadModel.GROUP_SESSIONS,
                sessionIds.values().stream().flatMap(ids -> ids.values().stream()).toList());
        sessionIds.forEach((groupId, ids) -> ids.forEach((sessionId, id) -> {
            Document doc = sessions.get(id);
            if (doc != null) {
                batch.groups.computeIfAbsent(groupId, GroupSummary::new)
                        .attach(sessionId, GroupSummaryDocuments.sessionFromDocument(doc));
            }
        }));

        for (ConsumedEvent event : batch.groupEvents) {
            GroupSummary group = batch.groups.computeIfAbsent(event.aggregateId(), GroupSummary::new);
            Set<String> touched = batch.touchedMembers.computeIfAbsent(event.aggregateId(), k -> new TreeSet<>());
            if (group.apply(event.sequence(), event.time(), event.payload(), touched::add)) {
                batch.changedGroups.add(group);
            }
        }
    }

    @Override
    public void write(ProjectionBatch batch) {
        batch.write(ReadModel.GROUPS, batch.changedGroups, GroupSummaryDocuments::toDocument);
        // Session records last: never ahead of their group's counters (SessionRecord says why).
        List<SessionRecord> sessions = batch.groups.values().stream().flatMap(g -> g.changedSessions().stream()).toList();
        batch.write(ReadModel.GROUP_SESSIONS, sessions, GroupSummaryDocuments::toDocument);
    }
}
