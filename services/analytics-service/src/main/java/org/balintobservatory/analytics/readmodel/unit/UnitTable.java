package org.balintobservatory.analytics.readmodel.unit;

import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.balintobservatory.analytics.readmodel.store.Documents.date;
import static org.balintobservatory.analytics.readmodel.store.Documents.doubleValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.enumValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.list;

/**
 * The paired moments of every unit of one institution at one level, for one instrument, scale and pair
 * of timepoints: what a comparison, a meta-regression or {@code /units} reads, one small document per
 * institution, found by its {@code _id} alone.
 *
 * <p>The id, {@code level|instrument|scale|FROM>TO|institution}, is computed from the question, so an
 * answer over k institutions is one {@code $in} over k ids: the embedded server, which has only the
 * {@code _id} index, and MongoDB answer it without a scan. An entry is overwritten with the moments of
 * its {@link UnitPairs} whenever the projection touches that unit, so rewriting it is idempotent.
 *
 * <p>A data release's copy also names the units it held back (they keep an earlier release's moments), so
 * that an answer from the release can say so; the projection's tables never name any.
 *
 * <p>Each entry also has the day its unit reached its second timepoint ({@link UnitPairs#completedOn()}),
 * which orders the cumulative analysis by when the evidence came in. Tables of read-model format 3 have none;
 * they decode with every day unknown until the rebuild at start replaces them.
 */
public final class UnitTable {

    final String id;
    final String level;
    final String instrumentId;
    final String scale;
    final Timepoint from;
    final Timepoint to;
    final String institutionId;
    ScaleDirection direction;
    final Map<String, PairedMomentsState> units = new TreeMap<>();
    final Map<String, LocalDate> completions = new TreeMap<>();
    final Set<String> heldBack = new TreeSet<>();
    final Set<String> unpublished = new TreeSet<>();

    public UnitTable(String level, String instrumentId, String scale, Timepoint from, Timepoint to,
                     String institutionId) {
        this.id = id(level, instrumentId, scale, from, to, institutionId);
        this.level = level;
        this.instrumentId = instrumentId;
        this.scale = scale;
        this.from = from;
        this.to = to;
        this.institutionId = institutionId;
    }

    public static String id(String level, String instrumentId, String scale, Timepoint from, Timepoint to,
                            String institutionId) {
        return level + "|" + instrumentId + "|" + scale + "|" + from + ">" + to + "|" + institutionId;
    }

    /** The empty table a unit belongs to. */
    public static UnitTable of(UnitKey key) {
        return new UnitTable(key.level(), key.instrumentId(), key.scale(), key.from(), key.to(), key.institutionId());
    }

    public String id() {
        return id;
    }

    public String instrumentId() {
        return instrumentId;
    }

    public String scale() {
        return scale;
    }

    public Timepoint from() {
        return from;
    }

    public Timepoint to() {
        return to;
    }

    public String level() {
        return level;
    }

    public String institutionId() {
        return institutionId;
    }

    public ScaleDirection direction() {
        return direction;
    }

    /** The moments of each unit by unit id ({@code institutionId/localId}), in id order. */
    public Map<String, PairedMomentsState> units() {
        return Collections.unmodifiableMap(units);
    }

    /** The day a unit reached its second timepoint ({@link UnitPairs#completedOn()}), {@code null} when unknown. */
    public LocalDate completedOn(String unitId) {
        return completions.get(unitId);
    }

    /**
     * Copies a unit's current moments and completion day into the table.
     *
     * @return whether the table changed
     */
    public boolean set(UnitPairs unit) {
        boolean changed = !Objects.equals(units.put(unit.key().unitId(), unit.moments()), unit.moments());
        changed |= putCompletion(unit.key().unitId(), unit.completedOn());
        if (unit.direction() != null && unit.direction() != direction) {
            direction = unit.direction();
            changed = true;
        }
        return changed;
    }

    /** The units a data release held back, by unit id: they have the previous release's moments. */
    public Set<String> heldBack() {
        return Collections.unmodifiableSet(heldBack);
    }

    /** Marks a unit, put with the previous release's moments, as held back by the release being cut. */
    public void holdBack(String unitId) {
        heldBack.add(unitId);
    }

    /**
     * The units a data release held back that no earlier release published, by unit id: they have no figures
     * to show, only a place in the count of units withheld.
     */
    public Set<String> unpublished() {
        return Collections.unmodifiableSet(unpublished);
    }

    /** Marks a unit that has pairs as held back by the release being cut with nothing published before. */
    public void holdBackUnpublished(String unitId) {
        unpublished.add(unitId);
    }

    /**
     * Puts a unit's moments and completion day as they are to be published, for a data release: a held unit's
     * as the previous release published them, so that its day cannot move while its figures stay.
     */
    public void put(String unitId, PairedMomentsState moments, ScaleDirection direction, LocalDate completedOn) {
        units.put(unitId, moments);
        putCompletion(unitId, completedOn);
        if (direction != null) {
            this.direction = direction;
        }
    }

    private boolean putCompletion(String unitId, LocalDate completedOn) {
        return !Objects.equals(completedOn == null ? completions.remove(unitId) : completions.put(unitId, completedOn),
                completedOn);
    }

    public Document toDocument() {
        List<Document> entries = new ArrayList<>(units.size());
        units.forEach((unitId, m) -> {
            Document entry = appendMoments(new Document("unitId", unitId), m);
            // Absent rather than null when unknown: every comparison reads every entry.
            LocalDate completedOn = completions.get(unitId);
            if (completedOn != null) {
                entry.append("completedOn", date(completedOn));
            }
            entries.add(entry);
        });
        Document doc = new Document("_id", id)
                .append("level", level)
                .append("instrumentId", instrumentId)
                .append("scale", scale)
                .append("from", from.name())
                .append("to", to.name())
                .append("institutionId", institutionId)
                .append("direction", direction == null ? null : direction.name())
                .append("units", entries);
        // Only a release's tables hold anything back; the projection's documents keep their shape.
        if (!heldBack.isEmpty()) {
            doc.append("heldBack", List.copyOf(heldBack));
        }
        if (!unpublished.isEmpty()) {
            doc.append("unpublished", List.copyOf(unpublished));
        }
        return doc;
    }

    public static UnitTable fromDocument(Document doc) {
        UnitTable table = new UnitTable(doc.getString("level"), doc.getString("instrumentId"), doc.getString("scale"),
                Timepoint.valueOf(doc.getString("from")), Timepoint.valueOf(doc.getString("to")),
                doc.getString("institutionId"));
        table.direction = enumValue(ScaleDirection.class, doc, "direction");
        for (Document entry : list(doc, "units")) {
            table.units.put(entry.getString("unitId"), momentsOf(entry));
            table.putCompletion(entry.getString("unitId"), date(entry, "completedOn"));
        }
        table.heldBack.addAll(doc.getList("heldBack", String.class, List.of()));
        table.unpublished.addAll(doc.getList("unpublished", String.class, List.of()));
        return table;
    }

    static Document appendMoments(Document doc, PairedMomentsState m) {
        return doc.append("n", m.n())
                .append("meanFrom", m.meanFrom())
                .append("meanTo", m.meanTo())
                .append("m2From", m.m2From())
                .append("m2To", m.m2To())
                .append("coMoment", m.coMoment());
    }

    static PairedMomentsState momentsOf(Document doc) {
        return new PairedMomentsState(((Number) doc.get("n")).longValue(), doubleValue(doc, "meanFrom"),
                doubleValue(doc, "meanTo"), doubleValue(doc, "m2From"), doubleValue(doc, "m2To"),
                doubleValue(doc, "coMoment"));
    }
}
