package org.balintobservatory.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.hostile.Endpoint;
import org.balintobservatory.hostile.FieldSpec;
import org.balintobservatory.hostile.HostileClient;
import org.balintobservatory.hostile.HostileRequest;
import org.balintobservatory.hostile.HostileRequests;
import org.balintobservatory.hostile.IdentifierCorpus;
import org.balintobservatory.hostile.Mutation;
import org.balintobservatory.hostile.Refusals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.balintobservatory.hostile.HostileClient.contentType;
import static org.balintobservatory.hostile.HostileClient.parse;

/**
 * Hostile input against every write endpoint of the access service (all of them for an administrator's
 * key): generated bad requests, and the e-mail addresses and phone numbers of {@link IdentifierCorpus} as
 * key labels and revocation reasons. Each must be refused with problem details naming the field, and
 * nothing may be stored: no event, no institution or key in the listings.
 *
 * <p>The bad requests come from jqwik arbitraries ({@link HostileRequests}), drawn with a seeded random
 * inside this ordinary JUnit test rather than from a jqwik {@code @Property}: a property runs under jqwik's
 * own engine, which does not run Spring's test extension, and this test needs the running service shared
 * with the other integration tests.
 * The seed is fixed ({@link HostileRequests#DEFAULT_SEED}), so a failure replays as is;
 * {@code -Dhostile.seed=...} explores others (every failure message names the seed).
 * Besides the library's mutations, one request in five breaks a free-text rule the library does not know:
 * the characters a label, a revocation reason or an institution name may hold, and the country code.
 */
class HostileInputIT extends AccessServiceTestSupport {

    /**
     * The flood's size when asked for ({@code -Phostile-full}, or {@code -Dhostile.requests=N}); the normal run
     * sends {@link HostileRequests#SHORT_RUN} and goes on until every endpoint has drawn every mutation kind.
     */
    private static final int FULL_RUN = 3_000;
    private static final long OVERSIZED = 300 * 1024;
    private static final String INSTITUTIONS = "/api/v1/institutions";
    private static final String KEYS = "/api/v1/keys";
    private static final String INSTITUTION = "fz-institution-" + RUN;
    private static final String INSTITUTION_NAME = "Fuzz Institute " + RUN;
    private static final String NEW_INSTITUTION = "fz-new-institution-" + RUN;
    private static final String UNREGISTERED = "fz-unregistered-" + RUN;
    /** A key id of the issued shape that was never issued. */
    private static final String UNKNOWN_KEY = "key-zzzzzzzzzzzzzzzz";
    private static final String VALID_REASON = "fz rotation";
    /** Writes every non-ASCII character as an escape, so a lone surrogate reaches the service as one. */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** Characters the label rule ({@code [A-Za-z0-9 ._,:;/()'-]}) excludes, a few of them invisible. */
    private static final List<String> NOT_IN_A_LABEL = List.of("@", "<", ">", "\"", "+", "#", "%", "&", "=", "!",
            "?", "*", "\\", "|", "~", "`", "$", "{", "}", "[", "]", "^", "\t", "\n", "\r", "\u0000", "\u0007",
            "\u007f", "\u0085", "\u00e9", "\u00df", "\u20ac", "\u200b", "\u202e", "\u2028", "\ud83d\ude00");
    /** What an institution name may not hold: markup, control characters (C0 and C1), half a surrogate pair. */
    private static final List<String> NOT_IN_A_NAME = List.of("<", ">", "<b>", "</i>", "<script>alert(1)</script>",
            "\t", "\n", "\r", "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009b", "\ud83d", "\udc00");
    private static final List<String> NOT_A_COUNTRY = List.of("fr", "Fr", "F", "FRA", "F1", "12", "\u00c9S", "F ",
            " F", "F\u0000", "F<", "--");
    private static String fixtureKey;

    @Autowired
    JdbcTemplate jdbc;

    private HostileClient client;

    @BeforeEach
    void fixtures() {
        client = client != null ? client : new HostileClient("http://localhost:" + port, path -> ADMIN_KEY);
        if (fixtureKey != null) {
            return;
        }
        Response registered = send("POST", INSTITUTIONS,
                Map.of("institutionId", INSTITUTION, "name", INSTITUTION_NAME, "country", "FR"), ADMIN_KEY);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        Response issued = send("POST", KEYS, newKey(INSTITUTION), ADMIN_KEY);
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        fixtureKey = issued.body().path("key").path("keyId").asText();
    }

    @Test
    void generatedBadRequestsOfEveryKindAreRefusedWithProblemDetailsAndStoreNothing() {
        long seed = HostileRequests.seed();
        List<Endpoint> endpoints = endpoints();
        Refusals refusals = new Refusals();
        long eventsBefore = storedEvents();
        Listings listingsBefore = listings();
        long requestsBefore = client.sent();
        long started = System.nanoTime();

        int planned = HostileRequests.requests(FULL_RUN);
        Map<String, Set<Mutation>> notDrawn;
        try (HostileRequests generator = new HostileRequests(seed, OVERSIZED)) {
            for (int i = 0; i < planned || (!generator.drewEveryKind(endpoints) && i < FULL_RUN); i++) {
                int which = i % (endpoints.size() + 1);
                if (which == endpoints.size()) {
                    client.send(badText(generator), refusals);
                } else {
                    client.send(generator.next(endpoints.get(which)), refusals);
                }
            }
            notDrawn = generator.notDrawn(endpoints);
            for (Endpoint endpoint : endpoints) {
                if (endpoint.hasBody()) {
                    HostileRequest oversized = generator.oversized(endpoint);
                    HttpResponse<String> response = client.exchange(oversized);
                    assertThat(response.statusCode()).as(oversized.describe()).isEqualTo(413);
                    refusals.record(oversized, response.statusCode(), contentType(response), parse(response.body()));
                }
            }
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        long requests = client.sent() - requestsBefore;
        System.out.printf("access service hostile input: seed %d, %d HTTP requests in %d s%n%s%n", seed, requests,
                seconds, refusals.histogram());
        assertThat(refusals.failures()).as("answers that are not a problem-details refusal (seed " + seed + ")")
                .isEmpty();
        assertThat(client.rateLimited()).as("requests refused by the rate limit before they were read").isZero();
        assertThat(requests).as("requests sent (seed " + seed + ")").isGreaterThanOrEqualTo(planned);
        assertThat(notDrawn).as("mutation kinds an endpoint was never sent (seed " + seed + ")").isEmpty();
        assertThat(storedEvents()).as("events stored by refused requests (seed " + seed + ")").isEqualTo(eventsBefore);
        Listings listingsAfter = listings();
        assertThat(listingsAfter).as("institutions and keys listed after the fuzz").isEqualTo(listingsBefore);
        assertThat(listingsAfter.institutions()).contains(INSTITUTION + " " + INSTITUTION_NAME + " FR")
                .noneMatch(i -> i.startsWith(NEW_INSTITUTION));
        assertThat(listingsAfter.keys()).contains(fixtureKey + " " + INSTITUTION + " active");
        assertThat(listingsAfter.keys().stream().filter(k -> k.contains(" " + INSTITUTION + " ")))
                .as("keys of the fuzzed institution").hasSize(1);
    }

    /**
     * Every value of the identifier corpus — e-mail addresses however written, phone numbers, personal names,
     * dates of birth, national and hospital numbers, postcodes, and the same with Unicode tricks — as a key's
     * label, a revocation reason, an institution's id and its name, each refused naming the field: by the
     * field's alphabet, or by the identifier guard. So that nothing is stored even if one got through, a label
     * is sent for an unregistered institution and a reason for a key never issued. The normal run sends each
     * field a rotating share of the corpus that meets every kind ({@link IdentifierCorpus#share}); the
     * {@code hostile-full} profile sends every value to every field.
     */
    @Test
    void everyIdentifyingValueIsRefusedAsALabelAReasonAnInstitutionIdAndName() {
        List<IdentifierCorpus.Attempt> corpus = IdentifierCorpus.attempts();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
        record Field(String name, Function<String, HostileRequest> request) {
        }
        List<Field> fields = List.of(
                new Field("label", value -> json("POST", KEYS, newKey(UNREGISTERED).put("label", value),
                        Mutation.IDENTIFYING_ID, "label")),
                new Field("reason", value -> new HostileRequest("DELETE " + KEYS + "/{keyId}", Mutation.IDENTIFYING_ID,
                        "DELETE", KEYS + "/" + UNKNOWN_KEY + "?reason=" + encode(value), null, null, null, "reason")),
                new Field("institutionId", value -> json("POST", INSTITUTIONS,
                        newInstitution().put("institutionId", value), Mutation.IDENTIFYING_ID, "institutionId")),
                new Field("name", value -> json("POST", INSTITUTIONS, newInstitution().put("name", value),
                        Mutation.IDENTIFYING_ID, "name")),
                new Field("changed name", value -> json("PUT", INSTITUTIONS + "/" + INSTITUTION,
                        changedDetails().put("name", value), Mutation.IDENTIFYING_ID, "name")));

        long eventsBefore = storedEvents();
        List<String> failures = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            Field field = fields.get(f);
            List<IdentifierCorpus.Attempt> sent = IdentifierCorpus.share(corpus, f);
            Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (IdentifierCorpus.Attempt attempt : sent) {
                HttpResponse<String> response = client.exchange(field.request().apply(attempt.value()));
                JsonNode problem = parse(response.body());
                String verdict = response.statusCode() == 400
                        ? Refusals.judge(field.name().replace("changed ", ""), 400, contentType(response), problem)
                        : "answered " + response.statusCode();
                byStatus.merge(response.statusCode(), 1, Integer::sum);
                if (verdict != null) {
                    failures.add(field.name() + " " + attempt.kind() + " '" + attempt.value() + "': " + verdict
                            + " " + problem);
                }
            }
            System.out.printf("access service identifier guard, %s: %d sent, by status %s%n", field.name(),
                    sent.size(), byStatus);
        }

        assertThat(failures).as("identifying values not refused naming the field").isEmpty();
        assertThat(storedEvents()).as("events stored for identifying labels and reasons").isEqualTo(eventsBefore);
        assertThat(send("GET", KEYS + "?includeRevoked=true&institutionId=" + UNREGISTERED, null, ADMIN_KEY).body())
                .isEmpty();
    }

    /** The requests the fuzz mutates are accepted as they are, and so are labels of the usual shapes. */
    @Test
    void theValidRequestsTheFuzzStartsFromAreAccepted() {
        String institution = "fz-ok-" + RUN;
        ObjectNode registration = newInstitution().put("institutionId", institution);
        Response registered = send("POST", INSTITUTIONS, registration.toString(), ADMIN_KEY);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        Response changed = send("PUT", INSTITUTIONS + "/" + institution, changedDetails().toString(), ADMIN_KEY);
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.body().path("country").asText()).isEqualTo("DE");

        for (String label : List.of("fz integration server", "Leeds integration server", "ingest-01 (backup)",
                "CI: nightly export; v2.3", "Lyon/HCL ETL, room 4", "rotation 2026-01", "host ingest.example")) {
            Response issued = send("POST", KEYS, newKey(institution).put("label", label).toString(), ADMIN_KEY);
            assertThat(issued.status()).as(label + ": " + issued.body()).isEqualTo(201);
            String keyId = issued.body().path("key").path("keyId").asText();
            Response revoked = send("DELETE", KEYS + "/" + keyId + "?reason=" + encode(VALID_REASON), null,
                    ADMIN_KEY);
            assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
            assertThat(revoked.body().path("revokeReason").asText()).isEqualTo(VALID_REASON);
        }
    }

    private List<Endpoint> endpoints() {
        FieldSpec name = FieldSpec.text("name", 200);
        FieldSpec country = FieldSpec.text("country", 2);
        Map<String, String> revocation = new LinkedHashMap<>();
        revocation.put("keyId", fixtureKey);
        revocation.put("reason", VALID_REASON);
        return List.of(
                Endpoint.withBody("POST", INSTITUTIONS, Map.of(), List.of(), newInstitution(),
                        List.of(FieldSpec.id("institutionId"), name, country)),
                Endpoint.withBody("PUT", INSTITUTIONS + "/{institutionId}", Map.of("institutionId", INSTITUTION),
                        List.of(FieldSpec.id("institutionId")), changedDetails(), List.of(name, country)),
                // A SCHOOL key needs its institution: leaving institutionId out is refused (422) naming it.
                Endpoint.withBody("POST", KEYS, Map.of(), List.of(), newKey(INSTITUTION),
                        List.of(FieldSpec.enumOf("role", KeyRole.class), FieldSpec.id("institutionId"),
                                FieldSpec.text("label", 100).optional())),
                // The reason is not given to the generator: its bad parameters ("a b c", "drop table;") are
                // good reasons. Bad reasons come from badText.
                Endpoint.withoutBody("DELETE", KEYS + "/{keyId}", revocation, List.of(FieldSpec.id("keyId"))));
    }

    /**
     * A request whose only fault is a free-text value the library's generator does not know how to break: a
     * label or revocation reason with a character outside its alphabet, an e-mail address or a phone number, or over 100 characters; an institution name with markup, a control character or over 200
     * characters; a country that is not two capital letters.
     */
    private HostileRequest badText(HostileRequests generator) {
        String target = generator.draw(Arbitraries.of("label", "reason", "name", "changed name", "country"));
        return switch (target) {
            case "label", "reason" -> {
                Mutation mutation = generator.draw(Arbitraries.of(Mutation.DISALLOWED_CHARACTER,
                        Mutation.DISALLOWED_CHARACTER, Mutation.IDENTIFYING_ID, Mutation.OVERLONG_STRING));
                String value = switch (mutation) {
                    case DISALLOWED_CHARACTER -> generator.draw(withOneOf(NOT_IN_A_LABEL));
                    case IDENTIFYING_ID -> generator.draw(identifying());
                    default -> generator.draw(words(101, 400));
                };
                yield target.equals("label")
                        ? json("POST", KEYS, newKey(INSTITUTION).put("label", value), mutation, "label")
                        : new HostileRequest("DELETE " + KEYS + "/{keyId}", mutation, "DELETE",
                        KEYS + "/" + fixtureKey + "?reason=" + encode(value), null, null, null, "reason");
            }
            case "name", "changed name" -> {
                Mutation mutation = generator.draw(Arbitraries.of(Mutation.DISALLOWED_CHARACTER,
                        Mutation.DISALLOWED_CHARACTER, Mutation.OVERLONG_STRING));
                String value = mutation == Mutation.OVERLONG_STRING ? generator.draw(words(201, 600))
                        : generator.draw(withOneOf(NOT_IN_A_NAME));
                yield target.equals("name")
                        ? json("POST", INSTITUTIONS, newInstitution().put("name", value), mutation, "name")
                        : json("PUT", INSTITUTIONS + "/" + INSTITUTION, changedDetails().put("name", value), mutation,
                        "name");
            }
            default -> {
                String value = generator.draw(Arbitraries.of(NOT_A_COUNTRY));
                yield generator.draw(Arbitraries.of(true, false))
                        ? json("POST", INSTITUTIONS, newInstitution().put("country", value), Mutation.INVALID_ENUM,
                        "country")
                        : json("PUT", INSTITUTIONS + "/" + INSTITUTION, changedDetails().put("country", value),
                        Mutation.INVALID_ENUM, "country");
            }
        };
    }

    /** Letters and spaces, never blank: only the length is wrong. */
    private static Arbitrary<String> words(int minLength, int maxLength) {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(' ').ofMinLength(minLength)
                .ofMaxLength(maxLength).filter(s -> !s.isBlank());
    }

    /** A short valid text with one of these inserted somewhere. */
    private static Arbitrary<String> withOneOf(List<String> bad) {
        return Combinators.combine(words(1, 40), Arbitraries.of(bad), Arbitraries.integers().between(0, 40))
                .as((text, inserted, at) -> {
                    int position = Math.min(at, text.length());
                    return text.substring(0, position) + inserted + text.substring(position);
                });
    }

    /** An e-mail address, a phone number, or one of the corpus's e-mail addresses and phone numbers. */
    private static Arbitrary<String> identifying() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> email = Combinators.combine(word, word,
                Arbitraries.of("com", "fr", "de", "hu", "co.uk", "org"))
                .as((user, host, tld) -> user + "@" + host + "." + tld);
        Arbitrary<String> phone = Combinators.combine(Arbitraries.of("", "call ", "tel ", "mobile: "),
                Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(15))
                .as((prefix, digits) -> prefix + digits);
        List<String> corpus = IdentifierCorpus.attempts().stream()
                .filter(a -> a.kind() != IdentifierCorpus.Kind.NAME).map(IdentifierCorpus.Attempt::value).toList();
        return Arbitraries.oneOf(email, phone, Arbitraries.of(corpus));
    }

    private static ObjectNode newInstitution() {
        return JSON.createObjectNode().put("institutionId", NEW_INSTITUTION).put("name", "Fuzz Institute of Medicine")
                .put("country", "FR");
    }

    /** Details other than the fixture's, so that a change accepted by mistake would store an event. */
    private static ObjectNode changedDetails() {
        return JSON.createObjectNode().put("name", "Fuzz Institute, renamed").put("country", "DE");
    }

    private static ObjectNode newKey(String institutionId) {
        return JSON.createObjectNode().put("role", "SCHOOL").put("institutionId", institutionId)
                .put("label", "fz integration server");
    }

    private static HostileRequest json(String method, String path, ObjectNode body, Mutation mutation, String field) {
        try {
            return new HostileRequest(method + " " + path, mutation, method, path, "application/json",
                    ESCAPING.writeValueAsBytes(body), body, field);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The institutions (id, name, country) and keys (id, institution, status) listed, revoked keys included. */
    private record Listings(Set<String> institutions, Set<String> keys) {
    }

    private Listings listings() {
        Response institutions = send("GET", INSTITUTIONS, null, ADMIN_KEY);
        Response keys = send("GET", KEYS + "?includeRevoked=true", null, ADMIN_KEY);
        assertThat(institutions.status()).isEqualTo(200);
        assertThat(keys.status()).isEqualTo(200);
        Set<String> listedInstitutions = new TreeSet<>();
        institutions.body().forEach(i -> listedInstitutions.add(i.path("institutionId").asText() + " "
                + i.path("name").asText() + " " + i.path("country").asText()));
        Set<String> listedKeys = new TreeSet<>();
        keys.body().forEach(k -> listedKeys.add(k.path("keyId").asText() + " " + k.path("institutionId").asText()
                + " " + k.path("status").asText()));
        return new Listings(listedInstitutions, listedKeys);
    }

    private long storedEvents() {
        Long count = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
