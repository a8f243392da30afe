package org.balintobservatory.survey.response;

import org.balintobservatory.contract.survey.Timepoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The slot rules of {@link JdbcResponseSlots} in memory, for aggregate tests without a database. */
class InMemoryResponseSlots implements ResponseSlots {

    record Slot(String institutionId, String participantId, String instrumentId, Timepoint timepoint) {
    }

    final Map<String, Slot> live = new HashMap<>();

    @Override
    public Optional<String> claim(String institutionId, String responseId, String participantId, String instrumentId,
                                  Timepoint timepoint) {
        Slot slot = new Slot(institutionId, participantId, instrumentId, timepoint);
        Optional<String> holder = holder(slot);
        if (holder.isEmpty()) {
            live.put(institutionId + "/" + responseId, slot);
        }
        return holder;
    }

    @Override
    public Optional<String> move(String institutionId, String responseId, String participantId, String instrumentId,
                                 Timepoint timepoint) {
        Slot slot = new Slot(institutionId, participantId, instrumentId, timepoint);
        Optional<String> holder = holder(slot).filter(h -> !h.equals(responseId));
        if (holder.isEmpty()) {
            live.put(institutionId + "/" + responseId, slot);
        }
        return holder;
    }

    @Override
    public void release(String institutionId, String responseId) {
        live.remove(institutionId + "/" + responseId);
    }

    @Override
    public List<String> liveResponsesOf(String institutionId, String participantId) {
        List<String> responses = new ArrayList<>();
        live.forEach((id, slot) -> {
            if (slot.institutionId().equals(institutionId) && slot.participantId().equals(participantId)) {
                responses.add(id.substring(id.indexOf('/') + 1));
            }
        });
        return responses;
    }

    private Optional<String> holder(Slot slot) {
        return live.entrySet().stream().filter(e -> e.getValue().equals(slot))
                .map(e -> e.getKey().substring(e.getKey().indexOf('/') + 1)).findFirst();
    }
}
