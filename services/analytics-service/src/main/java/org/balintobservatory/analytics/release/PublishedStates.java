package org.balintobservatory.analytics.release;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.balintobservatory.analytics.release.disclosure.ReleasePolicy;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every state of every unit that a data release has published, once: the unit's contributors (each
 * participant's {@linkplain ReleasePolicy#fingerprint fingerprint}, for an arm the union of its programmes')
 * and the first release that published them. What {@link ReleasePolicy} compares a new release with besides
 * the previous release's members, so that no two releases, successive or not, differ in a unit by 1 to t − 1
 * participants. Internal to the service, like the members: fingerprints, never scores, and never in an answer.
 *
 * <p>Why one collection of distinct states rather than reading every earlier release: a cut reads each
 * institution's units question by question, and reading the members of every earlier release would cost one
 * read per release each time, so a cut would grow with the number of releases (daily releases: hundreds of
 * reads per question after a year) and the releases together with its square. A unit's state changes only
 * when a release publishes a change, by at least t participants or a held one once enough has changed, so it
 * has few distinct states however many releases there are: a cut reads them with one query per institution
 * and question, as it reads the previous release's members, and writes only the states that are new. A unit
 * that drops out of the read models keeps its states here, so they are compared with if it comes back.
 *
 * <p>A state is recorded before the release's record is published. A cut that fails after recording some
 * leaves them, marked with the release it would have been: the cut that takes its number again does not
 * count them as earlier, a later one does, which can only hold more back; nothing here is ever removed, so
 * a state once published is compared with for good.
 */
@Component
public class PublishedStates {

    static final String COLLECTION = "analytics_release_states";

    private final MongoCollection<Document> states;

    public PublishedStates(MongoDatabase database) {
        this.states = database.getCollection(COLLECTION);
    }

    /** The index a cut reads by; creating one that exists is a no-op. */
    void prepare() {
        states.createIndex(Indexes.ascending("unit"));
    }

    /** By unit id, every distinct state that a release before {@code release} published of the unit. */
    Map<String, List<Map<String, String>>> before(int release, Collection<String> units) {
        Map<String, List<Map<String, String>>> found = new HashMap<>();
        if (units.isEmpty()) {
            return found;
        }
        for (Document doc : states.find(Filters.and(Filters.in("unit", units), Filters.lt("first", release)))) {
            Map<String, String> contributors = new HashMap<>();
            doc.getList("contributors", Document.class, List.of())
                    .forEach(c -> contributors.put(c.getString("participant"), c.getString("fingerprint")));
            found.computeIfAbsent(doc.getString("unit"), u -> new ArrayList<>()).add(contributors);
        }
        return found;
    }

    /**
     * Records that release {@code release} publishes these states, by unit id; a state recorded already
     * keeps the first release that published it.
     */
    void record(int release, Map<String, Map<String, String>> published) {
        List<WriteModel<Document>> writes = new ArrayList<>(published.size());
        published.forEach((unit, contributors) -> {
            List<Document> entries = new ArrayList<>(contributors.size());
            new TreeMap<>(contributors).forEach((participant, fingerprint) -> entries.add(
                    new Document("participant", participant).append("fingerprint", fingerprint)));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", unit + "#" + digest(contributors)),
                    Updates.combine(Updates.setOnInsert("unit", unit), Updates.setOnInsert("contributors", entries),
                            Updates.min("first", release)),
                    new UpdateOptions().upsert(true)));
        });
        if (!writes.isEmpty()) {
            states.bulkWrite(writes);
        }
    }

    /** SHA-256 over the state's contributions in participant order: equal states, equal ids. */
    private static String digest(Map<String, String> contributors) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(contributors).forEach((participant, fingerprint) ->
                text.append(participant).append('=').append(fingerprint).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
