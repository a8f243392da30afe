package org.balintobservatory.analytics.projection;

import org.balintobservatory.analytics.ingest.ConsumedEvent;
import org.balintobservatory.analytics.readmodel.EventStream;
import org.balintobservatory.analytics.readmodel.store.InMemoryReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.balintobservatory.analytics.readmodel.unit.UnitPairs;
import org.balintobservatory.analytics.readmodel.unit.UnitTable;
import org.balintobservatory.contract.group.Arm;
import org.balintobservatory.contract.survey.RetractionReason;
import org.balintobservatory.contract.survey.Timepoint;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.analytics.readmodel.EventStream.SCHOOL;

/**
 * The day each unit reached its second timepoint, as the projection records it: the earliest day on which one
 * of its current pairs became complete, a pair being complete on the later of its two responses' own dates.
 */
class UnitCompletionTest {

    private static final String GROUP_UNIT = "group:" + SCHOOL + "/grp-1|jse-style|total|BASELINE>POST";
    private static final String PROGRAMME_UNIT = "programme:" + SCHOOL + "/prog-1|jse-style|total|BASELINE>POST";
    private static final LocalDate BASELINE_DAY = LocalDate.of(2026, 9, 2);

    private final ReadModelProjection projection = new ReadModelProjection(null);
    // A new instance per test: each starts from a group of three, two of whom answered at baseline.
    private InMemoryReadModelStore store = new InMemoryReadModelStore();
    private final EventStream stream = new EventStream(SCHOOL)
            .programme("prog-1", Arm.INTERVENTION)
            .group("grp-1", "prog-1", "p-001", "p-002", "p-003")
            .survey("r-1-pre", "p-001", "prog-1", "grp-1", Timepoint.BASELINE, 100, BASELINE_DAY)
            .survey("r-2-pre", "p-002", "prog-1", "grp-1", Timepoint.BASELINE, 110, BASELINE_DAY);

    @Test
    void aUnitReachesItsSecondTimepointOnTheDayItsFirstPairIsComplete() {
        postsOnTheTwentiethAndTheFifth();
        projection.apply(stream.drain(), store);

        assertThat(completedOn(GROUP_UNIT)).isEqualTo(LocalDate.of(2027, 6, 5));
        assertThat(completedOn(PROGRAMME_UNIT)).isEqualTo(LocalDate.of(2027, 6, 5));
    }

    @Test
    void aPostResponseWithoutABaselineFormsNoPairAndSetsNoDay() {
        stream.survey("r-3-post", "p-003", "prog-1", "grp-1", Timepoint.POST, 121, LocalDate.of(2027, 5, 1))
                .survey("r-1-post", "p-001", "prog-1", "grp-1", Timepoint.POST, 104, LocalDate.of(2027, 6, 20));
        projection.apply(stream.drain(), store);

        assertThat(completedOn(GROUP_UNIT)).isEqualTo(LocalDate.of(2027, 6, 20));
    }

    @Test
    void aBaselineCompletedAfterThePostResponseCompletesThePairOnItsOwnDay() {
        stream.survey("r-3-post", "p-003", "prog-1", "grp-1", Timepoint.POST, 121, LocalDate.of(2027, 5, 1));
        projection.apply(stream.drain(), store);
        assertThat(store.get(ReadModel.UNIT_PAIRS, GROUP_UNIT)).as("no pair yet").isNull();

        stream.survey("r-3-pre", "p-003", "prog-1", "grp-1", Timepoint.BASELINE, 120, LocalDate.of(2027, 5, 9));
        projection.apply(stream.drain(), store);

        assertThat(completedOn(GROUP_UNIT)).isEqualTo(LocalDate.of(2027, 5, 9));
    }

    @Test
    void retractingTheFirstPairMovesTheDayToTheNextAndACorrectionMovesItWithTheResponse() {
        postsOnTheTwentiethAndTheFifth();
        projection.apply(stream.drain(), store);

        stream.retract("r-2-post", "p-002", Timepoint.POST, RetractionReason.CONSENT_WITHDRAWN);
        projection.apply(stream.drain(), store);
        assertThat(completedOn(GROUP_UNIT)).isEqualTo(LocalDate.of(2027, 6, 20));

        stream.survey("r-2-post-again", "p-002", "prog-1", "grp-1", Timepoint.POST, 118, LocalDate.of(2027, 7, 1));
        projection.apply(stream.drain(), store);
        assertThat(completedOn(GROUP_UNIT)).as("the later response adds a later pair").isEqualTo(LocalDate.of(2027, 6, 20));
    }

    @Test
    void theDayComesFromTheEventsWhateverTheBatchesTheyArriveIn() {
        postsOnTheTwentiethAndTheFifth();
        List<ConsumedEvent> events = stream.drain();
        for (ConsumedEvent event : events) {
            projection.apply(List.of(event), store);
        }
        LocalDate oneByOne = completedOn(GROUP_UNIT);
        store = new InMemoryReadModelStore();
        projection.apply(events, store);

        assertThat(completedOn(GROUP_UNIT)).isEqualTo(oneByOne).isEqualTo(LocalDate.of(2027, 6, 5));
    }

    @Test
    void aTableOfTheFormatBeforeDecodesWithTheDayUnknownUntilTheRebuildReplacesIt() {
        stream.survey("r-1-post", "p-001", "prog-1", "grp-1", Timepoint.POST, 104, LocalDate.of(2027, 6, 20));
        projection.apply(stream.drain(), store);
        Document current = store.get(ReadModel.UNIT_TABLES,
                UnitPairs.fromDocument(store.get(ReadModel.UNIT_PAIRS, GROUP_UNIT)).key().tableId());
        Document format3 = Document.parse(current.toJson());
        format3.getList("units", Document.class).forEach(entry -> entry.remove("completedOn"));

        UnitTable old = UnitTable.fromDocument(format3);

        assertThat(old.units()).isEqualTo(UnitTable.fromDocument(current).units());
        assertThat(old.completedOn(SCHOOL + "/grp-1")).isNull();
        assertThat(UnitTable.fromDocument(current).completedOn(SCHOOL + "/grp-1")).isEqualTo(LocalDate.of(2027, 6, 20));
    }

    /** p-001 answers at post on 20 June, p-002 on 5 June: both complete a pair. */
    private void postsOnTheTwentiethAndTheFifth() {
        stream.survey("r-1-post", "p-001", "prog-1", "grp-1", Timepoint.POST, 104, LocalDate.of(2027, 6, 20))
                .survey("r-2-post", "p-002", "prog-1", "grp-1", Timepoint.POST, 118, LocalDate.of(2027, 6, 5));
    }

    /** The unit's day, checked to be the same in its pairs document and in its institution's table. */
    private LocalDate completedOn(String unitId) {
        UnitPairs unit = UnitPairs.fromDocument(store.get(ReadModel.UNIT_PAIRS, unitId));
        UnitTable table = UnitTable.fromDocument(store.get(ReadModel.UNIT_TABLES, unit.key().tableId()));
        assertThat(table.completedOn(unit.key().unitId())).isEqualTo(unit.completedOn());
        return unit.completedOn();
    }
}
