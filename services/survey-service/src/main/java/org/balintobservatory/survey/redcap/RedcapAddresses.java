package org.balintobservatory.survey.redcap;

import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where this service may send a school's REDCap calls. A REDCap connection names a server a SCHOOL key
 * chose; without a limit the key could make the service call whatever it can reach (the cloud's metadata
 * address, the databases, the other services' management ports). So a connection's base URL must be
 * {@code https}, and every address its host resolves to must be one the public Internet routes to the
 * server: none of the {@link SpecialAddresses special-purpose blocks} IANA lists but those its registries
 * mark globally reachable, no multicast, and no IPv6 outside global unicast. An IPv6 form that carries an
 * IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) is judged by both.
 *
 * <p>The host is resolved once per connection attempt, and the call connects to exactly the addresses that
 * were checked: {@link RedcapClient} reaches the network only through {@link #resolve(String)}. A name that
 * answers a public address when the connection is set and an internal one when the call is made (DNS
 * rebinding) is refused at the call, not connected to.
 *
 * <p>{@code balint.redcap.allow-internal-addresses} lifts both rules, for a REDCap inside the institution's
 * own network and for tests against a stand-in on this machine; the call still goes to the addresses
 * resolved once.
 */
@Component
class RedcapAddresses {

    /** How a host name becomes addresses; the system's resolver in the service, a fixed answer in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A refused address, as the resolver's failure, so that a call refused mid-connection says why. */
    static final class RefusedAddressException extends UnknownHostException {

        private final transient RuleViolationException refusal;

        RefusedAddressException(RuleViolationException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }

        RuleViolationException refusal() {
            return refusal;
        }
    }

    private final boolean allowInternal;
    private final Resolver resolver;

    @Autowired
    RedcapAddresses(@Value("${balint.redcap.allow-internal-addresses:false}") boolean allowInternal) {
        this(allowInternal, InetAddress::getAllByName);
    }

    RedcapAddresses(boolean allowInternal, Resolver resolver) {
        this.allowInternal = allowInternal;
        this.resolver = resolver;
    }

    /**
     * Checks a base URL when a connection is set, so a school learns at once that it will not be called.
     *
     * @throws RuleViolationException on {@code mapping.baseUrl} when the service must not call it
     */
    void check(String baseUrl) {
        if (allowInternal) {
            return;
        }
        checkScheme(baseUrl);
        try {
            resolve(URI.create(baseUrl).getHost());
        } catch (RefusedAddressException e) {
            throw e.refusal();
        } catch (UnknownHostException e) {
            throw refused("the REDCap server's name " + URI.create(baseUrl).getHost() + " does not resolve");
        }
    }

    /** @throws RuleViolationException on {@code mapping.baseUrl} unless the URL is https or internal calls are allowed */
    void checkScheme(String baseUrl) {
        if (!allowInternal && !"https".equals(URI.create(baseUrl).getScheme())) {
            throw refused("a REDCap server is called over https only");
        }
    }

    /**
     * The addresses of a REDCap host, resolved once, every one checked: what a call connects to.
     *
     * @throws RefusedAddressException when any address is one the service does not call for a school
     */
    InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (allowInternal) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                throw new RefusedAddressException(refused(host + " resolves to " + address.getHostAddress() + " ("
                        + why.get() + "), which the service does not call for a school"));
            }
        }
        return addresses;
    }

    /** Why the service does not call this address for a school, or empty when it is a public one. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return SpecialAddresses.refusal(bytes);
        }
        Optional<String> v6 = SpecialAddresses.refusal(bytes);
        if (v6.isPresent()) {
            return v6;
        }
        for (byte[] embedded : SpecialAddresses.embeddedIpv4(bytes)) {
            Optional<String> v4 = SpecialAddresses.refusal(embedded);
            if (v4.isPresent()) {
                return Optional.of("carries " + text(embedded) + ", " + v4.get());
            }
        }
        return Optional.empty();
    }

    private static String text(byte[] ipv4) {
        return String.join(".", List.of(ipv4[0] & 0xff, ipv4[1] & 0xff, ipv4[2] & 0xff, ipv4[3] & 0xff).stream()
                .map(String::valueOf).toList());
    }

    private static RuleViolationException refused(String why) {
        return new RuleViolationException("mapping.baseUrl", "redcap-public-https", why);
    }
}
