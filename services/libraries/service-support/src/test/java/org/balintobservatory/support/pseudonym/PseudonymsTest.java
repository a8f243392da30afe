package org.balintobservatory.support.pseudonym;

import org.balintobservatory.personaldata.IdentifierGuard;
import org.balintobservatory.personaldata.PseudonymousIds;
import java.util.List;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {

    private static final String SECRET = "test-master-secret-of-at-least-32-characters";
    private final Pseudonyms pseudonyms = new Pseudonyms(SECRET);

    @Test
    void theSameIdOfTheSameSchoolIsAlwaysTheSamePseudonym() {
        assertThat(pseudonyms.of("uni-lyon", "j.smith")).isEqualTo(new Pseudonyms(SECRET).of("uni-lyon", "j.smith"));
    }

    @Test
    void theSameIdOfTwoSchoolsGivesUnrelatedPseudonyms() {
        assertThat(pseudonyms.of("uni-lyon", "p-001")).isNotEqualTo(pseudonyms.of("charite", "p-001"));
    }

    @Test
    void anotherMasterSecretGivesOtherPseudonyms() {
        assertThat(new Pseudonyms(SECRET + "x").of("uni-lyon", "p-001")).isNotEqualTo(pseudonyms.of("uni-lyon", "p-001"));
    }

    @Test
    void aPseudonymKeepsNothingOfTheIdAndPassesTheIdentifierGuard() {
        Set<String> seen = new HashSet<>();
        List<String> ids = List.of("j.smith", "mohammed.ali", "nhs-9434765919", "MRN00123456", "dob-1985-03-12",
                "SW1A-1AA", "0612345678", "p-001", "p-7f3a9c");
        for (int n = 0; n < 10_000; n++) {
            String id = n < ids.size() ? ids.get(n) : "p-" + n;
            String pseudonym = pseudonyms.of("uni-lyon", id);
            assertThat(pseudonym).matches(PseudonymousIds.PSEUDONYM_FORMAT).doesNotContain(id);
            assertThat(IdentifierGuard.checkId(pseudonym)).as(pseudonym).isEmpty();
            seen.add(pseudonym);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void refusesToStartWithoutALongEnoughSecret() {
        assertThatThrownBy(() -> new Pseudonyms(null)).hasMessageContaining("BALINT_PSEUDONYMS_SECRET");
        assertThatThrownBy(() -> new Pseudonyms("short")).hasMessageContaining("at least 32 characters");
    }

    @Test
    void matchesAnHmacComputedByHand() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(), "HmacSHA256"));
        byte[] key = mac.doFinal("balint-pseudonym-key:v1:uni-lyon".getBytes());
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        byte[] digest = mac.doFinal("p-001".getBytes());
        StringBuilder expected = new StringBuilder("px-");
        for (int i = 0; i < 16; i++) {
            expected.append((char) ('a' + ((digest[i] >> 4) & 0xf))).append((char) ('a' + (digest[i] & 0xf)));
        }
        assertThat(pseudonyms.of("uni-lyon", "p-001")).isEqualTo(expected.toString());
    }
}
