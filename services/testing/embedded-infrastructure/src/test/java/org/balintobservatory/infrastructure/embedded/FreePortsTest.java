package org.balintobservatory.infrastructure.embedded;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A port found free may be taken before the server binds it. Here another program takes it, on purpose,
 * in the window between the two: the server starts on fresh ports instead of failing the run.
 */
class FreePortsTest {

    @Test
    void aServerWhosePortIsTakenFirstStartsOnAFreshOne() throws Exception {
        List<ServerSocket> intruders = new ArrayList<>();
        List<int[]> tried = new ArrayList<>();
        try (ServerSocket server = FreePorts.startOnFreePorts(2, ports -> {
            tried.add(ports);
            if (tried.size() == 1) {
                intruders.add(bind(ports[1]));
            }
            return bind(ports[1]);
        })) {
            assertThat(tried).hasSize(2);
            assertThat(server.getLocalPort()).isEqualTo(tried.get(1)[1]).isNotEqualTo(tried.get(0)[1]);
        } finally {
            for (ServerSocket intruder : intruders) {
                intruder.close();
            }
        }
    }

    @Test
    void aTakenPortIsRecognisedWhenTheServerDoesNotSayWhyItFailed() throws Exception {
        List<ServerSocket> intruders = new ArrayList<>();
        List<int[]> tried = new ArrayList<>();
        try {
            int port = FreePorts.startOnFreePorts(1, ports -> {
                tried.add(ports);
                if (tried.size() == 1) {
                    intruders.add(bind(ports[0]));
                    throw new IllegalStateException("the server exited");
                }
                return ports[0];
            });
            assertThat(tried).hasSize(2);
            assertThat(port).isEqualTo(tried.get(1)[0]);
        } finally {
            for (ServerSocket intruder : intruders) {
                intruder.close();
            }
        }
    }

    @Test
    void aFailureWithEveryPortStillFreeIsNotRetried() {
        List<int[]> tried = new ArrayList<>();
        assertThatThrownBy(() -> FreePorts.startOnFreePorts(1, ports -> {
            tried.add(ports);
            throw new IllegalStateException("misconfigured");
        })).hasMessage("misconfigured");
        assertThat(tried).hasSize(1);
    }

    @Test
    void portsFoundTogetherDiffer() {
        int[] ports = FreePorts.find(3);
        assertThat(ports).doesNotHaveDuplicates();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
