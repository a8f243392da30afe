package org.balintobservatory.group.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a container's log collector reads: each service's own configuration (its application.yml), with
 * {@code LOG_FORMAT=ecs} as deploy/ sets it, writes one JSON object per line, and a line written within a trace
 * carries the trace and span ids as fields. Only the logging system starts, not the service. It runs here, in
 * a service's module, because a service's test classpath holds no logback file of its own: Spring Boot sets up
 * logging as it does in the image. It reads every service's configuration from the checkout.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    private static final Logger log = LoggerFactory.getLogger(StructuredLogsTest.class);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    /** Nothing to configure: the test needs the logging system Spring Boot sets up from the configuration. */
    @Configuration(proxyBeanMethods = false)
    static class LoggingOnly {
    }

    /**
     * A logback file on the test classpath would take the place of Spring Boot's own set-up, which is what runs in
     * the image. The full build puts service-support's test jar, which leaves its logback file out, on this
     * classpath; a build that stops before packaging puts that module's test classes there, file and all.
     */
    @BeforeEach
    void springBootSetsUpLogging() {
        assumeTrue(getClass().getResource("/logback-test.xml") == null,
                "service-support's logback-test.xml is on the classpath (a build that did not package it)");
    }

    static List<String> services() {
        return List.of("group-service", "survey-service", "analytics-service", "access-service");
    }

    @ParameterizedTest
    @MethodSource("services")
    void inAContainerEveryLineIsOneJsonObjectWithTheTraceItBelongsTo(String service, CapturedOutput output)
            throws IOException {
        String marker = "structured line of " + service;
        String line = lineLoggedInATrace(service, marker, output, "--LOG_FORMAT=ecs");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo(marker);
        assertThat(json.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("traceId").asText()).isEqualTo(TRACE_ID);
        assertThat(json.path("spanId").asText()).isEqualTo(SPAN_ID);
    }

    @ParameterizedTest
    @MethodSource("services")
    void onALaptopTheLinesStayPlainAndNameTheirTrace(String service, CapturedOutput output) {
        String marker = "plain line of " + service;
        String line = lineLoggedInATrace(service, marker, output);
        assertThat(line).doesNotStartWith("{").contains("[" + TRACE_ID + "," + SPAN_ID + "] ");
    }

    /** Logs {@code marker} within a trace under the service's configuration and returns the line written. */
    private static String lineLoggedInATrace(String service, String marker, CapturedOutput output,
                                             String... arguments) {
        try (ConfigurableApplicationContext ignored = start(service, arguments)) {
            MDC.put("traceId", TRACE_ID);
            MDC.put("spanId", SPAN_ID);
            try {
                log.info(marker);
            } finally {
                MDC.clear();
            }
        }
        return output.getOut().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
    }

    private static ConfigurableApplicationContext start(String service, String... arguments) {
        // The module's directory, where Maven runs its tests, is services/group-service.
        String configuration = Path.of("..", service, "src/main/resources/application.yml").toAbsolutePath()
                .normalize().toUri().toString();
        return new SpringApplicationBuilder(LoggingOnly.class).web(WebApplicationType.NONE)
                .properties("spring.config.location=" + configuration, "spring.main.banner-mode=off")
                .run(arguments);
    }
}
