package org.balintobservatory.group.group;

import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.SessionFormat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** What the group aggregate remembers of a session, enough to tell a retry from a clash. */
record RecordedSession(
        LocalDate heldOn,
        int durationMinutes,
        SessionFormat format,
        int leadersPresent,
        Map<String, AttendanceStatus> attendance) {

    static RecordedSession of(RecordSessionCommand command) {
        Map<String, AttendanceStatus> attendance = new HashMap<>();
        command.attendance().forEach(a -> attendance.put(a.participantId(), a.status()));
        return new RecordedSession(command.heldOn(), command.durationMinutes(), command.format(),
                command.leadersPresent(), attendance);
    }
}
