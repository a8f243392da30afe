package org.balintobservatory.analytics.readmodel.institution;

import org.bson.Document;

import java.util.List;
import java.util.TreeSet;

/**
 * The pseudonymous ids of an institution's participants, so that the totals count each once however
 * often their events are redelivered: adding an id twice changes nothing. The projection reads it when a batch
 * brings a participant the read models have not seen; a school's list of what it is missing reads its own.
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

    /** The ids, in order. */
    public List<String> participants() {
        return List.copyOf(participants);
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
