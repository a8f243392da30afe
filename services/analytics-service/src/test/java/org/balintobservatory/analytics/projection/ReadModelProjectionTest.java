package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.analytics.readmodel.ReadModelComparison;
import org.balintobservatory.analytics.readmodel.group.GroupSummary;
import org.balintobservatory.analytics.readmodel.group.GroupSummaryDocuments;
import org.balintobservatory.analytics.readmodel.institution.InstitutionProfile;
import org.balintobservatory.analytics.readmodel.institution.InstitutionTotals;
import org.balintobservatory.analytics.readmodel.institution.MonthlyAttendance;
import org.balintobservatory.analytics.readmodel.participant.ParticipantRecord;
import org.balintobservatory.analytics.readmodel.store.InMemoryReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.store.ReadModelStore;
import org.balintobservatory.analytics.readmodel.unit.UnitPairs;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;
import org.balintobservatory.contract.group.AttendanceEntry;
import org.balintobservatory.contract.group.AttendanceStatus;
import org.balintobservatory.contract.group.CaseTheme;
import org.balintobservatory.contract.group.PresentedCase;
import org.balintobservatory.contract.group.SessionCorrectedEvent;
import org.balintobservatory.contract.group.SessionFormat;
import org.balintobservatory.contract.group.SessionVoidedEvent;
import org.balintobservatory.contract.group.VoidReason;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.metaanalysis.moments.PairedMoments;
import org.balintobservatory.metaanalysis.moments.PairedMomentsState;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.balintobservatory.analytics.readmodel.EventStream.SCHOOL;
import static org.balintobservatory.analytics.readmodel.EventStream.START;

class ReadModelProjectionTest {

    private static final List<String> ROSTER = List.of("p-001", "p-002", "p-003");
    private static final String GROUP_UNIT = "group:" + SCHOOL + "/grp-1|jse-style|total|BASELINE>POST";
    private static final String PROGRAMME_UNIT = "programme:" + SCHOOL + "/prog-1|jse-style|total|BASELINE>POST";

    private final ReadModelProjection projection = new ReadModelProjection(null);
    private InMemoryReadModelStore store;
    private EventStream stream;

    @BeforeEach
    void setUp() {
        store = new InMemoryReadModelStore();
        stream = new EventStream(SCHOOL)
                .programme("prog-1", org.balintobservatory.contract.group.Arm.INTERVENTION)
                .group("grp-1", "prog-1", ROSTER.toArray(String[]::new))
                .session("grp-1", "s-1", START.plusDays(7), ROSTER, List.of("p-001", "p-002"), CaseTheme.END_OF_LIFE)
                .session("grp-1", "s-2", START.plusDays(14), ROSTER, ROSTER, CaseTheme.BOUNDARIES, CaseTheme.END_OF_LIFE)
                // Pairs (100, 104), (110, 118), (120, 121): x̄ = 110, ȳ = 343/3.
                .survey("r-1-pre", "p-001", "prog-1", "grp-1", Timepoint.BASELINE, 100)
                .survey("r-2-pre", "p-002", "prog-1", "grp-1", Timepoint.BASELINE, 110)
                .survey("r-3-pre", "p-003", "prog-1", "grp-1", Timepoint.BASELINE, 120)
                .survey("r-1-post", "p-001", "prog-1", "grp-1", Timepoint.POST, 104)
                .survey("r-2-post", "p-002", "prog-1", "grp-1", Timepoint.POST, 118)
                .survey("r-3-post", "p-003", "prog-1", "grp-1", Timepoint.POST, 121);
    }

    @Test
    void groupSummaryCountsSessionsAttendanceDoseAndThemes() {
        projection.apply(stream.drain(), store);

        GroupSummary group = group();
        assertThat(group.sessionsHeld()).isEqualTo(2);
        assertThat(group.count(AttendanceStatus.PRESENT)).isEqualTo(5);
        assertThat(group.meanAttendancePerSession()).isEqualTo(2.5);
        assertThat(group.attendanceRate()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(group.themeCounts()).containsOnly(entry(CaseTheme.END_OF_LIFE, 2), entry(CaseTheme.BOUNDARIES, 1));
        assertThat(participant("p-001").memberships().get(SCHOOL + "/grp-1").sessionsAttended()).isEqualTo(2);
        assertThat(participant("p-003").memberships().get(SCHOOL + "/grp-1").sessionsAttended()).isEqualTo(1);
        assertThat(participant("p-003").memberships().get(SCHOOL + "/grp-1").sessionsRecorded()).isEqualTo(2);
    }

    @Test
    void unitStatisticsHoldThePairedMoments() {
        projection.apply(stream.drain(), store);

        PairedMomentsState group = moments(GROUP_UNIT);
        assertThat(group.n()).isEqualTo(3);
        assertThat(group.meanFrom()).isCloseTo(110, within(1e-9));
        assertThat(group.meanTo()).isCloseTo(343 / 3.0, within(1e-9));
        assertThat(group.m2From()).isCloseTo(200, within(1e-9));
        assertThat(moments(PROGRAMME_UNIT)).isEqualTo(group);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        List<ConsumedEvent> all = stream.drain();
        projection.apply(all, store);
        Map<ReadModel, Map<String, Document>> once = store.snapshot();

        projection.apply(all, store);
        projection.apply(all.subList(3, 12), store);
        for (ConsumedEvent event : all) {
            projection.apply(List.of(event), store);
        }

        assertThat(store.snapshot()).isEqualTo(once);
    }

    @Test
    void sessionCorrectionReplacesEverythingTheSessionHadCounted() {
        stream.add("grp-1", new SessionCorrectedEvent(SCHOOL, "grp-1", "s-1", "fix-1", START.plusDays(7), 90,
                SessionFormat.IN_PERSON, 2,
                List.of(new AttendanceEntry("p-001", AttendanceStatus.PRESENT),
                        new AttendanceEntry("p-003", AttendanceStatus.PRESENT)),
                List.of(new PresentedCase("s-1-case", "p-003", List.of(CaseTheme.BREAKING_BAD_NEWS), 4))));
        projection.apply(stream.drain(), store);

        GroupSummary group = group();
        assertThat(group.sessionsHeld()).isEqualTo(2);
        assertThat(group.attendanceRecords()).isEqualTo(5);
        assertThat(group.themeCounts()).containsOnly(entry(CaseTheme.BREAKING_BAD_NEWS, 1),
                entry(CaseTheme.BOUNDARIES, 1), entry(CaseTheme.END_OF_LIFE, 1));
        assertThat(participant("p-002").memberships().get(SCHOOL + "/grp-1").sessionsAttended()).isEqualTo(1);
        assertThat(participant("p-003").memberships().get(SCHOOL + "/grp-1").sessionsAttended()).isEqualTo(2);
    }

    @Test
    void voidedSessionNoLongerCountsForTheGroupOrItsMembers() {
        projection.apply(stream.drain(), store);
        stream.add("grp-1", new SessionVoidedEvent(SCHOOL, "grp-1", "s-2", VoidReason.DUPLICATE_ENTRY));
        projection.apply(stream.drain(), store);

        GroupSummary group = group();
        assertThat(group.sessionsHeld()).isEqualTo(1);
        assertThat(group.themeCounts()).containsOnly(entry(CaseTheme.END_OF_LIFE, 1));
        assertThat(participant("p-003").memberships().get(SCHOOL + "/grp-1").sessionsAttended()).isZero();
        assertThat(participant("p-001").memberships().get(SCHOOL + "/grp-1").sessionsAttended()).isEqualTo(1);
    }

    @Test
    void correctedScoreReplacesTheOldPairAndRetractionRemovesIt() {
        projection.apply(stream.drain(), store);
        stream.correctSurvey("r-1-post", "p-001", "prog-1", "grp-1", Timepoint.POST, 108);
        projection.apply(stream.drain(), store);

        assertThat(moments(GROUP_UNIT).n()).isEqualTo(3);
        assertThat(moments(GROUP_UNIT).meanTo()).isCloseTo((108 + 118 + 121) / 3.0, within(1e-9));
        assertThat(participant("p-001").scores()).extracting(ParticipantRecord.Score::score).containsExactly(100.0, 108.0);

        stream.retract("r-2-pre", "p-002", Timepoint.BASELINE, RetractionReason.ENTERED_IN_ERROR);
        projection.apply(stream.drain(), store);

        PairedMomentsState expected = new PairedMoments().add(100, 108).add(120, 121).state();
        assertThat(moments(GROUP_UNIT).n()).isEqualTo(2);
        assertThat(moments(GROUP_UNIT).meanFrom()).isCloseTo(expected.meanFrom(), within(1e-9));
        assertThat(moments(GROUP_UNIT).coMoment()).isCloseTo(expected.coMoment(), within(1e-9));
        assertThat(moments(PROGRAMME_UNIT).n()).isEqualTo(2);
    }

    @Test
    void withdrawnConsentDropsEveryScoreOfTheParticipant() {
        stream.retract("r-3-pre", "p-003", Timepoint.BASELINE, RetractionReason.CONSENT_WITHDRAWN)
                .retract("r-3-post", "p-003", Timepoint.POST, RetractionReason.CONSENT_WITHDRAWN);
        List<ConsumedEvent> all = stream.drain();
        projection.apply(all, store);
        // A late redelivery of the original responses must not bring the scores back.
        projection.apply(all.stream().filter(e -> e.aggregateId().endsWith("r-3-pre")).toList(), store);

        assertThat(participant("p-003").responses()).isEmpty();
        assertThat(moments(GROUP_UNIT).n()).isEqualTo(2);
        assertThat(store.get(ReadModel.UNIT_PAIRS, GROUP_UNIT).getList("pairs", Document.class))
                .extracting(d -> d.getString("participant")).doesNotContain(SCHOOL + "/p-003");
    }

    @Test
    void correctionNamingAnotherParticipantMovesTheResponse() {
        stream.correctSurvey("r-3-post", "p-004", "prog-1", "grp-1", Timepoint.POST, 121);
        projection.apply(stream.drain(), store);

        assertThat(participant("p-003").responses()).containsOnlyKeys(SCHOOL + "/r-3-pre");
        assertThat(participant("p-004").responses()).containsOnlyKeys(SCHOOL + "/r-3-post");
        assertThat(moments(GROUP_UNIT).n()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = ReadModel.class, mode = EnumSource.Mode.EXCLUDE, names = {"RELEASE_MEMBERS", "DOSE_TABLES"})
    void crashBeforeAnyWriteIsRepairedByRedelivery(ReadModel failing) {
        List<ConsumedEvent> all = stream.drain();
        InMemoryReadModelStore clean = new InMemoryReadModelStore();
        projection.apply(all, clean);

        assertThatThrownBy(() -> projection.apply(all, new FailingStore(store, failing)))
                .isInstanceOf(IllegalStateException.class);
        projection.apply(all, store);

        assertThat(store.snapshot()).isEqualTo(clean.snapshot());
    }

    @ParameterizedTest
    @EnumSource(value = ReadModel.class, mode = EnumSource.Mode.EXCLUDE, names = {"RELEASE_MEMBERS", "DOSE_TABLES"})
    void crashInALaterBatchIsRepairedByRedelivery(ReadModel failing) {
        List<ConsumedEvent> first = stream.drain();
        stream.correctSurvey("r-1-post", "p-001", "prog-1", "grp-1", Timepoint.POST, 108)
                .retract("r-2-pre", "p-002", Timepoint.BASELINE, RetractionReason.ENTERED_IN_ERROR)
                .session("grp-1", "s-3", START.plusDays(40), ROSTER, List.of("p-002"), CaseTheme.BOUNDARIES)
                .survey("r-5-pre", "p-005", "prog-1", null, Timepoint.BASELINE, 90)
                .survey("r-5-post", "p-005", "prog-1", null, Timepoint.POST, 99);
        List<ConsumedEvent> second = stream.drain();
        InMemoryReadModelStore clean = new InMemoryReadModelStore();
        projection.apply(first, clean);
        projection.apply(second, clean);

        projection.apply(first, store);
        assertThatThrownBy(() -> projection.apply(second, new FailingStore(store, failing)))
                .isInstanceOf(IllegalStateException.class);
        projection.apply(second, store);

        assertThat(store.snapshot()).isEqualTo(clean.snapshot());
    }

    @Test
    void institutionTablesListEveryUnitOfTheInstitutionWithItsMoments() {
        projection.apply(stream.drain(), store);

        UnitTable groups = UnitTable.fromDocument(store.get(ReadModel.UNIT_TABLES,
                UnitTable.id("group", "jse-style", "total", Timepoint.BASELINE, Timepoint.POST, SCHOOL)));
        assertThat(groups.units()).containsOnlyKeys(SCHOOL + "/grp-1");
        assertThat(groups.units().get(SCHOOL + "/grp-1").n()).isEqualTo(3);
        UnitTable programmes = UnitTable.fromDocument(store.get(ReadModel.UNIT_TABLES,
                UnitTable.id("programme", "jse-style", "total", Timepoint.BASELINE, Timepoint.POST, SCHOOL)));
        assertThat(programmes.units()).containsOnlyKeys(SCHOOL + "/prog-1");
        // Pairs stay in the projection's own documents: what queries read holds moments only.
        assertThat(store.get(ReadModel.UNIT_TABLES, groups.id()).toJson()).doesNotContain("p-001");
    }

    @Test
    void institutionProfileDescribesEachGroupWithoutItsHistory() {
        projection.apply(stream.drain(), store);

        InstitutionProfile profile = InstitutionProfile.fromDocument(store.get(ReadModel.INSTITUTIONS, SCHOOL));
        assertThat(profile.groups()).containsOnlyKeys("grp-1");
        assertThat(profile.groups().get("grp-1").meanAttendance()).isEqualTo(2.5);
        assertThat(profile.groups().get("grp-1").plannedSize()).isEqualTo(EventStream.DESIGN.plannedSize());
        assertThat(profile.programmes().get("prog-1").arm()).isEqualTo(org.balintobservatory.contract.group.Arm.INTERVENTION);
        assertThat(store.get(ReadModel.INSTITUTIONS, SCHOOL).toJson()).doesNotContain("s-1").doesNotContain("p-001");
    }

    @Test
    void institutionTotalsCountEachParticipantOnceAndAttendanceByMonth() {
        List<ConsumedEvent> all = stream.drain();
        projection.apply(all, store);
        // Redelivered, and in single-event batches: nothing may be counted twice.
        all.forEach(e -> projection.apply(List.of(e), store));

        InstitutionTotals totals = InstitutionTotals.fromDocument(store.get(ReadModel.INSTITUTION_TOTALS, SCHOOL));
        assertThat(totals.groups()).isEqualTo(1);
        assertThat(totals.sessions()).isEqualTo(2);
        assertThat(totals.participants()).isEqualTo(3);
        assertThat(totals.months()).containsExactly(new MonthlyAttendance("2026-09", 2, 5, 6));
        assertThat(totals.meanAttendance()).isEqualTo(new InstitutionTotals.Sum(2.5, 1));
        assertThat(totals.tables()).extracting(InstitutionTotals.Table::instrumentId, InstitutionTotals.Table::from,
                InstitutionTotals.Table::to).containsExactly(org.assertj.core.groups.Tuple.tuple("jse-style",
                Timepoint.BASELINE, Timepoint.POST));

        stream.survey("r-9-pre", "p-009", "prog-1", null, Timepoint.BASELINE, 100);
        projection.apply(stream.drain(), store);
        assertThat(InstitutionTotals.fromDocument(store.get(ReadModel.INSTITUTION_TOTALS, SCHOOL)).participants())
                .isEqualTo(4);
    }

    @Test
    void interleavingOfAggregatesDoesNotChangeTheResult() {
        List<ConsumedEvent> all = stream.drain();
        projection.apply(all, store);

        // Another partition assignment: the same per-aggregate order, aggregates visited in reverse.
        Map<String, List<ConsumedEvent>> byAggregate = new LinkedHashMap<>();
        all.forEach(e -> byAggregate.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e));
        List<String> aggregates = new ArrayList<>(byAggregate.keySet());
        aggregates.sort(Comparator.reverseOrder());
        InMemoryReadModelStore other = new InMemoryReadModelStore();
        for (String aggregate : aggregates) {
            projection.apply(byAggregate.get(aggregate), other);
        }

        assertThat(ReadModelComparison.normalise(other.snapshot())).isEqualTo(ReadModelComparison.normalise(store.snapshot()));
    }

    @Test
    void responseAndGroupWithTheSameLocalIdAreKeptApart() {
        // Ids are unique per service: a school may name a response like one of its groups.
        stream.survey("grp-1", "p-001", "prog-1", "grp-1", Timepoint.FOLLOW_UP_1, 101);
        projection.apply(stream.drain(), store);

        assertThat(group().sessionsHeld()).isEqualTo(2);
        assertThat(participant("p-001").responses()).containsKey(SCHOOL + "/grp-1");
        assertThat(store.get(ReadModel.UNIT_PAIRS, "group:" + SCHOOL + "/grp-1|jse-style|total|BASELINE>FOLLOW_UP_1"))
                .isNotNull();
    }

    private GroupSummary group() {
        return GroupSummaryDocuments.fromDocument(store.get(ReadModel.GROUPS, SCHOOL + "/grp-1"));
    }

    private ParticipantRecord participant(String id) {
        return ParticipantRecord.fromDocument(store.get(ReadModel.PARTICIPANTS, SCHOOL + "/" + id));
    }

    /** A unit's moments, checked to be the same in its pairs document and in its institution's table. */
    private PairedMomentsState moments(String unitId) {
        UnitPairs unit = UnitPairs.fromDocument(store.get(ReadModel.UNIT_PAIRS, unitId));
        UnitTable table = UnitTable.fromDocument(store.get(ReadModel.UNIT_TABLES, unit.key().tableId()));
        assertThat(table.units()).containsEntry(unit.key().unitId(), unit.moments());
        return unit.moments();
    }

    /** Writes through to a store, except that the first write of one read model fails. */
    private static final class FailingStore implements ReadModelStore {
        private final ReadModelStore delegate;
        private final ReadModel failOn;

        FailingStore(ReadModelStore delegate, ReadModel failOn) {
            this.delegate = delegate;
            this.failOn = failOn;
        }

        @Override
        public Map<String, Document> load(ReadModel model, Collection<String> ids) {
            return delegate.load(model, ids);
        }

        @Override
        public void write(ReadModel model, Collection<Document> documents) {
            if (model == failOn) {
                throw new IllegalStateException("connection lost");
            }
            delegate.write(model, documents);
        }
    }
}
