package org.balintobservatory.analytics.readmodel.institution;

import org.balintobservatory.analytics.readmodel.programme.ProgrammeSummary;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.ParticipantType;
import org.bson.Document;

import java.time.LocalDate;

import static org.balintobservatory.analytics.readmodel.store.Documents.date;
import static org.balintobservatory.analytics.readmodel.store.Documents.enumValue;

/** The moderators a programme gives every group and participant in it. */
public record ProgrammeProfile(String programmeId, ParticipantType participantType, Arm arm, String country,
                               LocalDate startsOn, LocalDate endsOn) {

    public static ProgrammeProfile of(ProgrammeSummary programme) {
        return new ProgrammeProfile(programme.programmeId(), programme.participantType(), programme.arm(),
                programme.country(), programme.startsOn(), programme.endsOn());
    }

    Document toDocument() {
        return new Document("programmeId", programmeId)
                .append("participantType", participantType == null ? null : participantType.name())
                .append("arm", arm == null ? null : arm.name())
                .append("country", country)
                .append("startsOn", date(startsOn))
                .append("endsOn", date(endsOn));
    }

    static ProgrammeProfile fromDocument(Document doc) {
        return new ProgrammeProfile(doc.getString("programmeId"), enumValue(ParticipantType.class, doc, "participantType"),
                enumValue(Arm.class, doc, "arm"), doc.getString("country"), date(doc, "startsOn"), date(doc, "endsOn"));
    }
}
