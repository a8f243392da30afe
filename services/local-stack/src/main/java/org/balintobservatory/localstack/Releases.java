package org.balintobservatory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.balintobservatory.contract.Topic;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.infrastructure.embedded.Patience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts a data release once the analytics service has read everything published so far, as an
 * administrator would after a load: researchers analyse releases, so a newcomer's researcher key sees the
 * demo at once.
 */
final class Releases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Releases() {
    }

    /**
     * @param schoolKey any school's key: a school's overview states the live read models' log position
     * @param timeout   how long the analytics service may read without its log position moving, on an idle
     *                  machine (grown by the load, {@link Patience}): it is waited for as long as it makes progress
     * @return the release as the analytics service answered its cut
     */
    static JsonNode cutWhenCaughtUp(URI baseUrl, String adminKey, String schoolKey, String kafkaBootstrap,
                                    Duration timeout) throws InterruptedException {
        Map<String, Long> ends = endOffsets(kafkaBootstrap);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode position = null;
        Instant lastProgress = Instant.now();
        while (true) {
            JsonNode now = position(http, baseUrl, schoolKey);
            if (now != null && ends.entrySet().stream().allMatch(e -> now.path(e.getKey()).asLong(0) >= e.getValue())) {
                break;
            }
            if (now != null && !now.equals(position)) {
                position = now;
                lastProgress = Instant.now();
            }
            Duration still = Patience.scaled(timeout);
            if (Duration.between(lastProgress, Instant.now()).compareTo(still) > 0) {
                throw new IllegalStateException("the analytics service read nothing for " + still + " before it had "
                        + "read every event");
            }
            Thread.sleep(250);
        }
        HttpResponse<String> cut = send(http, HttpRequest.newBuilder(baseUrl.resolve("/api/v1/analytics/admin/releases"))
                .header("Authorization", "Bearer " + adminKey)
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (cut.statusCode() != 201) {
            throw new IllegalStateException("cutting a data release answered " + cut.statusCode() + ": " + cut.body());
        }
        return read(cut.body());
    }

    /** The live read models' log position, or {@code null} while the overview does not answer. */
    private static JsonNode position(HttpClient http, URI baseUrl, String schoolKey) {
        HttpResponse<String> overview = send(http, HttpRequest.newBuilder(baseUrl.resolve("/api/v1/analytics/overview"))
                .header("Authorization", "Bearer " + schoolKey).GET());
        if (overview.statusCode() != 200) {
            return null;
        }
        return read(overview.body()).path("logPosition");
    }

    private static Map<String, Long> endOffsets(String kafkaBootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : Topics.RESEARCH) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            Map<String, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions).forEach((tp, offset) -> ends.put(tp.topic() + "-" + tp.partition(), offset));
            return ends;
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
