package org.balintobservatory.contract.group;

import java.time.LocalDate;

/** A Balint group was formed within a programme, with its declared design. */
public record GroupFormedEvent(
        String institutionId,
        String groupId,
        String programmeId,
        GroupDesign design,
        LocalDate formedOn) {
}
