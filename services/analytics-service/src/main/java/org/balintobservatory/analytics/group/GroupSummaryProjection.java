package org.balintobservatory.analytics.group;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.ingest.Projection;
import org.balintobservatory.contract.group.AttendanceRecordedEvent;
import org.balintobservatory.contract.group.GroupFormedEvent;
import org.balintobservatory.contract.group.ParticipantEnrolledEvent;
import org.balintobservatory.contract.group.SessionHeldEvent;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one {@link GroupSummary} per group. Exactly-once effect: the events of a group arrive in order
 * on one partition, and each summary remembers the last sequence number it applied, so a redelivered or
 * replayed event is recognised and ignored. Summary and sequence are written in one document, so they
 * can never disagree.
 */
@Component
public class GroupSummaryProjection implements Projection {

    private final GroupSummaryStore store;

    public GroupSummaryProjection(GroupSummaryStore store) {
        this.store = store;
    }

    @Override
    public void apply(List<ConsumedEvent> batch) {
        List<ConsumedEvent> relevant = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (ConsumedEvent event : batch) {
            if (isGroupEvent(event.payload())) {
                relevant.add(event);
                ids.add(event.aggregateId());
            }
        }
        if (relevant.isEmpty()) {
            return;
        }
        Map<String, GroupSummary> summaries = store.load(ids);
        Set<GroupSummary> changed = new LinkedHashSet<>();
        for (ConsumedEvent event : relevant) {
            GroupSummary summary = summaries.computeIfAbsent(event.aggregateId(), GroupSummary::new);
            if (summary.apply(event.sequence(), event.time(), event.payload())) {
                changed.add(summary);
            }
        }
        store.save(changed);
    }

    private static boolean isGroupEvent(Object payload) {
        return payload instanceof GroupFormedEvent || payload instanceof ParticipantEnrolledEvent
                || payload instanceof SessionHeldEvent || payload instanceof AttendanceRecordedEvent;
    }
}
