package org.balintobservatory.analytics.unit;

import com.mongodb.client.model.Filters;
import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.group.GroupSummary;
import org.balintobservatory.analytics.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.programme.ProgrammeSummary;
import org.balintobservatory.analytics.readmodel.Generations;
import org.balintobservatory.analytics.readmodel.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.ReadModel;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.group.GroupDesign;
import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.web.RuleViolationException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Paired pre–post statistics per analysis unit, with the moderators that describe each unit: the input
 * of a meta-analysis, read from stored moments without touching a single raw event.
 *
 * <p>Researchers see only units with at least the minimum cell size of pairs; a school sees all of its own.
 *
 * <p>Groups and programmes are stored units. Institutions are merged from their programmes at query time
 * (Chan's formula), one per institution and arm, because an institution may run an intervention and a
 * control cohort, and pooling those would mix the arms.
 */
@RestController
@RequestMapping("/api/v1/analytics/units")
public class UnitAnalyticsController {

    private final UnitCatalogue catalogue;
    private final int minCellSize;

    public UnitAnalyticsController(UnitCatalogue catalogue, AnalyticsProperties properties) {
        this.catalogue = catalogue;
        this.minCellSize = properties.minCellSize();
    }

    /**
     * @param withheld    units left out because they have fewer pairs than the minimum cell size (only for
     *                    callers outside the unit's institution)
     * @param logPosition the per-partition offsets this answer reflects
     */
    public record UnitsAnswer(String level, String instrumentId, String scale, Timepoint from, Timepoint to,
                              List<UnitCatalogue.UnitReport> units, int withheld, Map<String, Long> logPosition, int generation) {
    }

    @Allowed({Role.SCHOOL, Role.RESEARCHER, Role.ADMIN})
    @GetMapping
    UnitsAnswer units(Caller caller,
                      @RequestParam(defaultValue = "group") String level,
                      @RequestParam String instrument,
                      @RequestParam(defaultValue = "total") String scale,
                      @RequestParam(defaultValue = "BASELINE") Timepoint from,
                      @RequestParam(defaultValue = "POST") Timepoint to) {
        if (!List.of(UnitKey.GROUP, UnitKey.PROGRAMME, UnitCatalogue.INSTITUTION).contains(level)) {
            throw new RuleViolationException("level", "one-of", "level must be group, programme or institution");
        }
        if (from.compareTo(to) >= 0) {
            throw new RuleViolationException("to", "after-from", "to must be a later timepoint than from");
        }
        UnitCatalogue.Loaded loaded = catalogue.load(caller, level, instrument, scale, from, to);
        List<UnitCatalogue.UnitReport> units = loaded.units();
        List<UnitCatalogue.UnitReport> shown = caller.role() == Role.SCHOOL ? units
                : units.stream().filter(u -> u.n() >= minCellSize).toList();
        return new UnitsAnswer(level, instrument, scale, from, to, shown, units.size() - shown.size(),
                loaded.logPosition(), loaded.generation());
    }
}
