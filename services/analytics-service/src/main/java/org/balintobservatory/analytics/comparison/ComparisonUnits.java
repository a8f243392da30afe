package org.balintobservatory.analytics.comparison;

import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.disclosure.Withholding;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.support.access.Caller;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units a comparison question selects, as every comparison endpoint reads them: the caller's units from
 * the release asked (or a school's live view), the query's filters applied, the units disclosure control
 * withholds counted and left out of every estimate, and units below the minimum cell size suppressed. Every
 * figure of every comparison, robustness and cumulative answer is computed from what this returns, so one
 * rule decides what any answer may be built from.
 */
@Component
public class ComparisonUnits {

    private final UnitSource units;
    private final int minCellSize;

    public ComparisonUnits(UnitSource units, AnalyticsProperties properties) {
        this.units = units;
        this.minCellSize = properties.minCellSize();
    }

    /**
     * @param withheld units the question selects that disclosure control keeps out of every estimate, by reason
     * @param heldBack by the unit id a row shows, why the row has an earlier release's figures: its unit, or
     *                 for SMD either arm, was held back by the release
     */
    record Loaded(UnitSource.LoadedUnits source, List<UnitData> paired, List<ControlledUnitData> controlled,
                          Withholding.Counts withheld, Map<String, String> heldBack) {
    }

    Loaded load(Caller caller, ComparisonQuery query, String release) {
        UnitSource.LoadedUnits loaded = units.load(caller, query.unit(), query.instrument(), query.scale(),
                query.from(), query.to(), query.since(), query.until(), release);
        List<UnitSource.LoadedUnit> selected = loaded.units().stream().filter(u -> query.accepts(u.profile())).toList();
        List<UnitSource.LoadedUnit> accepted = selected.stream().filter(u -> !u.withheld()).toList();
        List<UnitData> paired = accepted.stream().map(u -> new UnitData(u.profile(), u.moments())).toList();
        List<ControlledUnitData> controlled = new ArrayList<>();
        Map<String, String> heldBack = new HashMap<>();
        accepted.stream().filter(u -> u.heldBack() != null).forEach(u -> heldBack.put(u.profile().unitId(), u.heldBack()));
        if (query.measure() == EffectMeasure.SMD) {
            Map<String, UnitSource.LoadedUnit> control = new HashMap<>();
            accepted.stream().filter(u -> "CONTROL".equals(u.profile().arm()))
                    .forEach(u -> control.put(u.profile().institutionId(), u));
            accepted.stream().filter(u -> "INTERVENTION".equals(u.profile().arm())).forEach(u -> {
                UnitSource.LoadedUnit c = control.get(u.profile().institutionId());
                if (c != null) {
                    controlled.add(new ControlledUnitData(u.profile(), u.moments(), c.moments()));
                    if (c.heldBack() != null) {
                        heldBack.putIfAbsent(u.profile().unitId(), c.heldBack());
                    }
                }
            });
        }
        return new Loaded(loaded, paired, controlled,
                Withholding.Counts.of(selected.stream().map(UnitSource.LoadedUnit::withholding).toList()), heldBack);
    }

    ComparisonEngine.Comparison compare(Loaded loaded, ComparisonQuery query, Moderator by) {
        ComparisonEngine.Request request = request(query);
        return query.measure() == EffectMeasure.SMD
                ? ComparisonEngine.compareControlled(loaded.controlled(), request, by)
                : ComparisonEngine.compare(loaded.paired(), request, by);
    }

    /**
     * Small units are suppressed for every caller, a school looking at its own groups included: one rule
     * everywhere leaves nothing to difference between two callers' answers.
     */
    ComparisonEngine.Request request(ComparisonQuery query) {
        return new ComparisonEngine.Request(query.measure(), query.options(), minCellSize);
    }

    ComparisonController.Header header(ComparisonQuery query, Loaded loaded, List<ComparisonEngine.Row> rows, int belowThreshold) {
        Withholding.Counts withheld = loaded.withheld().plusBelowThreshold(belowThreshold);
        return new ComparisonController.Header(query.instrument(), query.scale(), loaded.source().direction(), query.from(), query.to(),
                query.unit(), query.measure(), query.method(), query.test().name().toLowerCase(java.util.Locale.ROOT),
                query.model().parameter(), query.robust() ? "cr2" : "none", rows.size(),
                rows.stream().mapToLong(ComparisonEngine.Row::n).sum(), withheld.total(), withheld, minCellSize, loaded.source().logPosition(), loaded.source().generation(), loaded.source().release());
    }
}
