package org.balintobservatory.analytics.answer.comparison.engine;

/**
 * A controlled comparison within one institution: its INTERVENTION programmes and its CONTROL programmes,
 * each merged into one unit, on one scale between two timepoints. The comparison is known by its
 * intervention arm.
 */
public record ControlledUnitData(UnitData intervention, UnitData control) {

    /** Why the comparison shows an earlier release's figures: either arm's reason, the intervention's first. */
    String heldBack() {
        return intervention.heldBack() != null ? intervention.heldBack() : control.heldBack();
    }
}
