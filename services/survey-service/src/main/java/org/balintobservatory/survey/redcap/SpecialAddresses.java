package org.balintobservatory.survey.redcap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks a REDCap call must not go to, as IANA lists them, plus the few the registries leave
 * to other documents.
 *
 * <p>Every entry of the <a href="https://www.iana.org/assignments/iana-ipv4-special-registry/">IANA IPv4
 * Special-Purpose Address Registry</a> and the <a
 * href="https://www.iana.org/assignments/iana-ipv6-special-registry/">IANA IPv6 Special-Purpose Address
 * Registry</a> (RFC 6890) is here with its "Globally Reachable" column. An address is judged by the most
 * specific block that holds it, as the registries' own footnote on 192.0.0.0/24 and 2001::/23 asks ("not
 * usable unless by virtue of a more specific reservation"): 192.0.0.9 is the globally reachable Port Control
 * Protocol anycast although 192.0.0.0/24 is not. Only an entry whose column reads True is let through; the
 * entries whose column reads N/A (6to4, Teredo, the deprecated 6to4 relay anycast and ORCHID blocks) are
 * refused, as is every block the registries do not mark.
 *
 * <p>Beyond the registries: IPv4 multicast (224.0.0.0/4) and IPv6 multicast (ff00::/8), in IANA's multicast
 * registries; site-local fec0::/10 (deprecated by RFC 3879) and IPv4-compatible ::/96 (deprecated by RFC
 * 4291 §2.5.5.1), which the registry no longer lists; and any IPv6 address outside 2000::/3, the only space
 * IANA allocates for global unicast (RFC 4291 §2.4, IANA IPv6 Address Space), so a block the IETF assigns
 * outside it tomorrow is refused until it is looked at. The well-known NAT64 prefix 64:ff9b::/96 lies outside
 * 2000::/3 but is globally reachable (RFC 6052); an address in it is judged by the IPv4 address it carries.
 */
final class SpecialAddresses {

    /**
     * One block.
     *
     * @param prefix            the block's first address, 4 or 16 bytes
     * @param bits              the prefix length
     * @param name              the registry's name for it
     * @param globallyReachable the registry's "Globally Reachable" column, true only where it reads True
     */
    record Block(byte[] prefix, int bits, String name, boolean globallyReachable) {

        boolean holds(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Most specific first, so the first block that holds an address is the one that judges it. */
    static final List<Block> BLOCKS;

    static {
        List<Block> blocks = new ArrayList<>(List.of(
                // IANA IPv4 Special-Purpose Address Registry
                block("0.0.0.0/8", "\"this network\", RFC 791", false),
                block("0.0.0.0/32", "\"this host on this network\", RFC 1122", false),
                block("10.0.0.0/8", "private use, RFC 1918", false),
                block("100.64.0.0/10", "shared address space (carrier-grade NAT), RFC 6598", false),
                block("127.0.0.0/8", "loopback, RFC 1122", false),
                block("169.254.0.0/16", "link local, where cloud metadata answers, RFC 3927", false),
                block("172.16.0.0/12", "private use, RFC 1918", false),
                block("192.0.0.0/24", "IETF protocol assignments, RFC 6890", false),
                block("192.0.0.0/29", "IPv4 service continuity prefix, RFC 7335", false),
                block("192.0.0.8/32", "IPv4 dummy address, RFC 7600", false),
                block("192.0.0.9/32", "Port Control Protocol anycast, RFC 7723", true),
                block("192.0.0.10/32", "TURN anycast, RFC 8155", true),
                block("192.0.0.170/32", "NAT64/DNS64 discovery, RFC 7050", false),
                block("192.0.0.171/32", "NAT64/DNS64 discovery, RFC 7050", false),
                block("192.0.2.0/24", "documentation (TEST-NET-1), RFC 5737", false),
                block("192.31.196.0/24", "AS112-v4, RFC 7535", true),
                block("192.52.193.0/24", "AMT, RFC 7450", true),
                block("192.88.99.0/24", "deprecated 6to4 relay anycast, RFC 7526", false),
                block("192.88.99.2/32", "6a44 relay anycast, RFC 6751", false),
                block("192.168.0.0/16", "private use, RFC 1918", false),
                block("192.175.48.0/24", "direct delegation AS112 service, RFC 7534", true),
                block("198.18.0.0/15", "benchmarking, RFC 2544", false),
                block("198.51.100.0/24", "documentation (TEST-NET-2), RFC 5737", false),
                block("203.0.113.0/24", "documentation (TEST-NET-3), RFC 5737", false),
                block("240.0.0.0/4", "reserved, RFC 1112", false),
                block("255.255.255.255/32", "limited broadcast, RFC 919", false),
                // IANA IPv6 Special-Purpose Address Registry
                block("::1/128", "loopback, RFC 4291", false),
                block("::/128", "unspecified, RFC 4291", false),
                block("::ffff:0:0/96", "IPv4-mapped, RFC 4291", false),
                block("64:ff9b::/96", "IPv4/IPv6 translation (NAT64), RFC 6052", true),
                block("64:ff9b:1::/48", "local-use IPv4/IPv6 translation, RFC 8215", false),
                block("100::/64", "discard-only, RFC 6666", false),
                block("100:0:0:1::/64", "dummy IPv6 prefix, RFC 9780", false),
                block("2001::/23", "IETF protocol assignments, RFC 2928", false),
                block("2001::/32", "Teredo, RFC 4380", false),
                block("2001:1::1/128", "Port Control Protocol anycast, RFC 7723", true),
                block("2001:1::2/128", "TURN anycast, RFC 8155", true),
                block("2001:1::3/128", "DNS-SD service registration protocol anycast, RFC 9665", true),
                block("2001:2::/48", "benchmarking, RFC 5180", false),
                block("2001:3::/32", "AMT, RFC 7450", true),
                block("2001:4:112::/48", "AS112-v6, RFC 7535", true),
                block("2001:10::/28", "deprecated ORCHID, RFC 4843", false),
                block("2001:20::/28", "ORCHIDv2, RFC 7343", true),
                block("2001:30::/28", "drone remote ID entity tags, RFC 9374", true),
                block("2001:db8::/32", "documentation, RFC 3849", false),
                block("2002::/16", "6to4, RFC 3056", false),
                block("2620:4f:8000::/48", "direct delegation AS112 service, RFC 7534", true),
                block("3fff::/20", "documentation, RFC 9637", false),
                block("5f00::/16", "segment routing (SRv6) SIDs, RFC 9602", false),
                block("fc00::/7", "unique local, RFC 4193", false),
                block("fe80::/10", "link-local unicast, RFC 4291", false),
                // Outside the special-purpose registries
                block("224.0.0.0/4", "multicast, RFC 5771", false),
                block("ff00::/8", "multicast, RFC 4291", false),
                block("fec0::/10", "deprecated site-local, RFC 3879", false),
                block("::/96", "deprecated IPv4-compatible, RFC 4291", false),
                block("2000::/3", "global unicast, RFC 4291", true),
                block("::/0", "outside global unicast, RFC 4291", false)));
        blocks.sort(Comparator.comparingInt(Block::bits).reversed());
        BLOCKS = List.copyOf(blocks);
    }

    private SpecialAddresses() {
    }

    /** Why an address (4 or 16 bytes) is not called, from the most specific block holding it; empty when it may be. */
    static Optional<String> refusal(byte[] address) {
        return BLOCKS.stream().filter(b -> b.holds(address)).findFirst()
                .filter(b -> !b.globallyReachable()).map(Block::name);
    }

    /**
     * The IPv4 addresses an IPv6 address carries, by the form it has: IPv4-mapped {@code ::ffff:a.b.c.d} and
     * IPv4-compatible {@code ::a.b.c.d} (RFC 4291 §2.5.5) and the NAT64 prefixes 64:ff9b::/96 and
     * 64:ff9b:1::/48 (RFC 6052 §2.2, a /96 carries it in the last 32 bits) in their last four bytes; 6to4
     * {@code 2002:AABB:CCDD::/48} in bytes 2 to 5 (RFC 3056 §2); Teredo {@code 2001:0::/32} the server in
     * bytes 4 to 7 and the client, its bits inverted, in the last four (RFC 4380 §4).
     */
    static List<byte[]> embeddedIpv4(byte[] v6) {
        if (v6.length != 16) {
            return List.of();
        }
        List<byte[]> embedded = new ArrayList<>();
        boolean zeroHead = true;
        for (int i = 0; i < 10; i++) {
            zeroHead &= v6[i] == 0;
        }
        if (zeroHead && ((v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) || (v6[10] == 0 && v6[11] == 0))) {
            embedded.add(slice(v6, 12, false));
        }
        if (v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b) {
            embedded.add(slice(v6, 12, false));
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            embedded.add(slice(v6, 2, false));
        }
        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0) {
            embedded.add(slice(v6, 4, false));
            embedded.add(slice(v6, 12, true));
        }
        return embedded;
    }

    private static byte[] slice(byte[] bytes, int from, boolean inverted) {
        byte[] ipv4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            ipv4[i] = (byte) (inverted ? ~bytes[from + i] : bytes[from + i]);
        }
        return ipv4;
    }

    private static Block block(String cidr, String name, boolean globallyReachable) {
        int slash = cidr.indexOf('/');
        String address = cidr.substring(0, slash);
        byte[] prefix = address.contains(":") ? ipv6(address) : ipv4(address);
        return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), name, globallyReachable);
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    /**
     * The 16 bytes of a hexadecimal IPv6 literal; the JDK's own parser turns {@code ::ffff:0:0} into an IPv4
     * address, which a prefix of the table must not become.
     */
    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        List<String> head = groups(gap < 0 ? text : text.substring(0, gap));
        List<String> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2));
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            put(bytes, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            put(bytes, 8 - tail.size() + i, tail.get(i));
        }
        return bytes;
    }

    private static List<String> groups(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(":"));
    }

    private static void put(byte[] bytes, int group, String hex) {
        int value = Integer.parseInt(hex, 16);
        bytes[2 * group] = (byte) (value >> 8);
        bytes[2 * group + 1] = (byte) value;
    }
}
