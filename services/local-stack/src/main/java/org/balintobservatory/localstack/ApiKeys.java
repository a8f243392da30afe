package org.balintobservatory.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The local stack's API keys: generated once (256 random bits each), kept in the data directory so they
 * survive restarts, handed to the services only as SHA-256 hashes.
 */
public final class ApiKeys {

    /** The demo school every example in requests.http and the README uses. */
    public static final String DEMO_INSTITUTION = "demo-school";

    private final Properties secrets;

    private ApiKeys(Properties secrets) {
        this.secrets = secrets;
    }

    public static ApiKeys loadOrCreate(Path file) {
        Properties secrets = new Properties();
        try {
            if (file != null && Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    secrets.load(in);
                }
            }
            boolean created = false;
            for (String id : List.of("school", "researcher", "admin")) {
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
        return new ApiKeys(secrets);
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "bo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String school() {
        return secrets.getProperty("school");
    }

    public String researcher() {
        return secrets.getProperty("researcher");
    }

    public String admin() {
        return secrets.getProperty("admin");
    }

    /** The keys as Spring Boot arguments for a service: ids, hashes, institutions and roles, never secrets. */
    List<String> asServiceArguments() {
        List<String> args = new ArrayList<>();
        add(args, 0, "school", school(), DEMO_INSTITUTION, "SCHOOL");
        add(args, 1, "researcher", researcher(), null, "RESEARCHER");
        add(args, 2, "admin", admin(), null, "ADMIN");
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
