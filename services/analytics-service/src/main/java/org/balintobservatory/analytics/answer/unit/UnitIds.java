package org.balintobservatory.analytics.answer.unit;

import org.balintobservatory.support.pseudonym.Pseudonyms;
import org.springframework.stereotype.Component;

/**
 * The ids under which researchers see groups and programmes: {@code institutionId/g-…} and
 * {@code institutionId/p-…}, 64 bits of a keyed hash of the school's own id, so a researcher can follow a
 * unit from answer to answer and release to release but never learns what the school calls it (a name
 * chosen by a school can say more than it should). The key is the institution's pseudonym key (see
 * {@link Pseudonyms}), applied to {@code unit:<level>:<localId>}, a message no participant id can equal
 * because participant ids have no colon.
 */
@Component
public class UnitIds {

    private static final int LETTERS = 16;

    private final Pseudonyms pseudonyms;

    public UnitIds(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** The researcher's id of a unit; institution-level units keep the institution's id. */
    public String opaque(String level, String unitId) {
        int slash = unitId.indexOf('/');
        if (slash < 0) {
            return unitId;
        }
        String institution = unitId.substring(0, slash);
        String digest = pseudonyms.of(institution, "unit:" + level + ":" + unitId.substring(slash + 1));
        return institution + "/" + level.charAt(0) + "-" + digest.substring(3, 3 + LETTERS);
    }
}
