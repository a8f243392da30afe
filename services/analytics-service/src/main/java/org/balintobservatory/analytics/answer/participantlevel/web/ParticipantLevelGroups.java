package org.balintobservatory.analytics.answer.participantlevel.web;

import org.balintobservatory.analytics.answer.participantlevel.engine.GroupData;
import org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelEngine;
import org.balintobservatory.analytics.answer.participantlevel.engine.ParticipantLevelQuery;
import org.balintobservatory.analytics.answer.unit.UnitCatalogue;
import org.balintobservatory.analytics.answer.unit.UnitIds;
import org.balintobservatory.analytics.answer.unit.UnitReport;
import org.balintobservatory.analytics.readmodel.participant.DoseMoments;
import org.balintobservatory.analytics.readmodel.participant.DoseTables;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;
import org.balintobservatory.analytics.release.disclosure.Withholding;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseChoice;
import org.balintobservatory.support.access.Caller;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups a participant-level question is fitted from, and the fit: exactly the group units a comparison of
 * the same scale shows the caller ({@link UnitCatalogue}: the release's units, or a school's own live, with
 * every unit disclosure control withholds left out and counted), each with its participants' dose moments. A
 * release answers from the dose tables it stored when it was cut; a school's live view computes them from its
 * participants at the current log position.
 *
 * <p>Cost: the units as a comparison reads them, plus one {@code $in} over the institutions' dose tables (a
 * release) or the school's participant documents (live). Fits are kept by what they were read from and the
 * question: a release never changes, and a live view is kept only for the log position it was read at.
 */
@Component
public class ParticipantLevelGroups {

    /**
     * Fits kept, the most recently asked: a fit holds each group's sufficient statistics (about a kilobyte a group
     * with ten terms), so a few are kept, enough for a researcher moving between the page's choices.
     */
    static final int REMEMBERED = 4;

    private final ReadScopes scopes;
    private final UnitCatalogue catalogue;
    private final UnitIds unitIds;
    private final Map<String, Fitted> fitted = Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Fitted> eldest) {
            return size() > REMEMBERED;
        }
    });

    public ParticipantLevelGroups(ReadScopes scopes, UnitCatalogue catalogue, UnitIds unitIds) {
        this.scopes = scopes;
        this.catalogue = catalogue;
        this.unitIds = unitIds;
    }

    /**
     * @param groups   the groups fitted from, with their dose moments
     * @param withheld group units with pairs that disclosure control keeps out, by reason
     * @param undosed  group units shown but without dose moments in the release (cut before they were kept)
     */
    record Selection(ReadScope scope, List<GroupData> groups, Withholding.Counts withheld, int undosed) {
    }

    record Fitted(Selection selection, ParticipantLevelEngine.Result result) {
    }

    Fitted fit(Caller caller, ReleaseChoice release, ParticipantLevelQuery query) {
        ReadScope scope = scopes.of(caller, release);
        String key = String.join("|", scope.live() ? "live:" + scope.institutionId() + "@" + scope.generation()
                        + scope.logPosition() : "release:" + scope.release().id(), query.scores().instrument(),
                query.scores().scale(), query.scores().from().name(), query.scores().to().name(),
                query.moderators().toString(), query.dose().name(), query.method().name());
        Fitted known = fitted.get(key);
        if (known != null) {
            return known;
        }
        Selection selection = select(scope, query);
        // A school's own institution is one cluster: its groups have no institution above them to vary by.
        boolean nested = !scope.live() && selection.groups().stream().map(GroupData::institutionId).distinct()
                .count() > 1;
        Fitted answer = new Fitted(selection, ParticipantLevelEngine.fit(selection.groups(), query, nested,
                scope.minCellSize()));
        fitted.put(key, answer);
        return answer;
    }

    Selection select(ReadScope scope, ParticipantLevelQuery query) {
        var q = query.scores();
        List<UnitReport> units = catalogue.load(scope, UnitKey.GROUP, q.instrument(), q.scale(), q.from(), q.to())
                .units();
        List<String> institutions = units.stream().map(UnitReport::institutionId).distinct().toList();
        Map<String, String> tableIds = new HashMap<>();
        institutions.forEach(i -> tableIds.put(i, UnitTable.id(UnitKey.GROUP, q.instrument(), q.scale(), q.from(),
                q.to(), i)));
        Map<String, Map<String, DoseMoments>> tables = scope.live()
                ? DoseTables.of(DoseTables.participants(scope.store(), scope.institutionId()))
                : DoseTables.read(scope.store(), tableIds.values());
        // Group units by the id the caller sees them under.
        Map<String, DoseMoments> doses = new HashMap<>();
        tables.values().forEach(table -> table.forEach((unitId, moments) ->
                doses.put(scope.live() ? unitId : unitIds.opaque(UnitKey.GROUP, unitId), moments)));
        List<GroupData> groups = new ArrayList<>();
        int undosed = 0;
        for (UnitReport u : units) {
            if (u.withheld()) {
                continue;
            }
            DoseMoments moments = doses.get(u.unitId());
            if (moments == null || moments.n() != u.n()) {
                undosed++;
                continue;
            }
            groups.add(new GroupData(u.unitId(), u.institutionId(), u.moderators(), moments, u.state()));
        }
        return new Selection(scope, groups, Withholding.Counts.of(units.stream().map(UnitReport::withholding)
                .toList()), undosed);
    }
}
