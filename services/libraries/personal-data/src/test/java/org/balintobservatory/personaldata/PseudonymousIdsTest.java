package org.balintobservatory.personaldata;

import org.balintobservatory.hostile.IdentifierCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymousIdsTest {

    static final List<String> PSEUDONYMS = IdentifierCorpus.PSEUDONYMS;

    @ParameterizedTest
    @ValueSource(strings = {"p-7f3a9c", "p-1b22e0", "LYON-2026-017", "res_0042", "S3.alpha.x9", "participant-12",
            "abc", "9f86d081884c7d65", "cohort.b-07", "P-Anna7", "x.y.z", "stud-2026-0001", "evals", "maxi-12",
            "group.alpha", "zsofia.k1"})
    void acceptsPseudonymousIds(String id) {
        assertThat(PseudonymousIds.check(id)).as(id).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("PSEUDONYMS")
    void acceptsThePseudonymsOfTheHostileInputCorpus(String id) {
        assertThat(PseudonymousIds.isPseudonymous(id)).as(id).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "john.smith.gmail.com, not-an-email-address",
            "anna_meyer.at.uni-lyon.fr, not-an-email-address",
            "jdoe.hotmail.de, not-an-email-address",
            "m.curie.example.org, not-an-email-address",
            "0033612345678, not-a-phone-number",
            "0612345678, not-a-phone-number",
            "06.12.34.56.78, not-a-phone-number",
            "1-202-555-0143, not-a-phone-number",
            "tel-0612345678, not-a-phone-number",
            "+33612345678, id-format",
            "John.Smith, not-a-personal-name",
            "Mary-Jane_Watson, not-a-personal-name",
            "J.Smith, not-a-personal-name",
            "Anna-Lena.Meyer, not-a-personal-name",
            "JohnSmith, not-a-personal-name",
            "john.smith, not-a-personal-name",
            "smith_anna, not-a-personal-name",
            "LASZLO.KOVACS, not-a-personal-name",
            "mariecurie, not-a-personal-name",
            "a b, id-format",
            "ab, id-format",
            "name@example.org, id-format"
    })
    void refusesIdsThatIdentifyAPerson(String id, String rule) {
        assertThat(PseudonymousIds.check(id)).as(id).hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(rule));
    }

    @Test
    void refusesEveryIdentifierBearingAttemptOfTheCorpus() {
        List<IdentifierCorpus.Attempt> attempts = IdentifierCorpus.attempts();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(200);
        assertThat(attempts).extracting(IdentifierCorpus.Attempt::kind).contains(IdentifierCorpus.Kind.values());
        assertThat(attempts).filteredOn(a -> PseudonymousIds.isPseudonymous(a.value()))
                .as("identifier-bearing ids that were accepted").isEmpty();
    }

    @Test
    void refusesEveryWellFormedIdOfTheCorpusForWhatItIsNotMerelyForItsCharacters() {
        assertThat(IdentifierCorpus.idShaped())
                .filteredOn(a -> PseudonymousIds.check(a.value()).map(r -> r.rule().equals("id-format")).orElse(true))
                .as("well-formed ids refused only by their format, or not at all").isEmpty();
    }

    @Test
    void refusesEveryEmailAddressAndPhoneNumberOfTheCorpusInANote() {
        List<IdentifierCorpus.Attempt> contacts = IdentifierCorpus.attempts().stream()
                .filter(a -> a.kind() != IdentifierCorpus.Kind.NAME).toList();
        assertThat(contacts).hasSizeGreaterThanOrEqualTo(100);
        // Alone, and inside a sentence as an operator would write it.
        assertThat(contacts).filteredOn(a -> PseudonymousIds.checkNote(a.value()).isEmpty()).isEmpty();
        assertThat(contacts).filteredOn(a -> PseudonymousIds.checkNote("ask " + a.value() + " first").isEmpty())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lyon integration server", "timetable sync v2.1", "rotated 2026-06-30",
            "REDCap export (nightly)", "server replaced", "notebook 3 of 12", "room 101, building 4"})
    void acceptsNotesThatNameMachinesAndDates(String note) {
        assertThat(PseudonymousIds.checkNote(note)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "'call 06 12 34 56 78', not-a-phone-number",
            "'(202) 555-0143 after 5', not-a-phone-number",
            "'+36 1 234 5678', not-a-phone-number",
            "'jane.doe@uni-lyon.fr', not-an-email-address",
            "'write to jane.doe.gmail.com', not-an-email-address",
            "'jsmith_at_hospital.nhs.uk laptop', not-an-email-address"})
    void refusesNotesWithContactDetails(String note, String rule) {
        assertThat(PseudonymousIds.checkNote(note)).map(PseudonymousIds.Refusal::rule).contains(rule);
    }
}
