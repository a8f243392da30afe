package org.balintobservatory.infrastructure.embedded;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PausableProxyTest {

    @Test
    void whilePausedNothingMovesAndAfterResumingWhatWasSentArrives() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             PausableProxy proxy = new PausableProxy(0, echo.getLocalPort())) {
            Thread server = new Thread(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (Exception ignored) {
                    // The test closed the connection.
                }
            });
            server.setDaemon(true);
            server.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.setSoTimeout(500);
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                out.write('a');
                assertThat(in.read()).isEqualTo('a');

                proxy.pause();
                out.write('b');
                assertThatThrownBy(in::read).as("a paused server answers nothing")
                        .isInstanceOf(SocketTimeoutException.class);

                proxy.resume();
                client.setSoTimeout(5_000);
                assertThat(in.read()).isEqualTo('b');
            }
        }
    }

    @Test
    void aConnectionToAServerThatIsGoneIsClosed() throws Exception {
        int nobody = FreePorts.find();
        try (PausableProxy proxy = new PausableProxy(0, nobody);
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setSoTimeout(5_000);
            assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }
}
