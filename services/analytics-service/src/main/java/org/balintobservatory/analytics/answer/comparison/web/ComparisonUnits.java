package org.balintobservatory.analytics.answer.comparison.web;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonEngine;
import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.comparison.engine.ControlledUnitData;
import org.balintobservatory.analytics.answer.comparison.engine.Moderator;
import org.balintobservatory.analytics.answer.comparison.engine.UnitData;
import org.balintobservatory.analytics.answer.unit.UnitCatalogue;
import org.balintobservatory.analytics.answer.unit.UnitReport;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.metaanalysis.effectsize.EffectMeasure;
import org.balintobservatory.support.access.Caller;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The units a comparison question selects, as every comparison endpoint reads them: the caller's units from
 * the scope {@link ReadScopes} gives (a release, or a school's live view), the query's filters applied, the
 * units disclosure control withholds counted and left out of every estimate, and units below the minimum
 * cell size suppressed. Every figure of every comparison, robustness, cumulative and bundle answer is
 * computed from what this returns, so one rule decides what any answer may be built from.
 *
 * <p>A unit is reshaped twice between the store and the answer: the {@link UnitCatalogue} reads it as a
 * {@link UnitReport}, this turns it into the engine's {@link UnitData}, and the engine's row is the row the
 * answer shows.
 */
@Component
public class ComparisonUnits {

    private final ReadScopes scopes;
    private final UnitCatalogue catalogue;

    public ComparisonUnits(ReadScopes scopes, UnitCatalogue catalogue) {
        this.scopes = scopes;
        this.catalogue = catalogue;
    }

    /**
     * @param scope      what the units were read from
     * @param direction  the scale's direction, {@code null} when no unit has scores yet
     * @param paired     the units the estimates may use, for SMCR and SMCC
     * @param controlled the institutions with both arms the estimates may use, for SMD
     * @param withheld   units the question selects that disclosure control keeps out of every estimate, by reason
     */
    record Selection(ReadScope scope, String direction, List<UnitData> paired, List<ControlledUnitData> controlled,
                     Withholding.Counts withheld) {

        /**
         * Small units are suppressed for every caller, a school looking at its own groups included: one rule
         * everywhere leaves nothing to difference between two callers' answers.
         */
        ComparisonEngine.Request request(ComparisonQuery query) {
            return new ComparisonEngine.Request(query.measure(), query.options(), scope.minCellSize());
        }

        ComparisonEngine.Comparison compare(ComparisonQuery query, Moderator by) {
            return query.measure() == EffectMeasure.SMD
                    ? ComparisonEngine.compareControlled(controlled, request(query), by)
                    : ComparisonEngine.compare(paired, request(query), by);
        }

        ComparisonEngine.Regression regress(ComparisonQuery query, List<Moderator> by) {
            return ComparisonEngine.regress(paired, request(query), by);
        }
    }

    Selection select(Caller caller, ReleaseChoice release, ComparisonQuery query) {
        ReadScope scope = scopes.of(caller, release);
        List<UnitReport> units = catalogue.load(scope, query.unit(), query.instrument(), query.scale(), query.from(),
                query.to(), query.since(), query.until()).units();
        String direction = units.stream().map(UnitReport::direction).filter(Objects::nonNull).map(Enum::name)
                .findFirst().orElse(null);
        List<UnitReport> selected = units.stream().filter(u -> query.accepts(u.moderators())).toList();
        List<UnitData> paired = selected.stream().filter(u -> !u.withheld()).map(u -> data(query, u)).toList();
        List<ControlledUnitData> controlled = new ArrayList<>();
        if (query.measure() == EffectMeasure.SMD) {
            Map<String, UnitData> control = new HashMap<>();
            paired.stream().filter(u -> u.moderators().arm() == Arm.CONTROL)
                    .forEach(u -> control.put(u.institutionId(), u));
            paired.stream().filter(u -> u.moderators().arm() == Arm.INTERVENTION).forEach(u -> {
                UnitData c = control.get(u.institutionId());
                if (c != null) {
                    controlled.add(new ControlledUnitData(u, c));
                }
            });
        }
        return new Selection(scope, direction, paired, controlled,
                Withholding.Counts.of(selected.stream().map(UnitReport::withholding).toList()));
    }

    /** The unit as the engine compares it; an institution comes once per arm, which its id alone would not tell. */
    private static UnitData data(ComparisonQuery query, UnitReport unit) {
        Arm arm = unit.moderators().arm();
        String unitId = query.unit().equals(UnitCatalogue.INSTITUTION) && arm != null
                ? unit.unitId() + " (" + arm.name() + ")" : unit.unitId();
        return new UnitData(unitId, unit.institutionId(), unit.moderators(), unit.state(), unit.heldBack(),
                unit.completedIn());
    }
}
