package org.balintobservatory.analytics.readmodel.unit;

import org.balintobservatory.contract.survey.Timepoint;

/**
 * One analysis unit's paired comparison: a unit (a group or a programme) × instrument × scale × a pair
 * of timepoints.
 *
 * @param level       {@code group} or {@code programme}
 * @param unitId      the unit's aggregate id, {@code institutionId/localId}
 * @param from        the earlier timepoint
 * @param to          the later timepoint
 */
public record UnitKey(String level, String unitId, String institutionId, String instrumentId, String scale,
                      Timepoint from, Timepoint to) {

    public static final String GROUP = "group";
    public static final String PROGRAMME = "programme";

    /** The id of the unit's pairs document: every part of the key, so that one {@code $in} finds a batch's units. */
    public String id() {
        return level + ":" + unitId + "|" + instrumentId + "|" + scale + "|" + from + ">" + to;
    }

    /** The id of the {@link UnitTable} that lists this unit among its institution's. */
    public String tableId() {
        return UnitTable.id(level, instrumentId, scale, from, to, institutionId);
    }
}
