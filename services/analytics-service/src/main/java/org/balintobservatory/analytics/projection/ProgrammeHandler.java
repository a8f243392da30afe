package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.programme.ProgrammeSummary;
import org.balintobservatory.analytics.readmodel.store.ReadModel;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The {@code programmes} read model, which holds the programme streams' guards. */
final class ProgrammeHandler implements ReadModelHandler {

    @Override
    public void apply(ProjectionBatch batch) {
        Set<String> ids = new LinkedHashSet<>();
        batch.programmeEvents.forEach(e -> ids.add(e.aggregateId()));
        Map<String, ProgrammeSummary> programmes = batch.load(ReadModel.PROGRAMMES, ids, ProgrammeSummary::fromDocument);
        for (ConsumedEvent event : batch.programmeEvents) {
            ProgrammeSummary programme = programmes.computeIfAbsent(event.aggregateId(), ProgrammeSummary::new);
            if (programme.apply(event.sequence(), event.payload())) {
                batch.changedProgrammes.add(programme);
            }
        }
    }

    @Override
    public void write(ProjectionBatch batch) {
        batch.write(ReadModel.PROGRAMMES, batch.changedProgrammes, ProgrammeSummary::toDocument);
    }
}
