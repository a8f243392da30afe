package org.balintobservatory.analytics.readmodel.participant;

import org.balintobservatory.analytics.readmodel.unit.PairContribution;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.contract.survey.ScaleScore;
import org.balintobservatory.contract.survey.Timepoint;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.balintobservatory.analytics.readmodel.store.Documents.date;
import static org.balintobservatory.analytics.readmodel.store.Documents.doubleValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.enumValue;
import static org.balintobservatory.analytics.readmodel.store.Documents.integer;
import static org.balintobservatory.analytics.readmodel.store.Documents.list;

/**
 * One pseudonymous participant: their group memberships with dose, and their current (not retracted)
 * survey responses. It is the single source of the participant's pairs in the unit statistics: after
 * every change the pairs are recomputed here and the units told the difference.
 *
 * <p>Membership sections are copied from the group summary after each group event, as a whole, so
 * rewriting them is idempotent.
 */
public final class ParticipantRecord {

    final String key;
    String institutionId;
    String participantId;
    final Map<String, Membership> memberships = new TreeMap<>();
    final Map<String, Response> responses = new TreeMap<>();

    public ParticipantRecord(String key) {
        this.key = key;
        int slash = key.indexOf('/');
        this.institutionId = key.substring(0, slash);
        this.participantId = key.substring(slash + 1);
    }

    public static String key(String institutionId, String participantId) {
        return institutionId + "/" + participantId;
    }

    /**
     * The participant in one group.
     *
     * @param sessionsAttended sessions they were present at: their dose
     * @param sessionsRecorded sessions whose attendance named them at all
     */
    public record Membership(String groupId, String programmeId, LocalDate enrolledOn, LocalDate withdrewOn,
                             int sessionsAttended, int sessionsRecorded) {
    }

    /** A current response and its scale scores. */
    public record Response(String responseId, String programmeId, String groupId, String instrumentId,
                           int instrumentVersion, Timepoint timepoint, LocalDate completedOn, List<ScaleScore> scores) {
    }

    /** A score as the participant view shows it. */
    public record Score(String instrumentId, String scale, Timepoint timepoint, double score, LocalDate completedOn) {
    }

    public String key() {
        return key;
    }

    public String institutionId() {
        return institutionId;
    }

    public String participantId() {
        return participantId;
    }

    public Map<String, Membership> memberships() {
        return java.util.Collections.unmodifiableMap(memberships);
    }

    public Map<String, Response> responses() {
        return java.util.Collections.unmodifiableMap(responses);
    }

    /** @return whether it changed anything */
    public boolean setMembership(String groupAggregateId, Membership membership) {
        return !Objects.equals(memberships.put(groupAggregateId, membership), membership);
    }

    /** @return whether it changed anything */
    public boolean putResponse(String responseAggregateId, Response response) {
        return !Objects.equals(responses.put(responseAggregateId, response), response);
    }

    /** @return whether it changed anything */
    public boolean removeResponse(String responseAggregateId) {
        return responses.remove(responseAggregateId) != null;
    }

    /** The responses that count per instrument and timepoint: the latest completed, then the highest id. */
    private Map<String, Response> currentResponses() {
        Map<String, Response> current = new TreeMap<>();
        Comparator<Response> latest = Comparator.comparing(Response::completedOn,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Response::responseId);
        for (Response r : responses.values()) {
            current.merge(r.instrumentId() + "|" + r.timepoint(), r, (a, b) -> latest.compare(a, b) >= 0 ? a : b);
        }
        return current;
    }

    /** Scores by instrument × scale × timepoint. */
    public List<Score> scores() {
        List<Score> scores = new ArrayList<>();
        for (Response r : currentResponses().values()) {
            for (ScaleScore s : r.scores()) {
                scores.add(new Score(r.instrumentId(), s.scale(), r.timepoint(), s.score(), r.completedOn()));
            }
        }
        scores.sort(Comparator.comparing(Score::instrumentId).thenComparing(Score::scale)
                .thenComparing(Score::timepoint));
        return scores;
    }

    /**
     * Every pair this participant contributes, by unit id: for each instrument, scale and pair of
     * timepoints (earlier, later) they have both of, one contribution to the programme of the later
     * response and one to its group (or the earlier response's group when the later names none).
     */
    public Map<String, PairContribution> contributions() {
        Map<String, Map<Timepoint, Response>> byInstrument = new TreeMap<>();
        currentResponses().values().forEach(r ->
                byInstrument.computeIfAbsent(r.instrumentId(), k -> new TreeMap<>()).put(r.timepoint(), r));
        Map<String, PairContribution> contributions = new HashMap<>();
        for (Map.Entry<String, Map<Timepoint, Response>> instrument : byInstrument.entrySet()) {
            List<Response> ordered = new ArrayList<>(instrument.getValue().values());
            for (int i = 0; i < ordered.size(); i++) {
                for (int j = i + 1; j < ordered.size(); j++) {
                    Response from = ordered.get(i);
                    Response to = ordered.get(j);
                    for (ScaleScore later : to.scores()) {
                        ScaleScore earlier = from.scores().stream()
                                .filter(s -> s.scale().equals(later.scale())).findFirst().orElse(null);
                        if (earlier == null) {
                            continue;
                        }
                        add(contributions, new UnitKey(UnitKey.PROGRAMME, institutionId + "/" + to.programmeId(),
                                institutionId, instrument.getKey(), later.scale(), from.timepoint(), to.timepoint()),
                                earlier, later, completedOn(from, to));
                        String groupId = to.groupId() != null ? to.groupId() : from.groupId();
                        if (groupId != null) {
                            add(contributions, new UnitKey(UnitKey.GROUP, institutionId + "/" + groupId,
                                    institutionId, instrument.getKey(), later.scale(), from.timepoint(),
                                    to.timepoint()), earlier, later, completedOn(from, to));
                        }
                    }
                }
            }
        }
        return contributions;
    }

    private static void add(Map<String, PairContribution> contributions, UnitKey unit, ScaleScore from, ScaleScore to,
                            LocalDate completedOn) {
        contributions.put(unit.id(), new PairContribution(unit, from.score(), to.score(), to.direction(), completedOn));
    }

    /**
     * The day a pair became complete: the later of its responses' completion days, as the survey events give
     * them (the later timepoint's response is normally the later one, but a school may date it earlier).
     */
    static LocalDate completedOn(Response from, Response to) {
        if (from.completedOn() == null || to.completedOn() == null) {
            return from.completedOn() == null ? to.completedOn() : from.completedOn();
        }
        return from.completedOn().isAfter(to.completedOn()) ? from.completedOn() : to.completedOn();
    }

    public Document toDocument() {
        List<Document> groups = new ArrayList<>();
        memberships.forEach((groupAggregateId, m) -> groups.add(new Document("group", groupAggregateId)
                .append("groupId", m.groupId())
                .append("programmeId", m.programmeId())
                .append("enrolledOn", date(m.enrolledOn()))
                .append("withdrewOn", date(m.withdrewOn()))
                .append("sessionsAttended", m.sessionsAttended())
                .append("sessionsRecorded", m.sessionsRecorded())));
        List<Document> stored = new ArrayList<>();
        responses.forEach((responseAggregateId, r) -> stored.add(new Document("response", responseAggregateId)
                .append("responseId", r.responseId())
                .append("programmeId", r.programmeId())
                .append("groupId", r.groupId())
                .append("instrumentId", r.instrumentId())
                .append("instrumentVersion", r.instrumentVersion())
                .append("timepoint", r.timepoint().name())
                .append("completedOn", date(r.completedOn()))
                .append("scores", r.scores().stream().map(s -> new Document("scale", s.scale())
                        .append("score", s.score())
                        .append("direction", s.direction().name())
                        .append("itemsAnswered", s.itemsAnswered())
                        .append("prorated", s.prorated())).toList())));
        return new Document("_id", key)
                .append("institutionId", institutionId)
                .append("participantId", participantId)
                .append("memberships", groups)
                .append("responses", stored);
    }

    public static ParticipantRecord fromDocument(Document doc) {
        ParticipantRecord p = new ParticipantRecord(doc.getString("_id"));
        for (Document m : list(doc, "memberships")) {
            p.memberships.put(m.getString("group"), new Membership(m.getString("groupId"), m.getString("programmeId"),
                    date(m, "enrolledOn"), date(m, "withdrewOn"), m.getInteger("sessionsAttended", 0),
                    m.getInteger("sessionsRecorded", 0)));
        }
        for (Document r : list(doc, "responses")) {
            List<ScaleScore> scores = list(r, "scores").stream().map(s -> new ScaleScore(s.getString("scale"),
                    doubleValue(s, "score"),
                    enumValue(org.balintobservatory.contract.survey.ScaleDirection.class, s, "direction"),
                    integer(s, "itemsAnswered"), s.getBoolean("prorated", false))).toList();
            p.responses.put(r.getString("response"), new Response(r.getString("responseId"), r.getString("programmeId"),
                    r.getString("groupId"), r.getString("instrumentId"), r.getInteger("instrumentVersion", 1),
                    Timepoint.valueOf(r.getString("timepoint")), date(r, "completedOn"), scores));
        }
        return p;
    }
}
