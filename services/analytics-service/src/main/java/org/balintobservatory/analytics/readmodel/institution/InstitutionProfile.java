package org.balintobservatory.analytics.readmodel.institution;

import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.balintobservatory.analytics.readmodel.store.Documents.list;

/**
 * One institution's groups and programmes as analysis describes them: one document per institution,
 * the moderators of every unit a comparison over that institution reports, and nothing of any history.
 * Each entry is overwritten from its group's or programme's summary after a change, so rewriting it is
 * idempotent.
 */
public final class InstitutionProfile {

    final String institutionId;
    final Map<String, GroupProfile> groups = new TreeMap<>();
    final Map<String, ProgrammeProfile> programmes = new TreeMap<>();

    public InstitutionProfile(String institutionId) {
        this.institutionId = institutionId;
    }

    public String institutionId() {
        return institutionId;
    }

    /** Groups by their local id. */
    public Map<String, GroupProfile> groups() {
        return Collections.unmodifiableMap(groups);
    }

    /** Programmes by their local id. */
    public Map<String, ProgrammeProfile> programmes() {
        return Collections.unmodifiableMap(programmes);
    }

    /** @return whether it changed anything */
    public boolean put(GroupProfile group) {
        return !Objects.equals(groups.put(group.groupId(), group), group);
    }

    /** @return whether it changed anything */
    public boolean put(ProgrammeProfile programme) {
        return !Objects.equals(programmes.put(programme.programmeId(), programme), programme);
    }

    public Document toDocument() {
        List<Document> g = new ArrayList<>(groups.size());
        groups.values().forEach(p -> g.add(p.toDocument()));
        List<Document> p = new ArrayList<>(programmes.size());
        programmes.values().forEach(q -> p.add(q.toDocument()));
        return new Document("_id", institutionId).append("institutionId", institutionId)
                .append("groups", g).append("programmes", p);
    }

    public static InstitutionProfile fromDocument(Document doc) {
        InstitutionProfile profile = new InstitutionProfile(doc.getString("_id"));
        list(doc, "groups").forEach(d -> {
            GroupProfile g = GroupProfile.fromDocument(d);
            profile.groups.put(g.groupId(), g);
        });
        list(doc, "programmes").forEach(d -> {
            ProgrammeProfile p = ProgrammeProfile.fromDocument(d);
            profile.programmes.put(p.programmeId(), p);
        });
        return profile;
    }
}
