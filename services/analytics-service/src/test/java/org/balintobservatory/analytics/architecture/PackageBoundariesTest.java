package org.balintobservatory.analytics.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The analytics service's packages as the folder tree shows them: features that depend on the read-model
 * store and on each other without cycles, and a store that knows no feature.
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
    }

    @Test
    void theReadModelStoreKnowsNoFeature() {
        noClasses().that().resideInAPackage("..analytics.readmodel..")
                .should().dependOnClassesThat().resideOutsideOfPackages("..analytics.readmodel..", "java..",
                        "org.bson..", "com.mongodb..", "org.springframework..")
                .check(ANALYTICS);
    }

    @Test
    void onlyTheProjectionAndAGroupsOwnDetailReadGroupHistories() {
        noClasses().that().resideOutsideOfPackages("..analytics.projection..", "..analytics.group..")
                .should().dependOnClassesThat().haveSimpleName("GroupSummaryDocuments")
                .check(ANALYTICS);
    }

    /**
     * Who sees live data and who a release is decided once, in {@code scope}: a feature that answers a caller
     * reads the store, the log position and the release that {@code ReadScopes} gives it, and never works the
     * rule out again from the generations, the consumer's position or the list of releases.
     */
    @Test
    void onlyTheReadScopeDecidesWhatAnAnswerIsReadFrom() {
        noClasses().that().resideOutsideOfPackages("..analytics.scope..", "..analytics.readmodel..",
                        "..analytics.ingest..", "..analytics.projection..", "..analytics.replay..",
                        "..analytics.release..", "org.balintobservatory.analytics")
                .should().dependOnClassesThat().haveSimpleName("Generations")
                .orShould().dependOnClassesThat().haveSimpleName("DataReleases")
                .orShould().dependOnClassesThat().haveSimpleName("LogPosition")
                .check(ANALYTICS);
    }

    /** The comparison engine is plain Java; reproduction builds on it; only the web part knows the web. */
    @Test
    void theComparisonEngineKnowsNeitherTheWebNorReproduction() {
        noClasses().that().resideInAPackage("..analytics.comparison.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..",
                        "..analytics.comparison.web..", "..analytics.comparison.reproduction..",
                        "..analytics.scope..", "..analytics.readmodel..", "org.balintobservatory.support.access..")
                .check(ANALYTICS);
        noClasses().that().resideInAPackage("..analytics.comparison.reproduction..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "..analytics.comparison.web..", "..analytics.readmodel..")
                .check(ANALYTICS);
    }
}
