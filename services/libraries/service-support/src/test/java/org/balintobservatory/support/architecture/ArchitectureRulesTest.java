package org.balintobservatory.support.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each boundary rule fails on a class that breaks it (the fixtures in
 * {@code org.balintobservatory.support.architecture.fixture}) and passes on one that keeps it; and the rules
 * that concern this module and the event contract hold for them.
 */
class ArchitectureRulesTest {

    private static final String FIXTURE = "org.balintobservatory.support.architecture.fixture";

    private static JavaClasses fixture(String subPackage) {
        return ArchitectureRules.classesWithTests(FIXTURE + "." + subPackage);
    }

    @Test
    void anAggregateThatUsesSpringBreaksTheDomainRule() {
        EvaluationResult result = ArchitectureRules.domainFreeOfSpringAndWeb().evaluate(fixture("domain"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains("SpringAwareAggregate").contains("org.springframework.context.ApplicationContext"));
    }

    @Test
    void aPolicyThatRefusesWithAWebExceptionBreaksTheDomainRule() {
        EvaluationResult result = ArchitectureRules.domainFreeOfSpringAndWeb().evaluate(fixture("domain"));

        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains("WebRefusingPolicy").contains("InvalidRequestException"));
        assertThat(result.getFailureReport().getDetails()).as("a policy with a domain exception keeps the rule")
                .noneSatisfy(d -> assertThat(d).contains("SizePolicy"));
    }

    @Test
    void aServiceThatCallsAnotherServicesClassBreaksTheServiceRule() {
        JavaClasses services = fixture("services");

        EvaluationResult alpha = ArchitectureRules.noImportsOfOtherServices(FIXTURE + ".services", "alpha",
                List.of("alpha", "beta")).evaluate(services);
        EvaluationResult beta = ArchitectureRules.noImportsOfOtherServices(FIXTURE + ".services", "beta",
                List.of("alpha", "beta")).evaluate(services);

        assertThat(alpha.hasViolation()).isTrue();
        assertThat(alpha.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains("AlphaHandler").contains("BetaStore"));
        assertThat(beta.hasViolation()).as("beta imports nothing of alpha").isFalse();
    }

    @Test
    void twoPackagesThatUseEachOtherBreakTheCycleRule() {
        EvaluationResult result = ArchitectureRules.noCyclesWithin(FIXTURE + ".cycle").evaluate(fixture("cycle"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected");
    }

    @Test
    void aContractEventWithAFrameworkOrPersistenceTypeBreaksTheContractRule() {
        EvaluationResult leaky = ArchitectureRules.contractFreeOfFrameworks(FIXTURE + ".contract.leaky")
                .evaluate(fixture("contract"));
        EvaluationResult clean = ArchitectureRules.contractFreeOfFrameworks(FIXTURE + ".contract.clean")
                .evaluate(fixture("contract"));

        assertThat(leaky.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("java.sql.Timestamp"))
                .anySatisfy(d -> assertThat(d).contains("org.axonframework.serialization.Revision"));
        assertThat(clean.hasViolation()).isFalse();
    }

    @Test
    void theEventContractIsFreeOfFrameworkAndPersistenceTypes() {
        JavaClasses contract = ArchitectureRules.mainClasses("org.balintobservatory.contract");
        assertThat(contract.size()).as("the contract's classes, found").isGreaterThan(20);

        ArchitectureRules.contractFreeOfFrameworks("org.balintobservatory.contract").check(contract);
    }

    @Test
    void serviceSupportsOwnPackagesKeepTheRules() {
        JavaClasses support = ArchitectureRules.mainClasses("org.balintobservatory.support");

        ArchitectureRules.domainFreeOfSpringAndWeb().check(support);
        ArchitectureRules.noCyclesWithin("org.balintobservatory.support").check(support);
        ArchitectureRules.noImportsOfOtherServices(ArchitectureRules.ROOT, "support", ArchitectureRules.SERVICES)
                .check(support);
    }
}
