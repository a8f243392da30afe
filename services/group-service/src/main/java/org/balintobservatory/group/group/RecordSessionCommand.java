package org.balintobservatory.group.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionFormat;

import java.time.LocalDate;
import java.util.List;

/**
 * @param programmeStartsOn the start of the group's programme, read from the programme's stream when the
 *                          command is sent: the group's own events do not carry it, and a programme's start
 *                          never changes once registered
 */
public record RecordSessionCommand(
        @TargetAggregateIdentifier String aggregateId,
        String sessionId,
        LocalDate heldOn,
        int durationMinutes,
        SessionFormat format,
        int leadersPresent,
        List<AttendanceEntry> attendance,
        List<PresentedCase> cases,
        LocalDate programmeStartsOn) {
}
