package org.balintobservatory.contract.group;

/**
 * A group's declared design: the moderators researchers compare.
 *
 * @param plannedSize    intended number of members, 2 to 30
 * @param sessionMinutes planned length of one session
 */
public record GroupDesign(
        int plannedSize,
        MeetingFrequency meetingFrequency,
        int sessionMinutes,
        SessionFormat format,
        Facilitation facilitation) {
}
