package org.balintobservatory.analytics.readmodel.participant;

import org.bson.Document;

import static org.balintobservatory.analytics.readmodel.store.Documents.longValue;

/**
 * Which participant a survey response currently belongs to, and the last event of the response applied.
 * This is the exactly-once guard of the survey topic: one document per response aggregate, holding its
 * last applied sequence, written only after the participant and unit documents it guards.
 *
 * <p>The owner is remembered because a correction may name another participant (a mistyped id fixed):
 * the response is then taken from the old participant and given to the new one.
 */
public final class ResponseOwner {

    final String responseAggregateId;
    String participantKey;
    boolean retracted;
    long lastSequence = -1;

    public ResponseOwner(String responseAggregateId) {
        this.responseAggregateId = responseAggregateId;
    }

    public String responseAggregateId() {
        return responseAggregateId;
    }

    public String participantKey() {
        return participantKey;
    }

    public boolean retracted() {
        return retracted;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** @return false if the event at this sequence was already applied */
    public boolean accepts(long sequence) {
        return sequence < 0 || sequence > lastSequence;
    }

    public void applied(long sequence, String participantKey, boolean retracted) {
        if (sequence >= 0) {
            lastSequence = sequence;
        }
        this.participantKey = participantKey;
        this.retracted = retracted;
    }

    public Document toDocument() {
        return new Document("_id", responseAggregateId)
                .append("participant", participantKey)
                .append("retracted", retracted)
                .append("lastSequence", lastSequence);
    }

    public static ResponseOwner fromDocument(Document doc) {
        ResponseOwner owner = new ResponseOwner(doc.getString("_id"));
        owner.participantKey = doc.getString("participant");
        owner.retracted = doc.getBoolean("retracted", false);
        owner.lastSequence = longValue(doc, "lastSequence", -1);
        return owner;
    }
}
