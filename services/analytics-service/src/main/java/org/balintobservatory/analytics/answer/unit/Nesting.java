package org.balintobservatory.analytics.answer.unit;

import org.balintobservatory.analytics.readmodel.institution.GroupProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionProfile;
import org.balintobservatory.analytics.readmodel.institution.ProgrammeProfile;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;
import org.balintobservatory.analytics.release.disclosure.SuppressionPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one institution's units of one question nest, as the {@link SuppressionPlan} sees them: each group
 * in its programme's unit, each programme in its arm, and each arm (the institution-level unit) counting
 * every pair of its programmes.
 */
record Nesting(InstitutionProfile profile, UnitTable groups, UnitTable programmes) {

    static String id(String level, String unitId) {
        return level + ":" + unitId;
    }

    static String armId(String institutionId, String arm) {
        return "arm:" + institutionId + "|" + arm;
    }

    static String arm(ProgrammeProfile programme) {
        return String.valueOf(programme == null ? null : programme.arm());
    }

    List<SuppressionPlan.Unit> units() {
        List<SuppressionPlan.Unit> units = new ArrayList<>();
        String institution = profile.institutionId();
        Map<String, Long> arms = new TreeMap<>();
        programmes.units().forEach((unitId, moments) -> {
            String arm = arm(profile.programmes().get(local(unitId)));
            arms.merge(arm, moments.n(), Long::sum);
            units.add(new SuppressionPlan.Unit(id(UnitKey.PROGRAMME, unitId), moments.n(), armId(institution, arm)));
        });
        arms.forEach((arm, n) -> units.add(new SuppressionPlan.Unit(armId(institution, arm), n, null)));
        groups.units().forEach((unitId, moments) -> {
            GroupProfile group = profile.groups().get(local(unitId));
            String programme = group == null ? null : institution + "/" + group.programmeId();
            String parent = programme != null && programmes.units().containsKey(programme)
                    ? id(UnitKey.PROGRAMME, programme) : null;
            units.add(new SuppressionPlan.Unit(id(UnitKey.GROUP, unitId), moments.n(), parent));
        });
        return units;
    }

    private static String local(String unitId) {
        return unitId.substring(unitId.indexOf('/') + 1);
    }
}
