package org.balintobservatory.analytics.readmodel.programme;

import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.ParticipantType;
import org.balintobservatory.contract.group.ProgrammeRegisteredEvent;
import org.bson.Document;

import java.time.LocalDate;

import static org.balintobservatory.analytics.readmodel.store.Documents.date;
import static org.balintobservatory.analytics.readmodel.store.Documents.enumValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.longValue;

/**
 * What analysis needs to know of a programme: its arm, participants and country, the moderators that
 * describe every group and participant in it. One document per programme aggregate.
 */
public final class ProgrammeSummary {

    final String aggregateId;
    String institutionId;
    String programmeId;
    String name;
    ParticipantType participantType;
    Arm arm;
    String country;
    LocalDate startsOn;
    LocalDate endsOn;
    long lastSequence = -1;

    public ProgrammeSummary(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    /** @return whether it changed anything: false for an event already applied */
    public boolean apply(long sequence, Object event) {
        if (sequence >= 0 && sequence <= lastSequence) {
            return false;
        }
        if (!(event instanceof ProgrammeRegisteredEvent e)) {
            return false;
        }
        institutionId = e.institutionId();
        programmeId = e.programmeId();
        name = e.name();
        participantType = e.participantType();
        arm = e.arm();
        country = e.country();
        startsOn = e.startsOn();
        endsOn = e.endsOn();
        if (sequence >= 0) {
            lastSequence = sequence;
        }
        return true;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public String institutionId() {
        return institutionId;
    }

    public String programmeId() {
        return programmeId;
    }

    public String name() {
        return name;
    }

    public ParticipantType participantType() {
        return participantType;
    }

    public Arm arm() {
        return arm;
    }

    public String country() {
        return country;
    }

    public LocalDate startsOn() {
        return startsOn;
    }

    public LocalDate endsOn() {
        return endsOn;
    }

    public Document toDocument() {
        return new Document("_id", aggregateId)
                .append("institutionId", institutionId)
                .append("programmeId", programmeId)
                .append("name", name)
                .append("participantType", participantType == null ? null : participantType.name())
                .append("arm", arm == null ? null : arm.name())
                .append("country", country)
                .append("startsOn", date(startsOn))
                .append("endsOn", date(endsOn))
                .append("lastSequence", lastSequence);
    }

    public static ProgrammeSummary fromDocument(Document doc) {
        ProgrammeSummary p = new ProgrammeSummary(doc.getString("_id"));
        p.institutionId = doc.getString("institutionId");
        p.programmeId = doc.getString("programmeId");
        p.name = doc.getString("name");
        p.participantType = enumValue(ParticipantType.class, doc, "participantType");
        p.arm = enumValue(Arm.class, doc, "arm");
        p.country = doc.getString("country");
        p.startsOn = date(doc, "startsOn");
        p.endsOn = date(doc, "endsOn");
        p.lastSequence = longValue(doc, "lastSequence", -1);
        return p;
    }
}
