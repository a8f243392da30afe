package org.balintobservatory.analytics.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.balintobservatory.contract.cloudevents.CloudEvent;
import org.balintobservatory.contract.cloudevents.CloudEventCodec;
import org.balintobservatory.contract.cloudevents.MalformedCloudEventException;
import org.balintobservatory.support.cloudevents.CloudEventRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Turns Kafka records into {@link ConsumedEvent}s. An event that cannot be read (not a CloudEvent, or
 * data that does not match its declared type) is logged and skipped: one bad record must not stop every
 * read model. Event types this contract does not know are skipped silently.
 */
public final class EventDecoder {

    private static final Logger log = LoggerFactory.getLogger(EventDecoder.class);

    private final CloudEventCodec codec = new CloudEventCodec();

    /** @param onUnreadable told of every record that was skipped as unreadable */
    public Optional<ConsumedEvent> read(ConsumerRecord<String, byte[]> record, Runnable onUnreadable) {
        try {
            CloudEvent envelope = CloudEventRecords.read(record);
            Optional<Object> payload = codec.payload(envelope);
            if (payload.isEmpty()) {
                log.debug("skipping event type {} at {}-{}@{}", envelope.type(), record.topic(), record.partition(),
                        record.offset());
                return Optional.empty();
            }
            long sequence = envelope.sequence() == null ? -1 : envelope.sequence();
            return Optional.of(new ConsumedEvent(envelope.id(), envelope.subject(), sequence, envelope.time(),
                    payload.get(), envelope.traceparent()));
        } catch (MalformedCloudEventException e) {
            onUnreadable.run();
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
