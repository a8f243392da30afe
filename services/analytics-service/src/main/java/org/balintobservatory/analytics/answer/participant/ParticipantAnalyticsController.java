package org.balintobservatory.analytics.answer.participant;

import org.balintobservatory.analytics.readmodel.participant.ParticipantRecord;
import org.balintobservatory.analytics.readmodel.programme.ProgrammeSummary;
import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.release.scope.ReadScope;
import org.balintobservatory.analytics.release.scope.ReadScopes;
import org.balintobservatory.analytics.release.scope.ReleaseLabel;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.support.access.Allowed;
import org.balintobservatory.support.access.Caller;
import org.balintobservatory.support.access.Role;
import org.balintobservatory.support.domain.NotFoundException;
import org.balintobservatory.support.pseudonym.Pseudonyms;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One participant, unaggregated: only ever to the school they belong to. Researchers see participants
 * only inside unit statistics.
 *
 * <p>The school asks by its own participant id; the events carry only the keyed pseudonym the group and
 * survey services computed from it, so the id in the path is turned into that pseudonym the same way
 * ({@link Pseudonyms}, with the secret the three services share) to find the read model. The answer shows
 * the id the school asked with.
 */
@RestController
@RequestMapping("/api/v1/analytics/participants")
public class ParticipantAnalyticsController {

    private final ReadScopes scopes;
    private final Pseudonyms pseudonyms;

    public ParticipantAnalyticsController(ReadScopes scopes, Pseudonyms pseudonyms) {
        this.scopes = scopes;
        this.pseudonyms = pseudonyms;
    }

    /**
     * @param sessionsAttended the participant's dose in that group
     * @param arm              the arm of the group's programme, once the programme is known
     */
    public record GroupMembership(String groupId, String programmeId, Arm arm, LocalDate enrolledOn,
                                  LocalDate withdrewOn, int sessionsAttended, int sessionsRecorded) {
    }

    /**
     * @param logPosition the per-partition offsets this answer reflects
     * @param release     what the answer comes from: the school's live view
     */
    public record ParticipantReport(String participantId, List<GroupMembership> groups,
                                    List<ParticipantRecord.Score> scores, Map<String, Long> logPosition,
                                    int generation, ReleaseLabel release) {
    }

    @Allowed(Role.SCHOOL)
    @GetMapping("/{participantId}")
    ParticipantReport participant(Caller caller, @PathVariable String participantId) {
        ReadScope scope = scopes.of(caller);
        MongoReadModelStore store = scope.store();
        String pseudonym = pseudonyms.of(caller.institutionId(), participantId);
        ParticipantRecord p = store.find(ReadModel.PARTICIPANTS, ParticipantRecord.key(caller.institutionId(), pseudonym))
                .map(ParticipantRecord::fromDocument)
                .orElseThrow(() -> new NotFoundException("no participant " + participantId + " in the read models yet"));
        List<String> programmeIds = p.memberships().values().stream()
                .map(m -> caller.institutionId() + "/" + m.programmeId()).distinct().toList();
        Map<String, ProgrammeSummary> programmes = new java.util.HashMap<>();
        store.load(ReadModel.PROGRAMMES, programmeIds).forEach((id, doc) -> programmes.put(id, ProgrammeSummary.fromDocument(doc)));
        List<GroupMembership> groups = new ArrayList<>();
        p.memberships().values().forEach(m -> {
            ProgrammeSummary programme = programmes.get(caller.institutionId() + "/" + m.programmeId());
            groups.add(new GroupMembership(m.groupId(), m.programmeId(), programme == null ? null : programme.arm(),
                    m.enrolledOn(), m.withdrewOn(), m.sessionsAttended(), m.sessionsRecorded()));
        });
        return new ParticipantReport(participantId, groups, p.scores(), scope.logPosition(), scope.generation(),
                scope.label());
    }
}
