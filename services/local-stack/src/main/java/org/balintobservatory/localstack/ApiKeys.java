package org.balintobservatory.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local stack's API keys: generated once (256 random bits each), kept in the data directory so they
 * survive restarts, handed to the services only as SHA-256 hashes. One SCHOOL key per institution (the
 * demo school and every institution of the demo consortium), one RESEARCHER key and one ADMIN key; an
 * ADMIN key given in {@code BALINT_ADMIN_KEY} is used instead of a generated one.
 *
 * <p>The same file keeps the master secret of the participant pseudonyms ({@code BALINT_PSEUDONYMS_SECRET}
 * of the group, survey and analytics services), generated once like a key: a new secret would give every
 * participant a new pseudonym, so it lives as long as the data directory.
 */
public final class ApiKeys {

    /** The school every example in requests.http and the README uses. */
    public static final String DEMO_INSTITUTION = "demo-school";
    private static final String SCHOOL_PREFIX = "school.";
    private static final String PSEUDONYM_SECRET = "pseudonym-secret";

    private final Properties secrets;
    private final boolean generated;

    private ApiKeys(Properties secrets, boolean generated) {
        this.secrets = secrets;
        this.generated = generated;
    }

    /**
     * @param institutions the institutions that get a SCHOOL key besides the demo school
     */
    public static ApiKeys loadOrCreate(Path file, Collection<String> institutions, String adminKeyFromEnvironment) {
        Properties secrets = new Properties();
        boolean created = false;
        try {
            if (file != null && Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    secrets.load(in);
                }
            }
            List<String> ids = new ArrayList<>(List.of("researcher", "admin", SCHOOL_PREFIX + DEMO_INSTITUTION,
                    PSEUDONYM_SECRET));
            institutions.forEach(i -> ids.add(SCHOOL_PREFIX + i));
            for (String id : ids) {
                if (!secrets.containsKey(id)) {
                    secrets.setProperty(id, generate());
                    created = true;
                }
            }
            if (created && file != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (Writer out = Files.newBufferedWriter(file)) {
                    secrets.store(out, "Local-stack API keys. Local development only; delete to generate new ones.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (adminKeyFromEnvironment != null && !adminKeyFromEnvironment.isBlank()) {
            secrets.setProperty("admin", adminKeyFromEnvironment);
        }
        return new ApiKeys(secrets, created);
    }

    /** Whether this start generated keys: the only time the stack prints secrets. */
    public boolean generated() {
        return generated;
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "bo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The demo school's key. */
    public String school() {
        return school(DEMO_INSTITUTION);
    }

    public String school(String institution) {
        return secrets.getProperty(SCHOOL_PREFIX + institution);
    }

    public String researcher() {
        return secrets.getProperty("researcher");
    }

    public String admin() {
        return secrets.getProperty("admin");
    }

    /** The master secret the services derive each institution's pseudonym key from; never printed. */
    String pseudonymSecret() {
        return secrets.getProperty(PSEUDONYM_SECRET);
    }

    /** Every institution's SCHOOL key, by institution. */
    public Map<String, String> schools() {
        Map<String, String> schools = new LinkedHashMap<>();
        secrets.stringPropertyNames().stream().filter(n -> n.startsWith(SCHOOL_PREFIX)).sorted()
                .forEach(n -> schools.put(n.substring(SCHOOL_PREFIX.length()), secrets.getProperty(n)));
        return schools;
    }

    /** The keys as Spring Boot arguments for a service: ids, hashes, institutions and roles, never secrets. */
    List<String> asServiceArguments() {
        List<String> args = new ArrayList<>();
        int i = 0;
        add(args, i++, "researcher", researcher(), null, "RESEARCHER");
        add(args, i++, "admin", admin(), null, "ADMIN");
        for (Map.Entry<String, String> school : schools().entrySet()) {
            add(args, i++, "school-" + school.getKey(), school.getValue(), school.getKey(), "SCHOOL");
        }
        return args;
    }

    private static void add(List<String> args, int i, String id, String secret, String institution, String role) {
        String prefix = "--balint.security.keys[" + i + "].";
        args.add(prefix + "id=" + id);
        args.add(prefix + "sha256=" + sha256(secret));
        if (institution != null) {
            args.add(prefix + "institution=" + institution);
        }
        args.add(prefix + "role=" + role);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
