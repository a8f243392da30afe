package org.balintobservatory.access;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.balintobservatory.access.institution.Institution;
import org.balintobservatory.access.key.ApiKey;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.access.ApiKeyIssuedEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.access.ApiKeys;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access service over HTTP with real PostgreSQL and Kafka: institutions, keys issued, used, listed
 * and revoked, and the refusals, each with nothing stored.
 */
class AccessServiceIT extends AccessServiceTestSupport {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    @Autowired
    EventStore eventStore;

    private String institution(String name) {
        return name + "-" + RUN;
    }

    private Response register(String institutionId, String name, String country) {
        return send("POST", "/api/v1/institutions",
                Map.of("institutionId", institutionId, "name", name, "country", country), ADMIN_KEY);
    }

    private Response issue(Map<String, Object> body) {
        return send("POST", "/api/v1/keys", body, ADMIN_KEY);
    }

    @Test
    void registeringAnInstitutionListsItAndAgainChangesNothing() {
        String id = institution("uni-lyon");
        Response first = register(id, "Université Lyon 1", "FR");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.body().path("name").asText()).isEqualTo("Université Lyon 1");
        assertThat(register(id, "Université Lyon 1", "FR").status()).isEqualTo(201);
        assertThat(eventStore.lastSequenceNumberFor(Institution.aggregateId(id))).contains(0L);

        Response conflict = register(id, "Hospices Civils de Lyon", "FR");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().path("stored").path("name").asText()).isEqualTo("Université Lyon 1");

        Response changed = send("PUT", "/api/v1/institutions/" + id,
                Map.of("name", "Université Lyon 1, Faculté de médecine", "country", "FR"), ADMIN_KEY);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(eventStore.lastSequenceNumberFor(Institution.aggregateId(id))).contains(1L);

        Response listed = send("GET", "/api/v1/institutions", null, RESEARCHER_KEY);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().findValuesAsText("institutionId")).contains(id);
        assertThat(send("GET", "/api/v1/institutions/" + id, null, ADMIN_KEY).body().path("name").asText())
                .isEqualTo("Université Lyon 1, Faculté de médecine");
    }

    @Test
    void badInstitutionsAreRefusedNamingTheFieldAndNothingIsStored() {
        String id = institution("bad-country");
        Response badCountry = register(id, "Somewhere", "France");
        assertThat(badCountry.status()).isEqualTo(400);
        assertThat(badCountry.contentType()).startsWith("application/problem+json");
        assertThat(badCountry.firstError().path("field").asText()).isEqualTo("country");

        Response unknownField = send("POST", "/api/v1/institutions",
                Map.of("institutionId", id, "name", "Somewhere", "country", "FR", "dean", "someone"), ADMIN_KEY);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.firstError().path("field").asText()).isEqualTo("dean");

        Response markup = register(id, "<script>alert(1)</script>", "FR");
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.firstError().path("field").asText()).isEqualTo("name");

        assertThat(eventStore.lastSequenceNumberFor(Institution.aggregateId(id))).isEmpty();
        assertThat(send("PUT", "/api/v1/institutions/" + institution("never-registered"),
                Map.of("name", "Nowhere", "country", "FR"), ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void anIssuedKeyWorksAtOnceItsSecretIsShownOnceAndOnlyItsHashIsPublished() {
        String id = institution("uni-leeds");
        register(id, "University of Leeds", "GB");

        Response issued = issue(Map.of("role", "SCHOOL", "institutionId", id, "label", "Leeds integration server"));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        assertThat(issued.raw().headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(issued.body().path("published").asBoolean()).isTrue();
        String keyId = issued.body().path("key").path("keyId").asText();
        String secret = issued.body().path("secret").asText();
        assertThat(keyId).matches("key-[a-z2-7]{16}");
        assertThat(secret).startsWith("bo_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(issued.raw().headers().firstValue("Location")).contains("/api/v1/keys/" + keyId);

        Response current = send("GET", "/api/v1/keys/current", null, secret);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.body().path("keyId").asText()).isEqualTo(keyId);
        assertThat(current.body().path("role").asText()).isEqualTo("SCHOOL");
        assertThat(current.body().path("institutionId").asText()).isEqualTo(id);
        assertThat(send("GET", "/api/v1/institutions/" + id, null, secret).status()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/institutions/" + institution("uni-lyon"), null, secret).status())
                .as("a school reads its own institution only").isEqualTo(404);

        Response shown = send("GET", "/api/v1/keys/" + keyId, null, ADMIN_KEY);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().toString()).doesNotContain(secret).doesNotContain(ApiKeys.sha256(secret));
        assertThat(shown.body().path("status").asText()).isEqualTo("active");
        Response listed = send("GET", "/api/v1/keys?institutionId=" + id, null, ADMIN_KEY);
        assertThat(listed.body().findValuesAsText("keyId")).containsExactly(keyId);
        assertThat(listed.body().toString()).doesNotContain(secret);

        ConsumerRecord<String, byte[]> record = publishedRecord(ApiKey.aggregateId(keyId));
        String json = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain(secret);
        ApiKeyIssuedEvent event = (ApiKeyIssuedEvent) CODEC.payload(CloudEventRecords.read(record)).orElseThrow();
        assertThat(event.sha256()).isEqualTo(ApiKeys.sha256(secret));
        assertThat(event.issuedBy()).isEqualTo(ADMIN_KEY_ID);
    }

    @Test
    void whenAKeyWasLastUsedIsListed() {
        Response issued = issue(Map.of("role", "RESEARCHER", "label", "Notebook server"));
        String keyId = issued.body().path("key").path("keyId").asText();
        assertThat(send("GET", "/api/v1/keys/" + keyId, null, ADMIN_KEY).body().has("lastUsedAt"))
                .as("never used yet").isFalse();
        Instant before = Instant.now().minusSeconds(1);
        assertThat(send("GET", "/api/v1/institutions", null, issued.body().path("secret").asText()).status())
                .isEqualTo(200);

        await().atMost(Patience.scaled(Duration.ofSeconds(20))).untilAsserted(() -> {
            JsonNode key = send("GET", "/api/v1/keys/" + keyId, null, ADMIN_KEY).body();
            assertThat(key.has("lastUsedAt")).isTrue();
            assertThat(Instant.parse(key.path("lastUsedAt").asText())).isAfter(before);
        });
        await().atMost(Patience.scaled(Duration.ofSeconds(20))).untilAsserted(() -> assertThat(
                send("GET", "/api/v1/keys?role=ADMIN", null, ADMIN_KEY).body().findValues("lastUsedAt"))
                .as("the configured admin key is listed with its use").isNotEmpty());
    }

    @Test
    void aRevokedKeyIsRefusedAndRevokingItAgainChangesNothing() {
        Response issued = issue(Map.of("role", "RESEARCHER", "label", "Temporary analysis"));
        String keyId = issued.body().path("key").path("keyId").asText();
        String secret = issued.body().path("secret").asText();
        assertThat(send("GET", "/api/v1/keys/current", null, secret).status()).isEqualTo(200);

        Response revoked = send("DELETE", "/api/v1/keys/" + keyId + "?reason=analysis%20finished", null, ADMIN_KEY);
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        assertThat(revoked.body().path("status").asText()).isEqualTo("revoked");
        assertThat(revoked.body().path("revokeReason").asText()).isEqualTo("analysis finished");

        Response refused = send("GET", "/api/v1/keys/current", null, secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        assertThat(send("DELETE", "/api/v1/keys/" + keyId, null, ADMIN_KEY).status()).isEqualTo(200);
        assertThat(eventStore.lastSequenceNumberFor(ApiKey.aggregateId(keyId))).contains(1L);
        assertThat(send("GET", "/api/v1/keys", null, ADMIN_KEY).body().findValuesAsText("keyId"))
                .as("revoked keys are listed only when asked for").doesNotContain(keyId);
        assertThat(send("GET", "/api/v1/keys?includeRevoked=true", null, ADMIN_KEY).body().findValuesAsText("keyId"))
                .contains(keyId);

        assertThat(send("DELETE", "/api/v1/keys/" + ADMIN_KEY_ID, null, ADMIN_KEY).status())
                .as("a configured key is revoked in configuration").isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/keys/key-aaaaaaaaaaaaaaaa", null, ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void keysThatBreakARuleAreRefusedNamingTheFieldAndNothingIsIssued() {
        String unregistered = institution("not-registered");
        Response school = issue(Map.of("role", "SCHOOL", "institutionId", unregistered));
        assertThat(school.status()).isEqualTo(422);
        assertThat(school.firstError().path("field").asText()).isEqualTo("institutionId");

        String registered = institution("uni-porto");
        register(registered, "Universidade do Porto", "PT");
        Response researcher = issue(Map.of("role", "RESEARCHER", "institutionId", registered));
        assertThat(researcher.status()).isEqualTo(422);
        assertThat(researcher.firstError().path("rule").asText()).isEqualTo("aggregate-key-has-none");

        Response noRole = issue(Map.of("institutionId", registered));
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(noRole.firstError().path("field").asText()).isEqualTo("role");

        Response email = issue(Map.of("role", "SCHOOL", "institutionId", registered, "label", "jane.doe@uni.pt"));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.firstError().path("field").asText()).isEqualTo("label");

        Response phone = issue(Map.of("role", "SCHOOL", "institutionId", registered, "label", "call 0612345678"));
        assertThat(phone.status()).isEqualTo(400);

        Response badRole = issue(Map.of("role", "SUPERUSER"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.firstError().path("field").asText()).isEqualTo("role");

        assertThat(send("GET", "/api/v1/keys?includeRevoked=true&institutionId=" + unregistered, null, ADMIN_KEY)
                .body()).isEmpty();
        assertThat(send("GET", "/api/v1/keys?includeRevoked=true&institutionId=" + registered, null, ADMIN_KEY)
                .body()).isEmpty();
    }

    @Test
    void onlyAnAdministratorManagesKeysAndInstitutions() {
        assertThat(send("POST", "/api/v1/keys", Map.of("role", "ADMIN"), SCHOOL_KEY).status()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/keys", Map.of("role", "ADMIN"), RESEARCHER_KEY).status()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/keys", null, RESEARCHER_KEY).status()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/institutions", Map.of("institutionId", institution("x-school"),
                "name", "X", "country", "FR"), SCHOOL_KEY).status()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/keys", null, "bo_not_a_key_" + UUID.randomUUID()).status()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/keys", null, null).status()).isEqualTo(401);
    }

    private static ConsumerRecord<String, byte[]> publishedRecord(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InfrastructureEndpoints.resolve().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "access-service-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ACCESS_EVENTS.name()));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Patience.scaled(Duration.ofSeconds(60))).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}
