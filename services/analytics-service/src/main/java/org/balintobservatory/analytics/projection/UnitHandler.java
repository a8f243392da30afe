package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.readmodel.institution.InstitutionTotals;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.unit.PairContribution;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.readmodel.unit.UnitPairs;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code unit_pairs} and {@code unit_tables} read models: every participant whose pairs differ before
 * and after the batch sets them in their units, and each touched unit's entry in its institution's table
 * is copied from its pairs, whether or not they changed (a crash may have written them already).
 */
final class UnitHandler implements ReadModelHandler {

    private final Map<String, UnitPairs> touchedUnits = new TreeMap<>();
    private final Set<UnitTable> changedTables = new LinkedHashSet<>();

    @Override
    public void apply(ProjectionBatch batch) {
        Map<String, Map<String, PairContribution>> pairChanges = new LinkedHashMap<>();
        Set<String> unitIds = new TreeSet<>();
        for (String key : batch.changedParticipants) {
            Map<String, PairContribution> before = batch.pairsBefore.getOrDefault(key, Map.of());
            Map<String, PairContribution> after = batch.participants.get(key).contributions();
            Set<String> units = new HashSet<>(before.keySet());
            units.addAll(after.keySet());
            units.removeIf(id -> Objects.equals(before.get(id), after.get(id)));
            if (!units.isEmpty()) {
                Map<String, PairContribution> changes = new HashMap<>();
                units.forEach(id -> changes.put(id, after.get(id)));
                pairChanges.put(key, changes);
                unitIds.addAll(units);
            }
        }
        Map<String, UnitPairs> units = batch.load(ReadModel.UNIT_PAIRS, unitIds, UnitPairs::fromDocument);
        pairChanges.forEach((key, changes) -> changes.forEach((unitId, contribution) -> {
            UnitPairs unit = units.get(unitId);
            if (unit == null) {
                if (contribution == null) {
                    return;
                }
                unit = new UnitPairs(contribution.unit());
                units.put(unitId, unit);
            }
            touchedUnits.put(unitId, unit);
            unit.set(key, contribution);
        }));

        Set<String> tableIds = new TreeSet<>();
        touchedUnits.values().forEach(u -> tableIds.add(u.key().tableId()));
        Map<String, UnitTable> tables = batch.load(ReadModel.UNIT_TABLES, tableIds, UnitTable::fromDocument);
        for (UnitPairs unit : touchedUnits.values()) {
            UnitTable table = tables.computeIfAbsent(unit.key().tableId(), id -> UnitTable.of(unit.key()));
            if (table.set(unit)) {
                changedTables.add(table);
            }
            if (table.level().equals(UnitKey.GROUP)) {
                batch.scalesSeen.computeIfAbsent(table.institutionId(), k -> new ArrayList<>())
                        .add(new InstitutionTotals.Table(table.instrumentId(), table.scale(), table.from(), table.to(),
                                table.direction() == null ? null : table.direction().name()));
            }
        }
    }

    @Override
    public void write(ProjectionBatch batch) {
        batch.write(ReadModel.UNIT_PAIRS, touchedUnits.values(), UnitPairs::toDocument);
        batch.write(ReadModel.UNIT_TABLES, changedTables, UnitTable::toDocument);
    }
}
