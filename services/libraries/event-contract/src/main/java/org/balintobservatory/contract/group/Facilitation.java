package org.balintobservatory.contract.group;

import java.util.List;

/**
 * How a group is led.
 *
 * @param leaders           1 (single) or 2 (co-led)
 * @param leaderBackgrounds one entry per leader
 * @param accreditedLeader  at least one leader is accredited by a national Balint society
 */
public record Facilitation(
        FacilitationStyle style,
        int leaders,
        List<LeaderBackground> leaderBackgrounds,
        boolean accreditedLeader) {
}
