package org.balintobservatory.support.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Collection;
import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries every service keeps, as rules each service's tests run on its own classes
 * ({@code ArchitectureTest} in each service) and that {@code ArchitectureRulesTest} shows failing on classes
 * that break them:
 * <ul>
 *   <li>aggregates and {@code *Policy} classes hold rules only: no Spring, servlet or web types, and none
 *       of the web side of service-support. They refuse with {@code support.domain} exceptions, which the web
 *       layer turns into problem details;</li>
 *   <li>no service imports another service's packages: only events cross, through the contract;</li>
 *   <li>the packages inside a service depend on each other without cycles;</li>
 *   <li>the event contract depends on nothing but the JDK, Jackson and the CloudEvents SDK's envelope and JSON
 *       format: no framework, no persistence, no Kafka, so any consumer can read it.</li>
 * </ul>
 * Axon's {@code @Aggregate} is allowed on aggregates: it is how Axon finds them, and it brings no Spring
 * type into the class.
 */
public final class ArchitectureRules {

    /** The deployable services, by the package under {@code org.balintobservatory} each owns. */
    public static final List<String> SERVICES = List.of("group", "survey", "analytics", "access");
    public static final String ROOT = "org.balintobservatory";
    /** Axon's aggregate stereotype, by name: a service without Axon (analytics) runs the rules too. */
    private static final String AGGREGATE = "org.axonframework.spring.stereotype.Aggregate";

    private ArchitectureRules() {
    }

    /** A package's main classes as compiled, without tests. */
    public static JavaClasses mainClasses(String packageName) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packageName);
    }

    /** A package's classes, tests included: the fixtures that break the rules live in test sources. */
    static JavaClasses classesWithTests(String packageName) {
        return new ClassFileImporter().importPackages(packageName);
    }

    /** Runs every rule of a service on its main classes. */
    public static void checkService(String service) {
        String base = ROOT + "." + service;
        JavaClasses classes = mainClasses(base);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found in " + base);
        }
        domainFreeOfSpringAndWeb().check(classes);
        noImportsOfOtherServices(ROOT, service, SERVICES).check(classes);
        noCyclesWithin(base).check(classes);
    }

    /** Aggregates and policies depend on no Spring, servlet or web type. */
    public static ArchRule domainFreeOfSpringAndWeb() {
        return noClasses().that().areAnnotatedWith(AGGREGATE).or().haveSimpleNameEndingWith("Policy")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..",
                        "io.swagger..", ROOT + ".support.web..", ROOT + ".support.access..", ROOT + ".support.batch..")
                .because("aggregates and policies are their rules; the web layer maps their refusals")
                .allowEmptyShould(true);
    }

    /** Classes of {@code root.own} use no class of any other service in {@code services}. */
    public static ArchRule noImportsOfOtherServices(String root, String own, Collection<String> services) {
        String[] others = services.stream().filter(s -> !s.equals(own)).map(s -> root + "." + s + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "." + own + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("only events cross service boundaries, through the event contract");
    }

    /** The packages directly below {@code base} form no cycle. */
    public static ArchRule noCyclesWithin(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles();
    }

    /**
     * The contract's classes use only the JDK (without JDBC), Jackson and the CloudEvents SDK's envelope and JSON
     * format (not a protocol binding), besides each other.
     */
    public static ArchRule contractFreeOfFrameworks(String contractPackage) {
        DescribedPredicate<JavaClass> allowed = resideInAPackage(contractPackage + "..")
                .or(resideInAPackage("java.lang.."))
                .or(resideInAPackage("java.util.."))
                .or(resideInAPackage("java.time.."))
                .or(resideInAPackage("java.io.."))
                .or(resideInAPackage("java.net.."))
                .or(resideInAPackage("java.nio.."))
                .or(resideInAPackage("java.text.."))
                .or(resideInAPackage("java.math.."))
                .or(resideInAPackage("com.fasterxml.jackson.."))
                .or(resideInAPackage("io.cloudevents..").and(DescribedPredicate.not(
                        resideInAnyPackage("io.cloudevents.kafka..", "io.cloudevents.http.."))));
        return classes().that().resideInAPackage(contractPackage + "..")
                .should().onlyDependOnClassesThat(
                        allowed.as("the JDK without JDBC, Jackson, the CloudEvents SDK or the contract"))
                .because("the contract is read by any consumer, with no framework or persistence types");
    }
}
