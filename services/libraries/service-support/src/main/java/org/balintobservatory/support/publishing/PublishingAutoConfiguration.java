package org.balintobservatory.support.publishing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.RevisionResolver;
import org.balintobservatory.contract.Topics;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
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

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> eventProducer(KafkaConnectionProperties kafka) {
        TopicProvisioner.ensureTopics(kafka, Topics.ALL);
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec();
    }

    @Bean
    KafkaEventPublisher kafkaEventPublisher(Producer<String, byte[]> eventProducer, CloudEventCodec codec,
                                            PublishingProperties properties) {
        return new KafkaEventPublisher(eventProducer, codec, properties.source());
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
