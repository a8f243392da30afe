package org.balintobservatory.localstack.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.localstack.deploy.Yamls.map;

/**
 * deploy/compose/compose.yaml as {@code docker compose config} reads it: interpolated with the variables of its
 * {@code .env.example}, then valid against the Compose Specification's schema (vendored in
 * deploy/schemas/compose-spec). The broken forms show that each check can fail.
 */
class ComposeSpecTest {

    private static final Path ROOT = Manifests.projectRoot();
    private static final ComposeSpec SPEC = ComposeSpec.vendored(ROOT.resolve("deploy/schemas"));

    @Test
    void theComposeFileIsValidWithTheExampleEnvironment() {
        assertThat(SPEC.check(compose(), example())).isEmpty();
    }

    @Test
    void theExampleEnvironmentNamesEveryVariableTheFileUsesAndNoOther() {
        assertThat(example().keySet()).containsExactlyInAnyOrderElementsOf(ComposeSpec.variables(compose()));
    }

    @Test
    void aMisspeltKeyAWrongTypeAnUnknownTopLevelKeyAndAMissingSecretAreRefused() {
        Map<String, Object> compose = compose();
        Map<String, Object> services = map(compose.get("services"));
        map(services.get("group-service")).put("restart_policy", "always");
        map(services.get("survey-service")).put("read_only", List.of(true));
        compose.put("servcies", Map.of());
        Map<String, String> environment = new HashMap<>(example());
        environment.remove("POSTGRES_PASSWORD");

        List<String> problems = SPEC.check(compose, environment);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("restart_policy"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("read_only"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("servcies"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("${POSTGRES_PASSWORD} is required"));
    }

    @Test
    void variablesAreInterpolatedAsTheSpecificationSays() {
        Map<String, String> environment = Map.of("SET", "value", "EMPTY", "");
        List<String> problems = new ArrayList<>();
        assertThat(ComposeSpec.interpolate("a ${SET} $SET $$SET", environment, "x", problems)).isEqualTo("a value value $SET");
        assertThat(ComposeSpec.interpolate("${EMPTY:-d} ${EMPTY-d} ${UNSET-d}", environment, "x", problems))
                .isEqualTo("d  d");
        assertThat(ComposeSpec.interpolate("${SET:+alt} ${EMPTY:+alt} ${EMPTY+alt}", environment, "x", problems))
                .isEqualTo("alt  alt");
        assertThat(problems).isEmpty();
        ComposeSpec.interpolate("${EMPTY:?needed} ${EMPTY?fine} ${UNSET}", environment, "x", problems);
        assertThat(problems).containsExactly("x: ${EMPTY} is required: needed", "x: ${UNSET} is not set");
    }

    private static Map<String, Object> compose() {
        return map(Yamls.loadAll(ROOT.resolve("deploy/compose/compose.yaml")).get(0));
    }

    private static Map<String, String> example() {
        return ComposeSpec.environment(ROOT.resolve("deploy/compose/.env.example"));
    }
}
