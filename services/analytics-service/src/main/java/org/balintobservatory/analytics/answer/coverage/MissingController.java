package org.balintobservatory.analytics.answer.coverage;

import org.balintobservatory.analytics.answer.comparison.engine.ComparisonQuery;
import org.balintobservatory.analytics.answer.unit.UnitCatalogue;
import org.balintobservatory.analytics.answer.unit.UnitReport;
import org.balintobservatory.analytics.readmodel.institution.GroupProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionProfile;
import org.balintobservatory.analytics.readmodel.institution.ParticipantDirectory;
import org.balintobservatory.analytics.readmodel.institution.ProgrammeProfile;
import org.balintobservatory.analytics.readmodel.participant.ParticipantRecord;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.unit.UnitKey;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What keeps a school's units out of the analysis of one question (instrument, scale, two timepoints), per
 * programme and group, and what would bring each in ({@link GapRules}).
 *
 * <p>Only a school asks it, of its own institution, live: counts of its own members, never who they are (its
 * views show members as counts; pseudonyms stay inside the service). What it reads is the school's own: its
 * profile (its groups, with the sessions whose register is incomplete), its participant directory and its
 * participants' documents (memberships and responses), and its two unit tables, live and in the latest release.
 * That grows with the school's participants, which is why no researcher's answer reads it; no group history is
 * read.
 */
@RestController
@RequestMapping("/api/v1/analytics/institutions")
public class MissingController {

    private final ReadScopes scopes;
    private final UnitCatalogue units;

    public MissingController(ReadScopes scopes, UnitCatalogue units) {
        this.scopes = scopes;
        this.units = units;
    }

    /**
     * One group.
     *
     * @param members    current members (enrolled, not withdrawn)
     * @param withBoth   current members with a response at both timepoints
     * @param pairs      the pairs the group's unit holds (a pair counts for the group of its later response)
     * @param inAnalysis whether researchers' analysis, the latest release, has the unit
     */
    public record GroupGaps(String groupId, int members, int withBoth, long pairs, boolean inAnalysis, List<Gap> gaps) {
    }

    /** One programme, with its groups; members and answers are its groups' together. */
    public record ProgrammeGaps(String programmeId, int members, int withBoth, long pairs, boolean inAnalysis,
                                List<Gap> gaps, List<GroupGaps> groups) {
    }

    /**
     * @param lastRelease the release researchers see now, {@code null} before the first
     * @param release     what the answer is read from: the school's live view
     */
    public record Missing(String institutionId, String instrument, String scale, Timepoint from, Timepoint to,
                          int minimumCellSize, List<ProgrammeGaps> programmes, ReleaseLabel lastRelease,
                          Map<String, Long> logPosition, int generation, ReleaseLabel release) {
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{institutionId}/missing")
    Missing missing(Caller caller, @PathVariable String institutionId, @RequestParam(required = false) String instrument,
                    @RequestParam(required = false) String scale, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to) {
        if (!institutionId.equals(caller.requireInstitution())) {
            // 404 rather than 403, as for the summary: "not yours" and "not there" stay indistinguishable.
            throw new NotFoundException("nothing of " + institutionId + " for this key");
        }
        ComparisonQuery query = parse(instrument, scale, from, to);
        ReadScope own = scopes.of(caller);
        MongoReadModelStore store = own.store();
        int t = own.minCellSize();
        InstitutionProfile profile = store.find(ReadModel.INSTITUTIONS, institutionId)
                .map(InstitutionProfile::fromDocument).orElseGet(() -> new InstitutionProfile(institutionId));

        Map<String, List<GapRules.Answers>> byGroup = answersByGroup(store, institutionId, query);
        Map<String, UnitReport> live = new HashMap<>();
        for (String level : List.of(UnitKey.GROUP, UnitKey.PROGRAMME)) {
            units.load(own, level, query.instrument(), query.scale(), query.from(), query.to()).units()
                    .forEach(u -> live.put(level + ":" + u.unitId(), u));
        }
        Optional<ReadScope> researchers = scopes.latestRelease();
        Map<String, UnitTable> released = researchers.map(r -> releasedTables(r, institutionId, query)).orElse(Map.of());
        String releaseName = researchers.map(ReadScope::releaseName).orElse(null);

        Map<String, List<GroupGaps>> byProgramme = new TreeMap<>();
        Map<String, List<GapRules.Answers>> programmeAnswers = new TreeMap<>();
        for (GroupProfile g : profile.groups().values()) {
            List<GapRules.Answers> members = byGroup.getOrDefault(g.groupId(), List.of());
            List<Gap> gaps = new ArrayList<>(GapRules.answers(members, query.from(), query.to()));
            GapRules.registers(g.incompleteRegisters()).ifPresent(gaps::add);
            long pairs = unitGaps(UnitKey.GROUP, institutionId + "/" + g.groupId(), live, released, releaseName, t,
                    members, gaps);
            byProgramme.computeIfAbsent(g.programmeId(), k -> new ArrayList<>()).add(new GroupGaps(g.groupId(),
                    members.size(), withBoth(members), pairs, inAnalysis(gaps), gaps));
            programmeAnswers.computeIfAbsent(g.programmeId(), k -> new ArrayList<>()).addAll(members);
        }
        List<ProgrammeGaps> programmes = new ArrayList<>();
        for (ProgrammeProfile p : profile.programmes().values()) {
            List<GapRules.Answers> members = programmeAnswers.getOrDefault(p.programmeId(), List.of());
            List<Gap> gaps = new ArrayList<>(GapRules.answers(members, query.from(), query.to()));
            long pairs = unitGaps(UnitKey.PROGRAMME, institutionId + "/" + p.programmeId(), live, released, releaseName,
                    t, members, gaps);
            programmes.add(new ProgrammeGaps(p.programmeId(), members.size(), withBoth(members), pairs,
                    inAnalysis(gaps), gaps, byProgramme.getOrDefault(p.programmeId(), List.of())));
        }
        return new Missing(institutionId, query.instrument(), query.scale(), query.from(), query.to(), t, programmes,
                researchers.map(ReadScope::label).orElse(null), own.logPosition(), own.generation(), own.label());
    }

    /** Each current member's answers, by group id: of the participants the institution's directory lists. */
    private static Map<String, List<GapRules.Answers>> answersByGroup(MongoReadModelStore store, String institutionId,
                                                                      ComparisonQuery query) {
        List<String> everyone = store.find(ReadModel.PARTICIPANT_DIRECTORY, institutionId)
                .map(ParticipantDirectory::fromDocument).map(ParticipantDirectory::participants).orElse(List.of())
                .stream().map(p -> ParticipantRecord.key(institutionId, p)).toList();
        Map<String, List<GapRules.Answers>> byGroup = new HashMap<>();
        store.load(ReadModel.PARTICIPANTS, everyone).values().forEach(doc -> {
            ParticipantRecord p = ParticipantRecord.fromDocument(doc);
            GapRules.Answers answers = answersOf(p, query);
            p.memberships().values().stream().filter(m -> m.withdrewOn() == null)
                    .forEach(m -> byGroup.computeIfAbsent(m.groupId(), g -> new ArrayList<>()).add(answers));
        });
        return byGroup;
    }

    /** The institution's group and programme tables of the question in a release, by level. */
    private static Map<String, UnitTable> releasedTables(ReadScope release, String institutionId, ComparisonQuery query) {
        Map<String, UnitTable> tables = new HashMap<>();
        release.store().load(ReadModel.UNIT_TABLES, List.of(
                        UnitTable.id(UnitKey.GROUP, query.instrument(), query.scale(), query.from(), query.to(), institutionId),
                        UnitTable.id(UnitKey.PROGRAMME, query.instrument(), query.scale(), query.from(), query.to(),
                                institutionId)))
                .values().forEach(doc -> {
                    UnitTable table = UnitTable.fromDocument(doc);
                    tables.put(table.level(), table);
                });
        return tables;
    }

    /** The question's fields, checked as a comparison checks them; a bad one is a 400 naming it. */
    private static ComparisonQuery parse(String instrument, String scale, String from, String to) {
        try {
            return ComparisonQuery.parse(instrument, or(scale, "total"), or(from, "BASELINE"), or(to, "POST"),
                    UnitKey.GROUP, "SMCR", "REML", "z", null, null, null, null, null, null, "two-level", "none");
        } catch (RuleViolationException e) {
            throw new InvalidRequestException(e.violations().stream()
                    .map(v -> new FieldError(v.field(), v.rule(), v.message())).toList());
        }
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static GapRules.Answers answersOf(ParticipantRecord p, ComparisonQuery query) {
        boolean from = false;
        boolean to = false;
        for (ParticipantRecord.Response r : p.responses().values()) {
            if (r.instrumentId().equals(query.instrument())) {
                from |= r.timepoint() == query.from();
                to |= r.timepoint() == query.to();
            }
        }
        return new GapRules.Answers(from, to);
    }

    /** Adds the unit's threshold and release gaps; returns its pairs. */
    private static long unitGaps(String level, String unitId, Map<String, UnitReport> live, Map<String, UnitTable> released,
                                 String releaseName, int t, List<GapRules.Answers> members, List<Gap> gaps) {
        UnitReport unit = live.get(level + ":" + unitId);
        long pairs = unit == null ? 0 : unit.n();
        long waiting = members.stream().filter(m -> m.from() && !m.to()).count();
        Optional<Gap> hidden = GapRules.threshold(pairs, unit == null ? null : unit.withholding(), t, waiting);
        hidden.ifPresent(gaps::add);
        if (hidden.isEmpty()) {
            GapRules.release(released(released.get(level), releaseName, unitId), releaseName, t).ifPresent(gaps::add);
        }
        return pairs;
    }

    private static GapRules.Released released(UnitTable table, String releaseName, String unitId) {
        if (releaseName == null) {
            return GapRules.Released.NO_RELEASE;
        }
        if (table == null) {
            return GapRules.Released.ABSENT;
        }
        if (table.unpublished().contains(unitId)) {
            return GapRules.Released.HELD_UNPUBLISHED;
        }
        if (table.heldBack().contains(unitId)) {
            return GapRules.Released.HELD_WITH_EARLIER;
        }
        return table.units().containsKey(unitId) ? GapRules.Released.PUBLISHED : GapRules.Released.ABSENT;
    }

    private static int withBoth(List<GapRules.Answers> members) {
        return (int) members.stream().filter(m -> m.from() && m.to()).count();
    }

    private static boolean inAnalysis(List<Gap> gaps) {
        return gaps.stream().noneMatch(Gap::keepsOut);
    }
}
