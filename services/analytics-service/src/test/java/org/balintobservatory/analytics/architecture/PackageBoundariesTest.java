package org.balintobservatory.analytics.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The analytics service's packages as the folder tree shows them: the stages data passes through (ingest,
 * projection, read models, releases, replay, answers) without cycles, every package inside them without cycles,
 * read models that know no later stage, and a store that knows no read model and no feature.
 */
class PackageBoundariesTest {

    private static final JavaClasses ANALYTICS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.balintobservatory.analytics");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        assertThat(ANALYTICS.stream().map(c -> c.getPackageName()).distinct()).as("the service's packages, found")
                .hasSizeGreaterThan(10);
        slices().matching("org.balintobservatory.analytics.(*)..").should().beFreeOfCycles().check(ANALYTICS);
        slices().assignedFrom(EVERY_PACKAGE).should().beFreeOfCycles().check(ANALYTICS);
    }

    /**
     * Each package below the application's own a slice of its own: a read model, a question's engine or web
     * part, the read scope, disclosure control, so that no two of them depend on each other both ways even
     * inside one stage.
     */
    private static final SliceAssignment EVERY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.startsWith("org.balintobservatory.analytics.") ? SliceIdentifier.of(name)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "every package of the analytics service";
        }
    };

    /** The store, and the list of data releases kept in it, know no read model and no feature. */
    @Test
    void theReadModelStoreKnowsNoFeature() {
        noClasses().that().resideInAnyPackage("..analytics.readmodel.store..", "..analytics.readmodel.release..")
                .should().dependOnClassesThat().resideOutsideOfPackages("..analytics.readmodel.store..",
                        "..analytics.readmodel.release..", "java..", "org.bson..", "com.mongodb..",
                        "org.springframework..")
                .check(ANALYTICS);
    }

    /** A read model is what the projection writes; it knows nothing of the stages that fill or read it. */
    @Test
    void theReadModelsKnowNoLaterStage() {
        noClasses().that().resideInAPackage("..analytics.readmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("..analytics.ingest..", "..analytics.projection..",
                        "..analytics.release..", "..analytics.replay..", "..analytics.answer..")
                .check(ANALYTICS);
    }

    @Test
    void onlyTheProjectionAndAGroupsOwnDetailReadGroupHistories() {
        noClasses().that().resideOutsideOfPackages("..analytics.projection..", "..analytics.readmodel.group..",
                        "..analytics.answer.group..")
                .should().dependOnClassesThat().haveSimpleName("GroupSummaryDocuments")
                .check(ANALYTICS);
    }

    /**
     * Who sees live data and who a release is decided once, in {@code release.scope}: a feature that answers a
     * caller reads the store, the log position and the release that {@code ReadScopes} gives it, and never works the
     * rule out again from the generations, the consumer's position or the list of releases.
     */
    @Test
    void onlyTheReadScopeDecidesWhatAnAnswerIsReadFrom() {
        noClasses().that().resideOutsideOfPackages("..analytics.release.scope..", "..analytics.readmodel..",
                        "..analytics.ingest..", "..analytics.projection..", "..analytics.replay..",
                        "org.balintobservatory.analytics.release", "org.balintobservatory.analytics")
                .should().dependOnClassesThat().haveSimpleName("Generations")
                .orShould().dependOnClassesThat().haveSimpleName("DataReleases")
                .orShould().dependOnClassesThat().haveSimpleName("LogPosition")
                .check(ANALYTICS);
    }

    /** The comparison engine is plain Java; reproduction builds on it; only the web part knows the web. */
    @Test
    void theComparisonEngineKnowsNeitherTheWebNorReproduction() {
        noClasses().that().resideInAPackage("..analytics.answer.comparison.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..",
                        "..analytics.answer.comparison.web..", "..analytics.answer.comparison.reproduction..",
                        "..analytics.release.scope..", "..analytics.readmodel..", "org.balintobservatory.support.access..")
                .check(ANALYTICS);
        noClasses().that().resideInAPackage("..analytics.answer.comparison.reproduction..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "..analytics.answer.comparison.web..", "..analytics.readmodel..")
                .check(ANALYTICS);
    }
}
