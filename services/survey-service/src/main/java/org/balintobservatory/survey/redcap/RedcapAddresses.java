package org.balintobservatory.survey.redcap;

import org.balintobservatory.support.domain.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where this service may send a school's REDCap calls. A REDCap connection names a server a SCHOOL key
 * chose; without a limit the key could make the service call whatever it can reach (the cloud's metadata
 * address, the databases, the other services' management ports). So a connection's base URL must be
 * {@code https} and every address its host resolves to must be public: not loopback, private (10/8,
 * 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10, where cloud metadata lives),
 * carrier-grade NAT (100.64/10), unspecified or multicast. The check runs when the connection is set and
 * again before every call, so a name that later resolves elsewhere is refused then.
 *
 * <p>{@code balint.redcap.allow-internal-addresses} lifts both rules, for a REDCap inside the institution's
 * own network and for tests against a stand-in on this machine.
 */
@Component
class RedcapAddresses {

    private final boolean allowInternal;

    RedcapAddresses(@Value("${balint.redcap.allow-internal-addresses:false}") boolean allowInternal) {
        this.allowInternal = allowInternal;
    }

    /** @throws RuleViolationException on {@code mapping.baseUrl} when the service must not call it */
    void check(String baseUrl) {
        if (allowInternal) {
            return;
        }
        URI uri = URI.create(baseUrl);
        if (!"https".equals(uri.getScheme())) {
            throw refused("a REDCap server is called over https only");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw refused("the REDCap server's name " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw refused(uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", an address inside the service's own network, which it does not call for a school");
            }
        }
    }

    static boolean internal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || carrierNat;
    }

    private static RuleViolationException refused(String why) {
        return new RuleViolationException("mapping.baseUrl", "redcap-public-https", why);
    }
}
