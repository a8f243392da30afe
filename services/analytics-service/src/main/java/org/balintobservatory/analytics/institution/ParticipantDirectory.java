package org.balintobservatory.analytics.institution;

import org.bson.Document;

import java.util.List;
import java.util.TreeSet;

/**
 * The pseudonymous ids of an institution's participants, so that the totals count each once however
 * often their events are redelivered: adding an id twice changes nothing. Only the projection reads it,
 * and only when a batch brings a participant the read models have not seen.
 */
public final class ParticipantDirectory {

    final String institutionId;
    final TreeSet<String> participants = new TreeSet<>();

    public ParticipantDirectory(String institutionId) {
        this.institutionId = institutionId;
    }

    /** @return whether the id was new */
    public boolean add(String participantId) {
        return participants.add(participantId);
    }

    public int size() {
        return participants.size();
    }

    public Document toDocument() {
        return new Document("_id", institutionId).append("participants", List.copyOf(participants));
    }

    public static ParticipantDirectory fromDocument(Document doc) {
        ParticipantDirectory directory = new ParticipantDirectory(doc.getString("_id"));
        directory.participants.addAll(doc.getList("participants", String.class, List.of()));
        return directory;
    }
}
