package org.balintobservatory.survey.redcap;

import org.balintobservatory.support.domain.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A SCHOOL key must not be able to make the service call into its own network, or anywhere the public
 * Internet does not route, through a REDCap connection. One row per entry of the IANA IPv4 and IPv6
 * Special-Purpose Address Registries, with an address inside it and what the registry's "Globally Reachable"
 * column says; then what lies outside the registries, the IPv6 forms that carry an IPv4 address, and public
 * addresses that must still be called. Resolution is injected: no row asks a DNS server.
 */
class RedcapAddressesTest {

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # IANA IPv4 Special-Purpose Address Registry, one row per entry, none of these globally reachable
            0.0.0.1           | 0.0.0.0/8 "this network" (reported: it passed)
            0.0.0.0           | 0.0.0.0/32 "this host on this network"
            10.1.2.3          | 10.0.0.0/8 private use
            100.64.0.1        | 100.64.0.0/10 shared address space (carrier-grade NAT)
            127.0.0.1         | 127.0.0.0/8 loopback
            169.254.169.254   | 169.254.0.0/16 link local, the cloud metadata address
            172.16.0.1        | 172.16.0.0/12 private use
            192.0.0.100       | 192.0.0.0/24 IETF protocol assignments, outside any more specific entry
            192.0.0.1         | 192.0.0.0/29 IPv4 service continuity prefix (reported: it passed)
            192.0.0.8         | 192.0.0.8/32 IPv4 dummy address
            192.0.0.170       | 192.0.0.170/32 NAT64/DNS64 discovery
            192.0.0.171       | 192.0.0.171/32 NAT64/DNS64 discovery
            192.0.2.1         | 192.0.2.0/24 documentation TEST-NET-1 (reported: it passed)
            192.88.99.1       | 192.88.99.0/24 deprecated 6to4 relay anycast, column N/A
            192.88.99.2       | 192.88.99.2/32 6a44 relay anycast
            192.168.1.10      | 192.168.0.0/16 private use
            198.18.0.1        | 198.18.0.0/15 benchmarking (reported: it passed)
            198.19.255.254    | 198.18.0.0/15 benchmarking, its upper half
            198.51.100.1      | 198.51.100.0/24 documentation TEST-NET-2
            203.0.113.1       | 203.0.113.0/24 documentation TEST-NET-3
            240.0.0.1         | 240.0.0.0/4 reserved (reported: it passed)
            255.255.255.255   | 255.255.255.255/32 limited broadcast (reported: it passed)
            # IANA IPv6 Special-Purpose Address Registry, the entries not globally reachable
            ::1               | ::1/128 loopback
            ::                | ::/128 unspecified
            ::ffff:7f00:1     | ::ffff:0:0/96 IPv4-mapped, here of loopback (reported: it passed)
            ::ffff:5db8:d822  | ::ffff:0:0/96 IPv4-mapped: not globally reachable even when the IPv4 address is
            64:ff9b:1::a00:1  | 64:ff9b:1::/48 local-use IPv4/IPv6 translation (reported: it passed)
            64:ff9b:1::5db8:d822 | 64:ff9b:1::/48 local-use translation, whatever IPv4 address it carries
            100::1            | 100::/64 discard-only
            100:0:0:1::1      | 100:0:0:1::/64 dummy IPv6 prefix
            2001:4::1         | 2001::/23 IETF protocol assignments, outside any more specific entry
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | 2001::/32 Teredo, column N/A (reported: it passed)
            2001:1::4         | 2001::/23, next to the three globally reachable anycast addresses
            2001:2::1         | 2001:2::/48 benchmarking
            2001:10::1        | 2001:10::/28 deprecated ORCHID, column N/A
            2001:db8::1       | 2001:db8::/32 documentation
            2002:7f00:1::1    | 2002::/16 6to4, column N/A, here carrying 127.0.0.1 (reported: it passed)
            2002:5db8:d822::1 | 2002::/16 6to4, column N/A, whatever IPv4 address it carries
            3fff::1           | 3fff::/20 documentation
            5f00::1           | 5f00::/16 segment routing SIDs
            fc00::1           | fc00::/7 unique local
            fd00::1           | fc00::/7 unique local, the half in use
            fe80::1           | fe80::/10 link-local unicast
            # Outside the special-purpose registries
            224.0.0.1         | 224.0.0.0/4 IPv4 multicast
            239.255.255.250   | 224.0.0.0/4 IPv4 multicast, the SSDP group
            ff02::1           | ff00::/8 IPv6 multicast
            fec0::1           | fec0::/10 deprecated site-local
            ::7f00:1          | ::/96 deprecated IPv4-compatible, here of loopback (reported: it passed)
            4000::1           | outside 2000::/3, the only IPv6 space allocated for global unicast
            # NAT64's well-known prefix is globally reachable, so the IPv4 address it carries decides
            64:ff9b::7f00:1   | 64:ff9b::/96 NAT64 of 127.0.0.1 (reported: it passed)
            64:ff9b::a9fe:a9fe | 64:ff9b::/96 NAT64 of 169.254.169.254, the cloud metadata address
            64:ff9b::c000:201 | 64:ff9b::/96 NAT64 of 192.0.2.1, documentation
            """)
    void aSpecialPurposeAddressIsRefused(String address, String why) throws Exception {
        assertThat(RedcapAddresses.refusal(literal(address))).as(why).isPresent();
        RedcapAddresses addresses = new RedcapAddresses(false, host -> new InetAddress[]{literal(address)});
        assertThatThrownBy(() -> addresses.check("https://redcap.school.example"))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("redcap.school.example resolves to")
                .extracting(e -> ((RuleViolationException) e).field()).isEqualTo("mapping.baseUrl");
    }

    @ParameterizedTest(name = "{0} called: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # The registry entries marked globally reachable
            192.0.0.9         | 192.0.0.9/32 Port Control Protocol anycast
            192.0.0.10        | 192.0.0.10/32 TURN anycast
            192.31.196.1      | 192.31.196.0/24 AS112-v4
            192.52.193.1      | 192.52.193.0/24 AMT
            192.175.48.1      | 192.175.48.0/24 direct delegation AS112 service
            2001:1::1         | 2001:1::1/128 Port Control Protocol anycast
            2001:1::2         | 2001:1::2/128 TURN anycast
            2001:1::3         | 2001:1::3/128 DNS-SD service registration protocol anycast
            2001:3::1         | 2001:3::/32 AMT
            2001:4:112::1     | 2001:4:112::/48 AS112-v6
            2001:20::1        | 2001:20::/28 ORCHIDv2
            2001:30::1        | 2001:30::/28 drone remote ID entity tags
            2620:4f:8000::1   | 2620:4f:8000::/48 direct delegation AS112 service
            64:ff9b::5db8:d822 | 64:ff9b::/96 NAT64 of the public 93.184.216.34
            # Ordinary public addresses, some just beside a refused block
            93.184.216.34     | public IPv4
            100.128.0.1       | just above 100.64.0.0/10
            172.32.0.1        | just above 172.16.0.0/12
            198.20.0.1        | just above 198.18.0.0/15
            223.255.255.254   | just below multicast
            2606:2800:220:1:248:1893:25c8:1946 | public IPv6 in 2000::/3
            """)
    void aGloballyReachableAddressIsCalled(String address, String why) throws Exception {
        assertThat(RedcapAddresses.refusal(literal(address))).as(why).isEmpty();
        RedcapAddresses addresses = new RedcapAddresses(false, host -> new InetAddress[]{literal(address)});
        assertThatCode(() -> addresses.check("https://redcap.school.example")).doesNotThrowAnyException();
    }

    /** RFC 4380 §4's example: server 65.54.227.120, client 192.0.2.45 stored with its bits inverted. */
    @Test
    void theIpv4AddressesATeredoAddressCarriesAreDecoded() throws Exception {
        assertThat(SpecialAddresses.embeddedIpv4(literal("2001:0:4136:e378:8000:63bf:3fff:fdd2").getAddress()))
                .extracting(b -> InetAddress.getByAddress(b).getHostAddress())
                .containsExactly("65.54.227.120", "192.0.2.45");
    }

    @Test
    void aRefusalNamesTheIpv4AddressANat64AddressCarries() throws Exception {
        assertThat(RedcapAddresses.refusal(literal("64:ff9b::7f00:1"))).hasValueSatisfying(
                why -> assertThat(why).contains("127.0.0.1", "loopback"));
    }

    /** A name with one internal address among public ones is refused: the call could connect to any of them. */
    @Test
    void oneInternalAddressAmongPublicOnesIsRefused() {
        RedcapAddresses addresses = new RedcapAddresses(false, host -> new InetAddress[]{
                literal("93.184.216.34"), literal("10.0.0.5")});
        assertThatThrownBy(() -> addresses.check("https://redcap.school.example"))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("10.0.0.5");
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedNamingTheField() {
        RedcapAddresses addresses = new RedcapAddresses(false, host -> {
            throw new java.net.UnknownHostException(host);
        });
        assertThatThrownBy(() -> addresses.check("https://redcap.school.example"))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("does not resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34", "http://redcap.school.example"})
    void plainHttpIsRefused(String baseUrl) {
        assertThatThrownBy(() -> new RedcapAddresses(false).check(baseUrl)).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("https only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "http://localhost:8080"})
    void anInstitutionsOwnNetworkCanBeAllowedByTheOperator(String baseUrl) {
        assertThatCode(() -> new RedcapAddresses(true).check(baseUrl)).doesNotThrowAnyException();
    }

    /**
     * An address from its literal, kept in its IPv6 form: the JDK turns an IPv4-mapped literal into the IPv4
     * address, but a resolver may hand the service the IPv6 form.
     */
    private static InetAddress literal(String text) {
        try {
            InetAddress address = InetAddress.getByName(text);
            if (text.contains(":") && address instanceof Inet4Address v4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
                return Inet6Address.getByAddress(null, mapped, (NetworkInterface) null);
            }
            return address;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
