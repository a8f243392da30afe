package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.readmodel.institution.GroupProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionActivity;
import org.balintobservatory.analytics.readmodel.institution.InstitutionCatalogue;
import org.balintobservatory.analytics.readmodel.institution.InstitutionProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionTotals;
import org.balintobservatory.analytics.readmodel.institution.ParticipantDirectory;
import org.balintobservatory.analytics.readmodel.institution.ProgrammeProfile;
import org.balintobservatory.analytics.readmodel.participant.ParticipantRecord;
import org.balintobservatory.analytics.readmodel.programme.ProgrammeSummary;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.balintobservatory.analytics.projection.ProjectionBatch.institutionOf;

/**
 * The institution documents: {@code institutions} and {@code institution_activity} entries copied from the
 * group and programme summaries the batch changed, the {@code participant_directory} with everyone the read
 * models had not seen, the {@code institution_totals} recomputed from those, and the {@code catalogue},
 * which gains every institution without totals yet.
 */
final class InstitutionHandler implements ReadModelHandler {

    private Map<String, InstitutionProfile> profiles = Map.of();
    private Map<String, InstitutionActivity> activities = Map.of();
    private Map<String, ParticipantDirectory> directories = Map.of();
    private final List<Document> changedTotals = new ArrayList<>();
    private InstitutionCatalogue catalogue;

    @Override
    public void apply(ProjectionBatch batch) {
        Map<String, Set<String>> newParticipants = new TreeMap<>();
        Map<String, Set<String>> versionsSeen = new TreeMap<>();
        for (String key : batch.changedParticipants) {
            ParticipantRecord p = batch.participants.get(key);
            if (batch.unseen.contains(key)) {
                newParticipants.computeIfAbsent(p.institutionId(), k -> new TreeSet<>()).add(p.participantId());
            }
            p.responses().values().forEach(r -> versionsSeen.computeIfAbsent(p.institutionId(), k -> new TreeSet<>())
                    .add(r.instrumentId() + "@" + r.instrumentVersion()));
        }
        Set<String> described = new TreeSet<>();
        batch.changedGroups.forEach(g -> described.add(institutionOf(g.aggregateId())));
        batch.changedProgrammes.forEach(p -> described.add(institutionOf(p.aggregateId())));
        Set<String> touched = new TreeSet<>(described);
        touched.addAll(versionsSeen.keySet());
        touched.addAll(newParticipants.keySet());
        touched.addAll(batch.scalesSeen.keySet());

        profiles = batch.load(ReadModel.INSTITUTIONS, described, InstitutionProfile::fromDocument);
        activities = batch.load(ReadModel.INSTITUTION_ACTIVITY, described, InstitutionActivity::fromDocument);
        directories = batch.load(ReadModel.PARTICIPANT_DIRECTORY, newParticipants.keySet(), ParticipantDirectory::fromDocument);
        Map<String, InstitutionTotals> totals = batch.load(ReadModel.INSTITUTION_TOTALS, touched, InstitutionTotals::fromDocument);
        Map<String, Document> totalsBefore = new HashMap<>();
        totals.forEach((id, t) -> totalsBefore.put(id, t.toDocument()));

        for (GroupSummary group : batch.changedGroups) {
            if (group.groupId() != null) {
                String institution = institutionOf(group.aggregateId());
                profiles.computeIfAbsent(institution, InstitutionProfile::new).put(GroupProfile.of(group));
                activities.computeIfAbsent(institution, InstitutionActivity::new).put(group.groupId(),
                        InstitutionActivity.of(group));
            }
        }
        for (ProgrammeSummary programme : batch.changedProgrammes) {
            profiles.computeIfAbsent(institutionOf(programme.aggregateId()), InstitutionProfile::new)
                    .put(ProgrammeProfile.of(programme));
        }
        newParticipants.forEach((institution, ids) -> ids.forEach(
                directories.computeIfAbsent(institution, ParticipantDirectory::new)::add));
        for (String institution : touched) {
            InstitutionTotals t = totals.computeIfAbsent(institution, InstitutionTotals::new);
            if (profiles.containsKey(institution)) {
                t.profile(profiles.get(institution));
            }
            if (activities.containsKey(institution)) {
                t.activity(activities.get(institution));
            }
            if (directories.containsKey(institution)) {
                t.directory(directories.get(institution));
            }
            batch.scalesSeen.getOrDefault(institution, List.of()).forEach(t::table);
            versionsSeen.getOrDefault(institution, Set.of()).forEach(t::instrumentVersion);
        }
        totals.forEach((id, t) -> {
            Document doc = t.toDocument();
            if (!doc.equals(totalsBefore.get(id))) {
                changedTotals.add(doc);
            }
        });

        List<String> newInstitutions = touched.stream().filter(i -> !totalsBefore.containsKey(i)).toList();
        if (!newInstitutions.isEmpty()) {
            catalogue = InstitutionCatalogue.fromDocument(batch.store.load(ReadModel.CATALOGUE,
                    List.of(InstitutionCatalogue.ID)).get(InstitutionCatalogue.ID));
            if (!catalogue.addAll(newInstitutions)) {
                catalogue = null;
            }
        }
    }

    @Override
    public void write(ProjectionBatch batch) {
        batch.store.write(ReadModel.CATALOGUE, catalogue == null ? List.of() : List.of(catalogue.toDocument()));
        batch.write(ReadModel.PARTICIPANT_DIRECTORY, directories.values(), ParticipantDirectory::toDocument);
        batch.write(ReadModel.INSTITUTIONS, profiles.values(), InstitutionProfile::toDocument);
        batch.write(ReadModel.INSTITUTION_ACTIVITY, activities.values(), InstitutionActivity::toDocument);
        batch.store.write(ReadModel.INSTITUTION_TOTALS, changedTotals);
    }
}
