package org.balintobservatory.survey.redcap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.balintobservatory.contract.survey.Timepoint;
import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A REDCap call connects to the addresses that were checked and to no others. Resolution is injected, so
 * no test here asks a DNS server anything.
 */
class RedcapClientTest {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private static RedcapMapping mapping(String baseUrl) {
        return new RedcapMapping(baseUrl, 42, "pss", "pss-10-style", "gp-2026", "record_id", "pss_date",
                Map.of("1", "pss_1"), null, Timepoint.BASELINE);
    }

    /**
     * DNS rebinding, as its worst server plays it: every lookup made to check the name answers a public
     * address, every other lookup (the one a connection would be made from) the loopback one. A client that
     * checks the name and then resolves it again to connect would reach the loopback listener; the call must
     * be refused instead, naming the address, with nothing connected.
     */
    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsNotConnectedTo() throws Exception {
        try (ServerSocketChannel loopback = ServerSocketChannel.open()) {
            loopback.bind(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), 0));
            loopback.configureBlocking(false);
            int port = ((InetSocketAddress) loopback.getLocalAddress()).getPort();
            InetAddress checked = InetAddress.getByName("93.184.216.34");
            InetAddress rebound = InetAddress.getByAddress(LOOPBACK);
            RedcapAddresses addresses = new RedcapAddresses(false, host -> new InetAddress[]{
                    StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("check")
                            && f.getClassName().equals(RedcapAddresses.class.getName()))) ? checked : rebound});
            String baseUrl = "https://redcap.rebinding.example:" + port;
            addresses.check(baseUrl);

            try (RedcapClient client = new RedcapClient(new ObjectMapper(), addresses)) {
                assertThatThrownBy(() -> client.exportRecords(mapping(baseUrl), StandInRedcap.TOKEN, null, null))
                        .isInstanceOf(RuleViolationException.class)
                        .hasMessageContaining("resolves to 127.0.0.1")
                        .extracting(e -> ((RuleViolationException) e).rule()).isEqualTo("redcap-public-https");
            }

            assertThat(loopback.accept()).as("a connection reached the loopback listener").isNull();
        }
    }

    /**
     * The call goes to the address the resolver gave, not to one the system would look up: a name no DNS
     * server knows reaches the stand-in on loopback because the (operator-allowed) resolver said so.
     */
    @Test
    void theCallConnectsToTheAddressTheResolverGave() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        RedcapAddresses addresses = new RedcapAddresses(true, host -> {
            asked.add(host);
            return new InetAddress[]{InetAddress.getByAddress(LOOPBACK)};
        });
        try (StandInRedcap redcap = new StandInRedcap();
             RedcapClient client = new RedcapClient(new ObjectMapper(), addresses)) {
            redcap.save(Map.of("record_id", "r-one", "pss_date", "2026-01-12", "pss_1", "2", "pss_complete", "2"));
            String baseUrl = redcap.baseUrl().replace("127.0.0.1", "redcap.pinned.example");

            assertThat(client.exportRecords(mapping(baseUrl), StandInRedcap.TOKEN, null, null))
                    .extracting(r -> r.get("record_id")).containsExactly("r-one");
            assertThat(redcap.requests).hasSize(1);
            assertThat(asked).containsExactly("redcap.pinned.example");
        }
    }
}
