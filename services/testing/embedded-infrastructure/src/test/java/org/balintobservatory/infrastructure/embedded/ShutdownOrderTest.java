package org.balintobservatory.infrastructure.embedded;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared servers stop after the Spring applications that use them ({@link InfrastructureEndpoints#stopAtExit}):
 * a JVM of its own registers the stop as an integration test does (before its application starts), runs an
 * application whose context takes half a second to close, and exits; the stop prints whether that context had
 * closed by then. Stopped from a shutdown hook of its own, as before, the stop would run while the context
 * closes, and print {@code false}.
 */
class ShutdownOrderTest {

    private static final String MARK = "servers stopped after the application closed: ";

    @Test
    void theServersStopOnlyOnceEverySpringApplicationHasClosed() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(jvm.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains(MARK + "true").doesNotContain(MARK + "false");
    }

    /** The JVM the test starts. */
    public static final class Application {
        static final AtomicBoolean CLOSED = new AtomicBoolean();

        public static void main(String[] args) {
            InfrastructureEndpoints.stopAtExit(() -> System.out.println(MARK + CLOSED.get()));
            SpringApplication application = new SpringApplication(SlowToCloseConfiguration.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.run();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowToCloseConfiguration {
        @Bean
        DisposableBean slowToClose() {
            return () -> {
                Thread.sleep(500);
                Application.CLOSED.set(true);
            };
        }
    }
}
