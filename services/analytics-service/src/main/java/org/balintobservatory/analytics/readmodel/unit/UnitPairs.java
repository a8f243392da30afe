package org.balintobservatory.analytics.readmodel.unit;

import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.balintobservatory.analytics.readmodel.store.Documents.date;
import static org.balintobservatory.analytics.readmodel.store.Documents.doubleValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.enumValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.list;

/**
 * The paired sufficient statistics of one {@link UnitKey} with each participant's current pair, kept up
 * to date one participant at a time.
 *
 * <p>The pairs are kept next to the moments so that a change is "remove the stored pair, add the new
 * one" ({@link PairedMoments#remove} runs Welford's update backwards) and setting the same pair again
 * changes nothing: the moments can never count a participant twice, whatever is redelivered. Only the
 * projection reads these documents; queries read the moments from the {@link UnitTable}s, and the pairs
 * never leave the service.
 *
 * <p>Each pair also keeps the day it became complete ({@link PairContribution#completedOn}), so that the unit's
 * {@linkplain #completedOn() completion day} follows its current pairs: a retracted first pair moves it later.
 */
public final class UnitPairs {

    final UnitKey key;
    ScaleDirection direction;
    PairedMomentsState moments = PairedMomentsState.EMPTY;
    final Map<String, double[]> pairs = new TreeMap<>();
    /** The day each participant's current pair became complete, when known. */
    final Map<String, LocalDate> completions = new TreeMap<>();

    public UnitPairs(UnitKey key) {
        this.key = key;
    }

    public UnitKey key() {
        return key;
    }

    public ScaleDirection direction() {
        return direction;
    }

    public PairedMomentsState moments() {
        return moments;
    }

    public int participants() {
        return pairs.size();
    }

    /**
     * The day the unit reached its second timepoint: the earliest day on which one of its current pairs became
     * complete, min over participants p of max(completedOn(from response of p), completedOn(to response of p)).
     * It comes from the responses' own dates in the survey events, never from when they were processed;
     * {@code null} while no pair has a date.
     */
    public LocalDate completedOn() {
        return completions.values().stream().min(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * Makes the participant's pair in this unit the given one, or none.
     *
     * @return whether the moments or the completion day of the pair changed
     */
    public boolean set(String participantKey, PairContribution contribution) {
        double[] stored = pairs.get(participantKey);
        if (contribution == null) {
            if (stored == null) {
                return false;
            }
            pairs.remove(participantKey);
            completions.remove(participantKey);
            moments = PairedMoments.of(moments).remove(stored[0], stored[1]).state();
            return true;
        }
        boolean dated = contribution.completedOn() == null ? completions.remove(participantKey) != null
                : !contribution.completedOn().equals(completions.put(participantKey, contribution.completedOn()));
        if (stored != null && stored[0] == contribution.from() && stored[1] == contribution.to()) {
            return dated;
        }
        PairedMoments updated = PairedMoments.of(moments);
        if (stored != null) {
            updated.remove(stored[0], stored[1]);
        }
        pairs.put(participantKey, new double[] {contribution.from(), contribution.to()});
        moments = updated.add(contribution.from(), contribution.to()).state();
        direction = contribution.direction();
        return true;
    }

    public Document toDocument() {
        List<Document> stored = new ArrayList<>();
        pairs.forEach((participant, pair) -> {
            Document entry = new Document("participant", participant).append("from", pair[0]).append("to", pair[1]);
            LocalDate completed = completions.get(participant);
            if (completed != null) {
                entry.append("completedOn", date(completed));
            }
            stored.add(entry);
        });
        return UnitTable.appendMoments(new Document("_id", key.id())
                .append("level", key.level())
                .append("unitId", key.unitId())
                .append("institutionId", key.institutionId())
                .append("instrumentId", key.instrumentId())
                .append("scale", key.scale())
                .append("from", key.from().name())
                .append("to", key.to().name())
                .append("direction", direction == null ? null : direction.name()), moments)
                .append("pairs", stored);
    }

    public static UnitPairs fromDocument(Document doc) {
        UnitPairs u = new UnitPairs(new UnitKey(doc.getString("level"), doc.getString("unitId"),
                doc.getString("institutionId"), doc.getString("instrumentId"), doc.getString("scale"),
                Timepoint.valueOf(doc.getString("from")), Timepoint.valueOf(doc.getString("to"))));
        u.direction = enumValue(ScaleDirection.class, doc, "direction");
        u.moments = UnitTable.momentsOf(doc);
        for (Document p : list(doc, "pairs")) {
            u.pairs.put(p.getString("participant"), new double[] {doubleValue(p, "from"), doubleValue(p, "to")});
            LocalDate completed = date(p, "completedOn");
            if (completed != null) {
                u.completions.put(p.getString("participant"), completed);
            }
        }
        return u;
    }
}
