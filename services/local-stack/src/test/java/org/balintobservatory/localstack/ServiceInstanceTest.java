package org.balintobservatory.localstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceInstanceTest {

    private final ServiceInstance instance = new ServiceInstance(ServiceDefinition.ALL.get(0), 2, 1,
            null, Path.of("unused.log"), new ProcessBuilder("sleep", "60"));

    @AfterEach
    void stop() throws InterruptedException {
        instance.kill();
    }

    @Test
    void aDeadInstanceIsStartedAgainAfterABackoffThatDoublesUpToThirtySeconds() {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");
        long[] delays = new long[8];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = instance.scheduleRestart(now).toSeconds();
        }
        assertThat(delays).containsExactly(1, 2, 4, 8, 16, 30, 30, 30);
        assertThat(instance.restartAt()).isEqualTo(now.plusSeconds(30));
    }

    @Test
    void anInstanceThatStayedUpForAMinuteStartsAgainFromOneSecond() throws InterruptedException {
        instance.start();
        instance.ready(true);
        Instant upSince = Instant.now();
        instance.kill();
        instance.scheduleRestart(upSince);
        instance.scheduleRestart(upSince);
        assertThat(instance.scheduleRestart(upSince.plusSeconds(10))).as("a third death in a row")
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(instance.scheduleRestart(upSince.plus(ServiceInstance.STABLE).plusSeconds(1)))
                .as("after a minute UP").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void itsStateFollowsItsProcessAndItsHealth() throws InterruptedException {
        assertThat(instance.state()).isEqualTo(ServiceInstance.State.EXITED);
        instance.start();
        assertThat(instance.state()).isEqualTo(ServiceInstance.State.STARTING);
        instance.ready(true);
        assertThat(instance.state()).isEqualTo(ServiceInstance.State.UP);
        instance.ready(false);
        assertThat(instance.state()).isEqualTo(ServiceInstance.State.DOWN);
        instance.kill();
        assertThat(instance.state()).isEqualTo(ServiceInstance.State.EXITED);
        assertThat(instance.ready()).isFalse();
        instance.start();
        assertThat(instance.restarts()).isEqualTo(1);
        assertThat(instance.state()).as("started again, not yet UP").isEqualTo(ServiceInstance.State.STARTING);
        instance.hold(true);
        assertThat(instance.state()).isEqualTo(ServiceInstance.State.STOPPED);
        assertThat(instance.name()).isEqualTo("group-service-2");
    }

    @Test
    void anInstanceThatWasUpLeavesTheRotationOnlyAfterThreeFailedChecksInARow() throws InterruptedException {
        instance.start();
        instance.checked(false);
        assertThat(instance.state()).as("never UP yet").isEqualTo(ServiceInstance.State.STARTING);
        instance.checked(true);
        instance.checked(false);
        instance.checked(false);
        assertThat(instance.ready()).as("two failed checks").isTrue();
        instance.checked(true);
        instance.checked(false);
        instance.checked(false);
        assertThat(instance.ready()).as("two failed checks again, the count started over").isTrue();
        instance.checked(false);
        assertThat(instance.state()).as("the third in a row").isEqualTo(ServiceInstance.State.DOWN);
        instance.checked(true);
        assertThat(instance.state()).as("one check UP brings it back").isEqualTo(ServiceInstance.State.UP);
        instance.kill();
        assertThat(instance.ready()).as("a process that died leaves at once").isFalse();
    }

    @Test
    void anInstanceWithoutAChosenPortIsReachedOnlyAtThePortItsProcessReported(@TempDir Path logs)
            throws IOException, InterruptedException {
        Path portFile = logs.resolve("group-service-2.port");
        // Stands for a service that binds port 0 and writes the port it got once it listens.
        ServiceInstance picking = new ServiceInstance(ServiceDefinition.ALL.get(0), 2, 0, portFile,
                logs.resolve("group-service-2.log"), new ProcessBuilder("sleep", "60"));
        try {
            Files.writeString(portFile, "41001");
            picking.start();
            assertThat(picking.baseUri().getPort()).as("the port file of the process before").isZero();
            Files.writeString(portFile, "");
            assertThat(picking.baseUri().getPort()).as("written but still empty").isZero();
            Files.writeString(portFile, "41002\n");
            assertThat(picking.baseUri()).hasToString("http://localhost:41002");
            picking.kill();
            picking.start();
            assertThat(picking.baseUri().getPort()).as("a restarted process binds a new port").isZero();
            assertThat(portFile).doesNotExist();
        } finally {
            picking.kill();
        }
    }
}
