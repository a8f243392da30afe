package org.balintobservatory.analytics.release;

import org.balintobservatory.analytics.AnalyticsProperties;
import org.balintobservatory.analytics.ingest.LogPosition;
import org.balintobservatory.analytics.readmodel.institution.InstitutionCatalogue;
import org.balintobservatory.analytics.readmodel.institution.InstitutionProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionTotals;
import org.balintobservatory.analytics.readmodel.institution.ProgrammeProfile;
import org.balintobservatory.analytics.readmodel.participant.DoseMoments;
import org.balintobservatory.analytics.readmodel.participant.DoseTables;
import org.balintobservatory.analytics.readmodel.release.DataRelease;
import org.balintobservatory.analytics.readmodel.release.DataReleases;
import org.balintobservatory.analytics.readmodel.store.Generations;
import org.balintobservatory.analytics.readmodel.store.Leases;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;
import org.balintobservatory.analytics.release.disclosure.ReleasePolicy;
import org.balintobservatory.support.domain.RuleViolationException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.balintobservatory.analytics.readmodel.store.Documents.doubleValue;

/**
 * Data releases: cutting one from the active generation, and finding the one a researcher's question is
 * answered from.
 *
 * <p>A cut copies the query-shaped read models (catalogue, institution profiles and totals, unit tables)
 * into collections of its own, institution by institution, so it needs memory for one institution at a
 * time. For each question and institution it reads every unit's contributors (the projection's unit
 * pairs: each participant's pair of scores, kept as a {@linkplain ReleasePolicy#fingerprint fingerprint}),
 * what the previous release published and every other state an earlier release published of the same units
 * ({@link PublishedStates}, one query per institution and question however many releases there are), and
 * lets the {@link ReleasePolicy} hold back every unit that would differ from any of them by 1 to t − 1
 * participants who joined, left or changed their values; a held unit keeps its previous entry, and the
 * release's table names it as held back. The fingerprints are stored with the release
 * ({@link ReadModel#RELEASE_MEMBERS}) for the next cut to compare with, every new state of a unit or an arm
 * among the published states, and neither leaves the service. Releases published before states were
 * recorded have theirs recorded first, once. Each institution's participants are read once per cut, to store
 * its groups' dose tables ({@link DoseTables}) beside the unit tables, held back with them: a participant-level
 * answer from the release is fitted from those, never from the participants as they are later. The release's
 * record is published last
 * ({@link DataReleases#publish}): until then no answer can name it.
 */
@Component
public class ReleaseCutter {

    private static final Logger log = LoggerFactory.getLogger(ReleaseCutter.class);
    private static final int INSTITUTIONS_PER_READ = 20;
    private static final int STATES_PER_WRITE = 500;
    private static final String NAME = "[a-z0-9][a-z0-9-]{0,39}";
    /** One cut at a time across the instances of the service; renewed after every few institutions. */
    static final String LEASE = "release-cut";
    private static final Duration LEASE_TTL = Duration.ofMinutes(2);

    private final DataReleases releases;
    private final PublishedStates states;
    private final Generations generations;
    private final LogPosition position;
    private final Leases leases;
    private final Clock clock;
    private final int minCellSize;

    public ReleaseCutter(DataReleases releases, PublishedStates states, Generations generations, LogPosition position,
                         Leases leases, Clock clock, AnalyticsProperties properties) {
        this.releases = releases;
        this.states = states;
        this.leases = leases;
        this.generations = generations;
        this.position = position;
        this.clock = clock;
        this.minCellSize = properties.minCellSize();
    }

    /**
     * Cuts a release of the active generation as it is now.
     *
     * @throws ErrorResponseException 409 while another instance cuts one
     * @param name its name, or {@code null} for {@code release-<id>}
     */
    public synchronized DataRelease cut(String name) {
        if (name != null && !name.matches(NAME)) {
            throw new RuleViolationException("name", "pattern", "a release name matches " + NAME);
        }
        try (Leases.Lease lease = leases.acquire(LEASE, LEASE_TTL).orElseThrow(ReleaseCutter::beingCut)) {
            return cut(name, lease);
        }
    }

    private static ErrorResponseException beingCut() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "another instance of the service is cutting a data release; list the releases when it is done");
        problem.setTitle("A data release is being cut");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private DataRelease cut(String name, Leases.Lease lease) {
        if (name != null && releases.list().stream().anyMatch(r -> r.name().equals(name))) {
            throw new RuleViolationException("name", "unique", "a release named " + name + " exists already");
        }
        states.prepare();
        recordStatesOfEarlierReleases(lease);
        generations.refresh();
        Map<String, Long> at = position.snapshot();
        MongoReadModelStore live = generations.activeStore();
        Optional<DataRelease> previous = releases.latest();
        int id = previous.map(r -> r.id() + 1).orElse(1);
        MongoReadModelStore target = releases.newStore(id, generations.active());
        MongoReadModelStore before = previous.map(releases::store).orElse(null);

        List<String> institutions = InstitutionCatalogue.read(live);
        live.find(ReadModel.CATALOGUE, InstitutionCatalogue.ID).ifPresent(d -> target.write(ReadModel.CATALOGUE, List.of(d)));
        Set<String> versions = new TreeSet<>();
        long units = 0;
        long held = 0;
        for (int from = 0; from < institutions.size(); from += INSTITUTIONS_PER_READ) {
            lease.renew();
            List<String> chunk = institutions.subList(from, Math.min(institutions.size(), from + INSTITUTIONS_PER_READ));
            Map<String, Document> profiles = live.load(ReadModel.INSTITUTIONS, chunk);
            Map<String, Document> totals = live.load(ReadModel.INSTITUTION_TOTALS, chunk);
            target.write(ReadModel.INSTITUTIONS, profiles.values());
            target.write(ReadModel.INSTITUTION_TOTALS, totals.values());
            for (String institution : chunk) {
                if (!totals.containsKey(institution)) {
                    continue;
                }
                InstitutionTotals t = InstitutionTotals.fromDocument(totals.get(institution));
                versions.addAll(t.instrumentVersions());
                InstitutionProfile profile = profiles.containsKey(institution)
                        ? InstitutionProfile.fromDocument(profiles.get(institution)) : new InstitutionProfile(institution);
                Map<String, Map<String, DoseMoments>> doses = DoseTables.of(DoseTables.participants(live, institution));
                for (InstitutionTotals.Table question : t.tables()) {
                    long[] counts = cutQuestion(id, live, before, target, profile, question, doses);
                    units += counts[0];
                    held += counts[1];
                }
            }
        }
        // At the store's precision, so that the cut's answer and every later listing give the same time.
        Instant cutAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        DataRelease release = new DataRelease(id, name == null ? "release-" + id : name, cutAt, at,
                generations.active(), minCellSize, List.copyOf(versions), units, held);
        releases.publish(release);
        log.info("data release {} ({}) cut at {}: {} units, {} held back", release.id(), release.name(), at, units, held);
        return release;
    }

    /**
     * One institution's group and programme tables of one question, and its groups' dose tables: decided,
     * written; returns {units, held}.
     *
     * @param doses the institution's dose tables now, by table id
     */
    private long[] cutQuestion(int releaseId, MongoReadModelStore live, MongoReadModelStore before,
                               MongoReadModelStore target, InstitutionProfile profile, InstitutionTotals.Table question,
                               Map<String, Map<String, DoseMoments>> doses) {
        String institution = profile.institutionId();
        String groupTableId = UnitTable.id(UnitKey.GROUP, question.instrumentId(), question.scale(), question.from(),
                question.to(), institution);
        String programmeTableId = UnitTable.id(UnitKey.PROGRAMME, question.instrumentId(), question.scale(),
                question.from(), question.to(), institution);
        List<String> tableIds = List.of(groupTableId, programmeTableId);
        Map<String, UnitTable> now = tables(live.load(ReadModel.UNIT_TABLES, tableIds));
        Map<String, UnitTable> then = before == null ? Map.of() : tables(before.load(ReadModel.UNIT_TABLES, tableIds));

        // Every unit by the id of its pairs document, now and as last published.
        Map<String, UnitKey> keys = new LinkedHashMap<>();
        for (Map<String, UnitTable> side : List.of(now, then)) {
            side.values().forEach(table -> table.units().keySet().forEach(unitId -> {
                UnitKey key = new UnitKey(table.level(), unitId, institution, table.instrumentId(), table.scale(),
                        table.from(), table.to());
                keys.put(key.id(), key);
            }));
        }
        Map<String, Map<String, String>> contributors = new HashMap<>();
        live.load(ReadModel.UNIT_PAIRS, keys.keySet()).forEach((id, doc) -> contributors.put(id, pairs(doc)));
        Map<String, Map<String, String>> published = new HashMap<>();
        if (before != null) {
            before.load(ReadModel.RELEASE_MEMBERS, keys.keySet())
                    .forEach((id, doc) -> published.put(id, releasedContributors(doc)));
        }

        List<ReleasePolicy.Unit> nesting = new ArrayList<>();
        Set<String> arms = new TreeSet<>();
        keys.forEach((id, key) -> {
            String local = key.unitId().substring(key.unitId().indexOf('/') + 1);
            String parent;
            if (key.level().equals(UnitKey.PROGRAMME)) {
                ProgrammeProfile programme = profile.programmes().get(local);
                parent = armId(id, institution, programme);
                arms.add(parent);
            } else {
                var group = profile.groups().get(local);
                String programme = group == null ? null : new UnitKey(UnitKey.PROGRAMME,
                        institution + "/" + group.programmeId(), institution, key.instrumentId(), key.scale(),
                        key.from(), key.to()).id();
                parent = programme != null && keys.containsKey(programme) ? programme : null;
            }
            nesting.add(new ReleasePolicy.Unit(id, parent, contributors.getOrDefault(id, Map.of())));
        });
        arms.forEach(arm -> nesting.add(new ReleasePolicy.Unit(arm, null, null)));
        Set<String> judged = new TreeSet<>(keys.keySet());
        judged.addAll(arms);
        Map<String, List<Map<String, String>>> earlier = states.before(releaseId, judged);
        ReleasePolicy.Decision decision = ReleasePolicy.decide(published, earlier, nesting, minCellSize);

        List<Document> tables = new ArrayList<>();
        for (String tableId : tableIds) {
            UnitTable current = now.get(tableId);
            UnitTable last = then.get(tableId);
            UnitTable template = current != null ? current : last;
            if (template == null) {
                continue;
            }
            UnitTable release = new UnitTable(template.level(), template.instrumentId(), template.scale(),
                    template.from(), template.to(), institution);
            keys.forEach((id, key) -> {
                if (!key.level().equals(template.level())) {
                    return;
                }
                boolean held = decision.held().contains(id);
                UnitTable source = held ? last : current;
                if (source != null && source.units().containsKey(key.unitId())) {
                    release.put(key.unitId(), source.units().get(key.unitId()), template.direction(),
                            source.completedOn(key.unitId()));
                    if (held) {
                        release.holdBack(key.unitId());
                    }
                } else if (held && current != null && current.units().containsKey(key.unitId())) {
                    // Held with nothing published before: no figures, but counted among the units withheld.
                    release.holdBackUnpublished(key.unitId());
                }
            });
            tables.add(release.toDocument());
        }
        target.write(ReadModel.UNIT_TABLES, tables);
        cutDoses(groupTableId, keys, decision, published, contributors, before, target,
                doses.getOrDefault(groupTableId, Map.of()));
        List<Document> memberDocs = new ArrayList<>();
        decision.contributors().forEach((id, released) -> {
            if (keys.containsKey(id)) {
                List<Document> entries = new ArrayList<>(released.size());
                new TreeMap<>(released).forEach((participant, fingerprint) -> entries.add(
                        new Document("participant", participant).append("fingerprint", fingerprint)));
                memberDocs.add(new Document("_id", id).append("contributors", entries));
            }
        });
        target.write(ReadModel.RELEASE_MEMBERS, memberDocs);
        Map<String, Map<String, String>> newStates = new HashMap<>();
        decision.contributors().forEach((id, state) -> {
            if (keys.containsKey(id)) {
                newStates.put(id, state);
            }
        });
        newStates.putAll(decision.unions());
        newStates.keySet().removeIf(id -> earlier.getOrDefault(id, List.of()).contains(newStates.get(id)));
        states.record(releaseId, newStates);
        long heldUnits = decision.held().stream().filter(keys::containsKey).count();
        return new long[] {keys.size(), heldUnits};
    }

    /**
     * The dose table of one institution's groups for one question, as the release publishes their unit
     * statistics: a group the policy holds back keeps the previous release's dose moments (none when that
     * release had none), and so does a group whose pairs are exactly those the previous release published: the
     * policy judges pairs of scores, so sessions attended that changed without them, for as few as one
     * participant, are published only with a change of the pairs the policy lets through. Every other group has
     * its participants' now.
     *
     * @param published    each unit's contributors as the previous release published them
     * @param contributors each unit's contributors now
     */
    private static void cutDoses(String groupTableId, Map<String, UnitKey> keys, ReleasePolicy.Decision decision,
                                 Map<String, Map<String, String>> published,
                                 Map<String, Map<String, String>> contributors, MongoReadModelStore before,
                                 MongoReadModelStore target, Map<String, DoseMoments> now) {
        Map<String, DoseMoments> then = before == null ? Map.of()
                : DoseTables.read(before, List.of(groupTableId)).getOrDefault(groupTableId, Map.of());
        Map<String, DoseMoments> released = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (key.level().equals(UnitKey.GROUP)) {
                boolean unchanged = published.containsKey(id)
                        && published.get(id).equals(contributors.getOrDefault(id, Map.of()))
                        && then.containsKey(key.unitId());
                DoseMoments moments = (decision.held().contains(id) || unchanged ? then : now).get(key.unitId());
                if (moments != null) {
                    released.put(key.unitId(), moments);
                }
            }
        });
        if (!released.isEmpty()) {
            target.write(ReadModel.DOSE_TABLES, List.of(DoseTables.toDocument(groupTableId, released)));
        }
    }

    /**
     * The arm a programme's unit lies in, for one question: the union of the institution's programmes of that
     * arm, named like the units' own ids ({@code arm:<institution>/<arm>|<instrument>|<scale>|<from>><to>}) so
     * that its published states are found again by the next cut.
     *
     * @param programmeUnit the id of the programme's pairs document
     */
    private static String armId(String programmeUnit, String institution, ProgrammeProfile programme) {
        return "arm:" + institution + "/" + (programme == null ? null : programme.arm())
                + programmeUnit.substring(programmeUnit.indexOf('|'));
    }

    /**
     * Records the states of every release published before states were recorded, the first first, from its
     * members: each unit's, and each arm's as the union of its programmes' under the release's own profiles.
     * Members are read in id order, so an institution's programmes come together and only its arms are held
     * in memory; a release is marked once all of it is recorded, so one interrupted is recorded again, and
     * recording a state twice changes nothing.
     */
    private void recordStatesOfEarlierReleases(Leases.Lease lease) {
        for (DataRelease release : releases.withStatesUnrecorded()) {
            lease.renew();
            MongoReadModelStore store = releases.store(release);
            Map<String, Map<String, String>> batch = new HashMap<>();
            Map<String, List<Map<String, String>>> arms = new HashMap<>();
            String[] institution = {null};
            InstitutionProfile[] profile = {null};
            store.forEach(ReadModel.RELEASE_MEMBERS, doc -> {
                String id = doc.getString("_id");
                Map<String, String> contributors = releasedContributors(doc);
                if (contributors.isEmpty()) {
                    return;
                }
                batch.put(id, contributors);
                String prefix = UnitKey.PROGRAMME + ":";
                if (id.startsWith(prefix)) {
                    String unitId = id.substring(prefix.length(), id.indexOf('|'));
                    String owner = unitId.substring(0, unitId.indexOf('/'));
                    if (!owner.equals(institution[0])) {
                        recordArms(release, arms);
                        institution[0] = owner;
                        profile[0] = store.find(ReadModel.INSTITUTIONS, owner).map(InstitutionProfile::fromDocument)
                                .orElseGet(() -> new InstitutionProfile(owner));
                    }
                    ProgrammeProfile programme = profile[0].programmes().get(unitId.substring(unitId.indexOf('/') + 1));
                    arms.computeIfAbsent(armId(id, owner, programme), a -> new ArrayList<>()).add(contributors);
                }
                if (batch.size() >= STATES_PER_WRITE) {
                    states.record(release.id(), batch);
                    batch.clear();
                    lease.renew();
                }
            });
            states.record(release.id(), batch);
            recordArms(release, arms);
            releases.statesRecorded(release);
            log.info("states of data release {} ({}) recorded", release.id(), release.name());
        }
    }

    private void recordArms(DataRelease release, Map<String, List<Map<String, String>>> arms) {
        Map<String, Map<String, String>> unions = new HashMap<>();
        arms.forEach((arm, parts) -> unions.put(arm, ReleasePolicy.union(parts)));
        states.record(release.id(), unions);
        arms.clear();
    }

    private static Map<String, UnitTable> tables(Map<String, Document> docs) {
        Map<String, UnitTable> tables = new HashMap<>();
        docs.forEach((id, doc) -> tables.put(id, UnitTable.fromDocument(doc)));
        return tables;
    }

    /**
     * A unit's contributors now, from its pairs document: each participant with the fingerprint of the pair
     * of scores its moments are made of.
     */
    private static Map<String, String> pairs(Document doc) {
        Map<String, String> contributors = new HashMap<>();
        for (Document pair : doc.getList("pairs", Document.class, List.of())) {
            String participant = pair.getString("participant");
            contributors.put(participant, ReleasePolicy.fingerprint(participant, doubleValue(pair, "from"),
                    doubleValue(pair, "to")));
        }
        return contributors;
    }

    /**
     * A unit's contributors as a release published them. A release cut before fingerprints were kept lists
     * participants only: their contributions are {@link ReleasePolicy#UNRECORDED}.
     */
    private static Map<String, String> releasedContributors(Document doc) {
        Map<String, String> contributors = new HashMap<>();
        doc.getList("contributors", Document.class, List.of())
                .forEach(c -> contributors.put(c.getString("participant"), c.getString("fingerprint")));
        doc.getList("participants", String.class, List.of())
                .forEach(p -> contributors.put(p, ReleasePolicy.UNRECORDED));
        return contributors;
    }
}
