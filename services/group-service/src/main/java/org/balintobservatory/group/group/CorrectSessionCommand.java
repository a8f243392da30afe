package org.balintobservatory.group.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionFormat;

import java.time.LocalDate;
import java.util.List;

/**
 * The complete corrected state of a recorded session.
 *
 * @param programmeStartsOn see {@link RecordSessionCommand#programmeStartsOn()}
 */
public record CorrectSessionCommand(
        @TargetAggregateIdentifier String aggregateId,
        String sessionId,
        String correctionId,
        LocalDate heldOn,
        int durationMinutes,
        SessionFormat format,
        int leadersPresent,
        List<AttendanceEntry> attendance,
        List<PresentedCase> cases,
        LocalDate programmeStartsOn) {
}
