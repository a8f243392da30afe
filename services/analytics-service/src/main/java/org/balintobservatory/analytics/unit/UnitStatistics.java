package org.balintobservatory.analytics.unit;

import org.balintobservatory.contract.survey.ScaleDirection;
import org.balintobservatory.contract.survey.Timepoint;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.balintobservatory.analytics.readmodel.Documents.doubleValue;
import static org.balintobservatory.analytics.readmodel.Documents.enumValue;
import static org.balintobservatory.analytics.readmodel.Documents.list;

/**
 * The paired sufficient statistics of one {@link UnitKey}, kept up to date one participant at a time.
 *
 * <p>The document keeps each participant's current pair next to the moments, so that a change is
 * "remove the stored pair, add the new one" and setting the same pair again changes nothing: the
 * moments can never count a participant twice, whatever is redelivered. The pairs never leave the
 * service; answers carry the moments only.
 */
public final class UnitStatistics {

    final UnitKey key;
    ScaleDirection direction;
    PairedMoments moments = PairedMoments.EMPTY;
    final Map<String, double[]> pairs = new TreeMap<>();

    public UnitStatistics(UnitKey key) {
        this.key = key;
    }

    public UnitKey key() {
        return key;
    }

    public ScaleDirection direction() {
        return direction;
    }

    public PairedMoments moments() {
        return moments;
    }

    public int participants() {
        return pairs.size();
    }

    /**
     * Makes the participant's pair in this unit the given one, or none.
     *
     * @return whether the moments changed
     */
    public boolean set(String participantKey, PairContribution contribution) {
        double[] stored = pairs.get(participantKey);
        if (contribution == null) {
            if (stored == null) {
                return false;
            }
            pairs.remove(participantKey);
            moments = moments.remove(stored[0], stored[1]);
            return true;
        }
        if (stored != null && stored[0] == contribution.from() && stored[1] == contribution.to()) {
            return false;
        }
        if (stored != null) {
            moments = moments.remove(stored[0], stored[1]);
        }
        pairs.put(participantKey, new double[] {contribution.from(), contribution.to()});
        moments = moments.add(contribution.from(), contribution.to());
        direction = contribution.direction();
        return true;
    }

    public Document toDocument() {
        List<Document> stored = new ArrayList<>();
        pairs.forEach((participant, pair) -> stored.add(new Document("participant", participant)
                .append("from", pair[0]).append("to", pair[1])));
        return new Document("_id", key.id())
                .append("level", key.level())
                .append("unitId", key.unitId())
                .append("institutionId", key.institutionId())
                .append("instrumentId", key.instrumentId())
                .append("scale", key.scale())
                .append("from", key.from().name())
                .append("to", key.to().name())
                .append("direction", direction == null ? null : direction.name())
                .append("n", moments.n())
                .append("meanFrom", moments.meanFrom())
                .append("meanTo", moments.meanTo())
                .append("m2From", moments.m2From())
                .append("m2To", moments.m2To())
                .append("coMoment", moments.coMoment())
                .append("pairs", stored);
    }

    public static UnitStatistics fromDocument(Document doc) {
        UnitStatistics u = new UnitStatistics(keyOf(doc));
        u.direction = enumValue(ScaleDirection.class, doc, "direction");
        u.moments = momentsOf(doc);
        for (Document p : list(doc, "pairs")) {
            u.pairs.put(p.getString("participant"), new double[] {doubleValue(p, "from"), doubleValue(p, "to")});
        }
        return u;
    }

    /** The key of a stored unit document, read without its pairs. */
    public static UnitKey keyOf(Document doc) {
        return new UnitKey(doc.getString("level"), doc.getString("unitId"), doc.getString("institutionId"),
                doc.getString("instrumentId"), doc.getString("scale"), Timepoint.valueOf(doc.getString("from")),
                Timepoint.valueOf(doc.getString("to")));
    }

    /** The moments of a stored unit document, read without its pairs. */
    public static PairedMoments momentsOf(Document doc) {
        return new PairedMoments(((Number) doc.get("n")).longValue(), doubleValue(doc, "meanFrom"),
                doubleValue(doc, "meanTo"), doubleValue(doc, "m2From"), doubleValue(doc, "m2To"),
                doubleValue(doc, "coMoment"));
    }
}
