package org.balintobservatory.analytics.answer.unit;

import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Paired pre–post statistics per analysis unit, with the moderators that describe each unit: the input
 * of a meta-analysis, read from stored moments without touching a single raw event.
 *
 * <p>A school sees all of its own units with their moments. Researchers see the units disclosure control
 * lets them (at least the minimum cell size of pairs, and no unit another level would give away), under
 * opaque ids and without moments.
 *
 * <p>Groups and programmes are stored units. Institutions are merged from their programmes at query time
 * (Chan's formula), one per institution and arm, because an institution may run an intervention and a
 * control cohort, and pooling those would mix the arms.
 *
 * <p>The list comes in pages of at most {@value #MAX_LIMIT} units in unit id order; {@code next} is the
 * {@code after} of the following page.
 */
@RestController
@RequestMapping("/api/v1/analytics/units")
public class UnitAnalyticsController {

    static final int MAX_LIMIT = 5000;

    private final UnitCatalogue catalogue;
    private final ReadScopes scopes;

    public UnitAnalyticsController(UnitCatalogue catalogue, ReadScopes scopes) {
        this.catalogue = catalogue;
        this.scopes = scopes;
    }

    /**
     * @param withheld    units with pairs disclosure control leaves out (only for callers outside the unit's
     *                    institution)
     * @param withheldUnits the same by reason
     * @param total       units shown over all pages
     * @param next        the {@code after} of the next page, absent on the last one
     * @param logPosition the per-partition offsets this answer reflects
     * @param release     what the answer comes from: a data release, or a school's live view
     */
    public record UnitsAnswer(String level, String instrumentId, String scale, Timepoint from, Timepoint to,
                              List<UnitReport> units, int withheld, Withholding.Counts withheldUnits,
                              int total, String next,
                              Map<String, Long> logPosition, int generation, ReleaseLabel release) {
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping
    UnitsAnswer units(Caller caller,
                      @RequestParam(defaultValue = "group") String level,
                      @RequestParam String instrument,
                      @RequestParam(defaultValue = "total") String scale,
                      @RequestParam(defaultValue = "BASELINE") Timepoint from,
                      @RequestParam(defaultValue = "POST") Timepoint to,
                      @RequestParam(required = false) String after,
                      @RequestParam(defaultValue = "1000") int limit,
                      ReleaseChoice release) {
        if (!List.of(UnitKey.GROUP, UnitKey.PROGRAMME, UnitCatalogue.INSTITUTION).contains(level)) {
            throw new RuleViolationException("level", "one-of", "level must be group, programme or institution");
        }
        if (from.compareTo(to) >= 0) {
            throw new RuleViolationException("to", "after-from", "to must be a later timepoint than from");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new RuleViolationException("limit", "range", "limit must be between 1 and " + MAX_LIMIT);
        }
        ReadScope scope = scopes.of(caller, release);
        List<UnitReport> units = catalogue.load(scope, level, instrument, scale, from, to).units();
        // A school sees all of its own units; a release shows what disclosure control lets it.
        List<UnitReport> shown = scope.live() ? units
                : units.stream().filter(u -> !u.withheld()).toList();
        List<UnitReport> rest = shown.stream()
                .filter(u -> after == null || UnitCatalogue.orderKey(level, u).compareTo(after) > 0).toList();
        List<UnitReport> page = rest.subList(0, Math.min(limit, rest.size()));
        String next = rest.size() > page.size() ? UnitCatalogue.orderKey(level, page.get(page.size() - 1)) : null;
        Withholding.Counts withheld = scope.live() ? Withholding.Counts.NONE
                : Withholding.Counts.of(units.stream().map(UnitReport::withholding).toList());
        return new UnitsAnswer(level, instrument, scale, from, to, page, withheld.total(), withheld, shown.size(),
                next, scope.logPosition(), scope.generation(), scope.label());
    }
}
