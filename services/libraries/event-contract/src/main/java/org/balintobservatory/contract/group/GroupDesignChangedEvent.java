package org.balintobservatory.contract.group;

import java.time.LocalDate;

/**
 * A group's declared design changed mid-programme. Analytics keeps the history: sessions before
 * {@code effectiveFrom} ran under the previous design.
 */
public record GroupDesignChangedEvent(
        String institutionId,
        String groupId,
        GroupDesign design,
        LocalDate effectiveFrom) {
}
