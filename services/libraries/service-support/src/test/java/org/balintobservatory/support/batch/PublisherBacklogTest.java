package org.balintobservatory.support.batch;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.balintobservatory.infrastructure.embedded.Patience;
import org.balintobservatory.support.publishing.KafkaEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publisher's backlog read from a running Axon configuration (an in-memory event store and a tracking processor
 * named as the publisher's), whose one handler is held on its first event: everything stored counts until the
 * handler is let go, then nothing does.
 */
class PublisherBacklogTest {

    private static final int STORED = 5;

    private final CountDownLatch handling = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Configuration axon;

    @AfterEach
    void stop() {
        release.countDown();
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void whatIsStoredAndNotYetHandledIsTheBacklogUntilThePublisherCatchesUp() throws Exception {
        axon = start();
        PublisherBacklog backlog = new PublisherBacklog(() -> axon);
        await().atMost(Patience.scaled(Duration.ofSeconds(30)))
                .until(() -> backlog.events().equals(OptionalLong.of(0)));

        for (int i = 0; i < STORED; i++) {
            axon.eventBus().publish(GenericEventMessage.asEventMessage("event " + i));
        }
        assertThat(handling.await(Patience.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS))
                .as("the publisher's stand-in took the first event").isTrue();
        assertThat(backlog.events()).as("the first event is being handled, none is done").hasValue(STORED);

        release.countDown();
        await().atMost(Patience.scaled(Duration.ofSeconds(30)))
                .until(() -> backlog.events().equals(OptionalLong.of(0)));
    }

    @Test
    void withNoSegmentOfThePublisherRunningHereTheBacklogCannotBeTold() {
        axon = start();
        PublisherBacklog backlog = new PublisherBacklog(() -> axon);
        axon.eventProcessingConfiguration()
                .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow()
                .shutDown();

        assertThat(backlog.events()).isEmpty();
    }

    private Configuration start() {
        return DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP)
                        .registerEventHandler(c -> new HeldHandler(handling, release)))
                .start();
    }

    /** Stands for the publisher: holds its first event until released. */
    @ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
    static final class HeldHandler {
        private final CountDownLatch handling;
        private final CountDownLatch release;

        HeldHandler(CountDownLatch handling, CountDownLatch release) {
            this.handling = handling;
            this.release = release;
        }

        @EventHandler
        void on(String event) throws InterruptedException {
            handling.countDown();
            release.await();
        }
    }
}
