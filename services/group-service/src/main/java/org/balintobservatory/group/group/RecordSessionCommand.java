package org.balintobservatory.group.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.SessionFormat;

import java.time.LocalDate;
import java.util.List;

public record RecordSessionCommand(
        @TargetAggregateIdentifier String aggregateId,
        String sessionId,
        LocalDate heldOn,
        int durationMinutes,
        SessionFormat format,
        int leadersPresent,
        List<Attendance> attendance) {

    public record Attendance(String participantId, AttendanceStatus status) {
    }
}
