package org.balintobservatory.support.publishing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.CachingSupplier;
import org.axonframework.serialization.RevisionResolver;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.support.tracing.MessageTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * Publishing for the command-side services: an idempotent producer with {@code acks=all}, a tracking
 * processor that propagates every failure (so a batch is retried rather than skipped), and the topics.
 *
 * <p>The processor's stream is split into {@code balint.publishing.segments} segments by aggregate (Axon's
 * default sequencing policy): each instance of a service runs that many threads, each thread claims an
 * unclaimed segment in the shared token store, and a segment whose owner stops answering is claimed by
 * another instance once its claim times out. One aggregate's events are always published by one segment,
 * in order.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(name = "org.axonframework.eventhandling.EventHandler")
@ConditionalOnProperty(prefix = "balint.publishing", name = "source")
@EnableConfigurationProperties({KafkaConnectionProperties.class, PublishingProperties.class})
public class PublishingAutoConfiguration {

    /** How long the producer waits for more records before sending a partition's batch. */
    static final int LINGER_MS = 10;
    /** The most bytes of one partition's records in one request. */
    static final int BATCH_BYTES = 128 * 1024;

    /**
     * The producer. {@code acks=all} and idempotence are the publishing guarantee (an acknowledged record is on
     * every in-sync replica, and retries neither duplicate nor reorder a partition's records); at most 5 requests
     * in flight is the most idempotence keeps in order. The rest is throughput: the publisher sends a whole
     * processor batch and then waits for every acknowledgement ({@link KafkaEventPublisher}), so records of one
     * batch should travel in few, full requests. {@value #BATCH_BYTES} bytes per partition batch (Kafka's default
     * is 16 KiB, about 15 CloudEvents) and a linger of {@value #LINGER_MS} ms let a batch fill while the publisher
     * is still encoding; the flush at the end of each processor batch sends what is left at once, so the linger
     * never delays an acknowledgement. lz4 compresses the repetitive CloudEvents JSON several times over for
     * little CPU.
     */
    @Bean(destroyMethod = "close")
    Producer<String, byte[]> eventProducer(KafkaConnectionProperties kafka) {
        TopicProvisioner.ensureTopics(kafka, Topics.ALL);
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec();
    }

    /** The publisher; the event store's serializer is taken from Axon's configuration when the first event comes. */
    @Bean
    KafkaEventPublisher kafkaEventPublisher(Producer<String, byte[]> eventProducer, CloudEventCodec codec,
                                            PublishingProperties properties, ObjectProvider<MessageTracing> tracing,
                                            ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new KafkaEventPublisher(eventProducer, codec, properties.source(),
                tracing.getIfAvailable(MessageTracing::none),
                CachingSupplier.of(() -> axon.getObject().eventSerializer()));
    }

    @Bean
    RevisionResolver revisionResolver() {
        return new ContractRevisionResolver();
    }

    @Bean
    ConfigurerModule kafkaPublisherProcessor(PublishingProperties properties) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(properties.segments())
                                .andInitialSegmentsCount(properties.segments())
                                .andBatchSize(properties.batchSize()))
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
