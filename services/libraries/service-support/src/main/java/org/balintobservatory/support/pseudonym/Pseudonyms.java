package org.balintobservatory.support.pseudonym;

import org.balintobservatory.personaldata.PseudonymousIds;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces the participant ids a school sends by keyed pseudonyms before anything is stored, so that no id a
 * school sends reaches an event, however identifying it is.
 *
 * <p>{@code pseudonym = "px-" + letters(HMAC-SHA-256(k_i, participantId)[0..16))}, where the institution's
 * key {@code k_i = HMAC-SHA-256(master, "balint-pseudonym-key:v1:" + institutionId)} is derived from the
 * master secret ({@code balint.pseudonyms.secret}) that every service holding participant ids is configured
 * with, and {@code letters} writes each four bits as one of the letters a–p
 * ({@link PseudonymousIds#PSEUDONYM_FORMAT}). So
 * <ul>
 *   <li>one school's id maps to the same pseudonym in the group, survey and analytics services, and a
 *       school's requests with the same id meet the same participant;</li>
 *   <li>the same id sent by two schools gives two unrelated pseudonyms: one institution's key says nothing
 *       about another's;</li>
 *   <li>nothing reversible is stored: without the master secret a pseudonym cannot be recomputed from a
 *       guessed id, and the secret never leaves the services' configuration (it is in no event, no log, no
 *       answer).</li>
 * </ul>
 * 128 bits of the MAC make a collision between two participants of one institution negligible (about
 * 10<sup>-29</sup> for a million participants).
 */
public final class Pseudonyms {

    static final int MIN_SECRET_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String KEY_CONTEXT = "balint-pseudonym-key:v1:";
    private static final int PSEUDONYM_BYTES = 16;

    private final byte[] master;
    private final Map<String, byte[]> institutionKeys = new ConcurrentHashMap<>();

    /**
     * @param masterSecret at least {@value #MIN_SECRET_LENGTH} characters of a random secret, e.g. 256 random
     *                     bits in base64url
     * @throws IllegalArgumentException if it is missing or shorter: a short secret could be guessed, and every
     *                                  pseudonym with it
     */
    public Pseudonyms(String masterSecret) {
        if (masterSecret == null || masterSecret.isBlank() || masterSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("balint.pseudonyms.secret (environment BALINT_PSEUDONYMS_SECRET) "
                    + "must be set to a random secret of at least " + MIN_SECRET_LENGTH + " characters, the same in "
                    + "every service that takes participant ids; see deploy/README.md");
        }
        this.master = masterSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The pseudonym under which {@code participantId}, as {@code institutionId} names them, is stored. */
    public String of(String institutionId, String participantId) {
        byte[] key = institutionKeys.computeIfAbsent(institutionId,
                i -> mac(master, KEY_CONTEXT + i));
        byte[] digest = mac(key, participantId);
        StringBuilder pseudonym = new StringBuilder("px-");
        for (int i = 0; i < PSEUDONYM_BYTES; i++) {
            pseudonym.append((char) ('a' + ((digest[i] >> 4) & 0xf))).append((char) ('a' + (digest[i] & 0xf)));
        }
        return pseudonym.toString();
    }

    private static byte[] mac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
