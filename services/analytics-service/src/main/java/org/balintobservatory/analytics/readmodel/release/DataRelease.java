package org.balintobservatory.analytics.readmodel.release;

import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, named snapshot of the analysis read models that researchers analyse, cut at a log
 * position: every researcher answer names the release it was computed from, and the same request against
 * the same release gives the same answer, whatever happened since.
 *
 * @param id                 1, 2, …: the order in which releases were cut
 * @param logPosition        next offset per {@code topic-partition}: the events the release reflects
 * @param generation         the read-model generation it was cut from
 * @param minCellSize        the threshold its disclosure control applied
 * @param instrumentVersions {@code instrument@version} of every questionnaire version its scores were
 *                           scored with
 * @param units              units (groups and programmes of every question) it publishes
 * @param heldBack           units it holds back because fewer participants than the threshold joined, left
 *                           or changed their values in them since the previous release, or since any other
 *                           earlier release that published them
 */
public record DataRelease(int id, String name, Instant cutAt, Map<String, Long> logPosition, int generation,
                          int minCellSize, List<String> instrumentVersions, long units, long heldBack) {

    public Document toDocument() {
        return new Document("_id", id).append("name", name).append("cutAt", java.util.Date.from(cutAt))
                .append("logPosition", new Document(new TreeMap<String, Object>(logPosition)))
                .append("generation", generation).append("minCellSize", minCellSize)
                .append("instrumentVersions", instrumentVersions).append("units", units).append("heldBack", heldBack);
    }

    public static DataRelease fromDocument(Document doc) {
        Map<String, Long> position = new TreeMap<>();
        doc.get("logPosition", Document.class).forEach((k, v) -> position.put(k, ((Number) v).longValue()));
        return new DataRelease(doc.getInteger("_id"), doc.getString("name"), doc.getDate("cutAt").toInstant(),
                position, doc.getInteger("generation"), doc.getInteger("minCellSize"),
                doc.getList("instrumentVersions", String.class, List.of()), ((Number) doc.get("units")).longValue(),
                ((Number) doc.get("heldBack")).longValue());
    }
}
