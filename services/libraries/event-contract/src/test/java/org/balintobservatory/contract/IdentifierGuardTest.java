package org.balintobservatory.contract;

import org.balintobservatory.hostile.IdentifierCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierGuardTest {

    static final List<String> PSEUDONYMS = IdentifierCorpus.PSEUDONYMS;
    static final List<String> ORDINARY_TEXTS = IdentifierCorpus.ORDINARY_TEXTS;

    @Test
    void theCorpusHoldsFiveHundredIdentifyingValuesOfEveryKind() {
        List<IdentifierCorpus.Attempt> attempts = IdentifierCorpus.attempts();
        Map<IdentifierCorpus.Kind, Long> byKind = attempts.stream()
                .collect(Collectors.groupingBy(IdentifierCorpus.Attempt::kind, Collectors.counting()));
        System.out.printf("identifier corpus: %d entries, %d id-shaped, by kind %s%n", attempts.size(),
                IdentifierCorpus.idShaped().size(), byKind);
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(500);
        assertThat(byKind.keySet()).containsExactlyInAnyOrder(IdentifierCorpus.Kind.values());
        assertThat(attempts.stream().map(IdentifierCorpus.Attempt::value).distinct()).hasSameSizeAs(attempts);
    }

    @Test
    void refusesEveryEntryOfTheCorpusAsAnId() {
        assertThat(IdentifierCorpus.attempts()).filteredOn(a -> IdentifierGuard.checkId(a.value()).isEmpty())
                .as("identifying values accepted as ids").isEmpty();
    }

    @Test
    void refusesMostIdShapedEntriesForWhatTheySayNotMerelyForTheirCharacters() {
        assertThat(IdentifierCorpus.idShaped()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(IdentifierCorpus.idShaped())
                .filteredOn(a -> IdentifierGuard.checkId(a.value()).map(r -> r.rule().equals("id-format")).orElse(true))
                .as("well-formed ids that passed or were refused only by their format").isEmpty();
    }

    @Test
    void refusesEveryEntryOfTheCorpusAsAFreeText() {
        assertThat(IdentifierCorpus.attempts()).filteredOn(a -> IdentifierGuard.checkText(a.value()).isEmpty())
                .as("identifying values accepted as a text").isEmpty();
    }

    @Test
    void refusesEveryEntryOfTheCorpusInsideASentence() {
        Function<String, String> inSentence = v -> "Balint groups, ask " + v + " first";
        assertThat(IdentifierCorpus.attempts())
                .filteredOn(a -> IdentifierGuard.checkText(inSentence.apply(a.value())).isEmpty())
                .as("identifying values accepted inside a sentence").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("PSEUDONYMS")
    void acceptsIdsOfTheShapesSchoolsUse(String id) {
        assertThat(IdentifierGuard.checkId(id)).as(id).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ORDINARY_TEXTS")
    void acceptsOrdinaryNamesLabelsAndReasons(String text) {
        assertThat(IdentifierGuard.checkText(text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "nhs-9434765919, not-a-national-number",
            "MRN00123456, not-a-national-number",
            "ref-9434765919, not-a-national-number",
            "id-111222333, not-a-national-number",
            "dob-1985-03-12, not-a-date-of-birth",
            "SW1A-1AA, not-a-postcode",
            "p-20500-0003, not-a-postcode",
            "j.smith, not-a-personal-name",
            "mohammed.ali, not-a-personal-name",
            "dr.house.mrn00123456, not-a-national-number",
            "jdoe_at_gmail_dot_com, not-an-email-address",
            "p-0612345678, not-a-phone-number"})
    void namesTheRuleAnIdBreaks(String id, String rule) {
        assertThat(IdentifierGuard.checkId(id)).map(IdentifierGuard.Refusal::rule).contains(rule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdoe at gmail dot com | not-an-email-address",
            "jdoe(at)gmail.com | not-an-email-address",
            "DOB 12/03/1985 | not-a-date-of-birth",
            "Dr. John Smith | not-a-personal-name",
            "Иван Петров | not-a-personal-name",
            "王伟 | not-a-personal-name",
            "ｊｄｏｅ＠ｇｍａｉｌ．ｃｏｍ | not-an-email-address",
            "tel ０６ １２ ３４ ５６ ７８ | not-a-phone-number",
            "\u0458.\u0455mith | not-a-personal-name",
            "j\u200B.smith | not-a-personal-name"})
    void namesTheRuleATextBreaks(String text, String rule) {
        assertThat(IdentifierGuard.checkText(text)).map(IdentifierGuard.Refusal::rule).contains(rule);
    }

    @Test
    void checkDigitsAreThoseOfTheRealNumbers() {
        // Published example numbers: NHS 943 476 5919, PESEL 44051401359, BSN 111222333, DNI 12345678Z.
        assertThat(IdentifierGuard.isNhsNumber("9434765919")).isTrue();
        assertThat(IdentifierGuard.isNhsNumber("9434765918")).isFalse();
        assertThat(IdentifierGuard.isPesel("44051401359")).isTrue();
        assertThat(IdentifierGuard.isPesel("44051401358")).isFalse();
        assertThat(IdentifierGuard.isBsn("111222333")).isTrue();
        assertThat(IdentifierGuard.isBsn("111222334")).isFalse();
        assertThat(IdentifierGuard.isDni("", "12345678", "Z")).isTrue();
        assertThat(IdentifierGuard.isDni("", "12345678", "A")).isFalse();
    }

    @Test
    void participantPseudonymsPassAsIds() {
        assertThat(Arrays.asList("px-abcdefghijklmnopabcdefghijklmnop", "px-annaannaannaannaannaannaannaanna",
                "px-dobpdobpdobpdobpdobpdobpdobpdobp")).allSatisfy(id -> {
                    assertThat(id).matches(PseudonymousIds.PSEUDONYM_FORMAT);
                    assertThat(IdentifierGuard.checkId(id)).as(id).isEmpty();
                });
    }
}
