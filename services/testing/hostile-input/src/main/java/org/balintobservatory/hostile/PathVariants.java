package org.balintobservatory.hostile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Other spellings of a path, as an attacker writes them to get past a check that reads the path
 * differently from the code that routes it: matrix parameters, percent-encoded letters, slashes and dots,
 * double encoding, upper case, double and trailing slashes, dot segments (plain, encoded and Tomcat's
 * {@code ..;}) and backslashes. None of them is the path itself.
 */
public final class PathVariants {

    private PathVariants() {
    }

    /** @param path a canonical path, {@code /api/v1/keys/k-1} */
    public static List<String> of(String path) {
        List<String> segments = List.of(path.substring(1).split("/"));
        Set<String> variants = new LinkedHashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            // Matrix parameters, which Spring MVC strips before matching.
            variants.add(replace(segments, i, segments.get(i) + ";x=1"));
            variants.add(replace(segments, i, segments.get(i) + ";"));
            // One letter percent-encoded (the /%61pi/ of the finding), in lower and upper case hex.
            String segment = segments.get(i);
            int letter = firstLetter(segment);
            if (letter >= 0) {
                String hex = String.format("%02x", (int) segment.charAt(letter));
                variants.add(replace(segments, i, segment.substring(0, letter) + "%" + hex + segment.substring(letter + 1)));
                variants.add(replace(segments, i, segment.substring(0, letter) + "%" + hex.toUpperCase(Locale.ROOT)
                        + segment.substring(letter + 1)));
                // Double encoding: %2561 decodes to %61, which decodes to a.
                variants.add(replace(segments, i, segment.substring(0, letter) + "%25" + hex + segment.substring(letter + 1)));
            }
            variants.add(replace(segments, i, encodeAll(segment)));
            // Case: the segment in upper case, and capitalised.
            variants.add(replace(segments, i, segment.toUpperCase(Locale.ROOT)));
            variants.add(replace(segments, i, Character.toUpperCase(segment.charAt(0)) + segment.substring(1)));
            // An empty segment before this one: //api, /api//v1.
            variants.add(join(segments.subList(0, i)) + "/" + join(segments.subList(i, segments.size())));
            // Dot segments before this one: /api/./v1, /api/x/../v1, encoded, and Tomcat's ..;
            String before = join(segments.subList(0, i));
            String after = join(segments.subList(i, segments.size()));
            variants.add(before + "/." + after);
            variants.add(before + "/x/.." + after);
            variants.add(before + "/%2e" + after);
            variants.add(before + "/x/%2e%2e" + after);
            variants.add(before + "/x/%2E%2E" + after);
            variants.add(before + "/x/..;" + after);
            variants.add(before + "/x/..%3b" + after);
        }
        for (int i = 0; i + 1 < segments.size(); i++) {
            // An encoded slash, or a backslash, instead of a slash.
            String joined = join(segments.subList(0, i)) + "/" + segments.get(i) + "%s" + segments.get(i + 1)
                    + join(segments.subList(i + 2, segments.size()));
            variants.add(joined.formatted("%2F"));
            variants.add(joined.formatted("%2f"));
            variants.add(joined.formatted("%5C"));
            variants.add(joined.formatted("\\"));
        }
        variants.add(path.toUpperCase(Locale.ROOT));
        variants.add(path + "/");
        variants.add(path + "//");
        variants.add(path + "/.");
        variants.add(path + ";x=1");
        variants.add(path + "%00");
        variants.add(path + "%20");
        variants.add("/" + path);
        variants.add("/./" + path.substring(1));
        variants.add("/..;" + path);
        variants.add("/%2e" + path);
        variants.remove(path);
        return new ArrayList<>(variants);
    }

    private static int firstLetter(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (Character.isLetter(segment.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String encodeAll(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (char c : segment.toCharArray()) {
            encoded.append('%').append(String.format("%02X", (int) c));
        }
        return encoded.toString();
    }

    private static String replace(List<String> segments, int index, String replacement) {
        List<String> copy = new ArrayList<>(segments);
        copy.set(index, replacement);
        return join(copy);
    }

    private static String join(List<String> segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }
}
