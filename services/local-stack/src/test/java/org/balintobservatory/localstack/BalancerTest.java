package org.balintobservatory.localstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BalancerTest {

    private static final ServiceDefinition GROUP = ServiceDefinition.ALL.get(0);
    private final List<ServiceInstance> started = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (ServiceInstance instance : started) {
            instance.kill();
        }
    }

    @Test
    void takesTheReadyInstancesInTurn() {
        List<ServiceInstance> three = List.of(running(1), running(2), running(3));
        Balancer balancer = new Balancer(s -> three);

        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<ServiceInstance> candidates = balancer.candidates(GROUP);
            assertThat(candidates).as("every ready instance is a candidate").hasSize(3);
            firsts.add(candidates.get(0).number());
        }
        assertThat(firsts).containsExactly(1, 2, 3, 1, 2, 3);
    }

    @Test
    void skipsAnInstanceThatIsNotReadyOrWhoseProcessDied() throws InterruptedException {
        ServiceInstance starting = running(1);
        starting.ready(false);
        ServiceInstance killed = running(2);
        killed.kill();
        ServiceInstance ready = running(3);
        Balancer balancer = new Balancer(s -> List.of(starting, killed, ready));

        assertThat(balancer.candidates(GROUP)).containsExactly(ready);
        ready.ready(false);
        assertThat(balancer.candidates(GROUP)).as("nothing to send to: the gateway answers 503").isEmpty();
    }

    @Test
    void readsAreTriedElsewhereAfterAnyFailureWritesOnlyWhenNothingWasSent() {
        IOException refused = new ConnectException("Connection refused");
        IOException connectTimeout = new HttpConnectTimeoutException("connect timed out");
        IOException reset = new IOException("Connection reset");
        IOException timeout = new HttpTimeoutException("request timed out");

        for (String read : List.of("GET", "HEAD")) {
            for (IOException failure : List.of(refused, connectTimeout, reset, timeout)) {
                assertThat(Balancer.mayRetryElsewhere(read, failure)).as(read + " after " + failure).isTrue();
            }
        }
        for (String write : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertThat(Balancer.mayRetryElsewhere(write, refused)).as(write + " refused").isTrue();
            assertThat(Balancer.mayRetryElsewhere(write, connectTimeout)).as(write + " not connected").isTrue();
            // Sent, perhaps applied: only the client may retry it, with its ids.
            assertThat(Balancer.mayRetryElsewhere(write, reset)).as(write + " reset").isFalse();
            assertThat(Balancer.mayRetryElsewhere(write, timeout)).as(write + " timed out").isFalse();
        }
    }

    /** An instance whose process is a harmless sleep, marked ready as the monitor would after a health check. */
    private ServiceInstance running(int number) {
        ServiceInstance instance = new ServiceInstance(GROUP, number, 1, null, Path.of("unused.log"),
                new ProcessBuilder("sleep", "60"));
        instance.start();
        instance.ready(true);
        started.add(instance);
        return instance;
    }
}
