/**
 * The wire format on the topics: CloudEvents 1.0 in structured JSON mode, readable by any consumer
 * without this code (see {@code docs/events.md}). The envelope and its JSON are the CloudEvents SDK's; the Kafka
 * binding that puts it in a record is service-support's {@code CloudEventRecords}.
 */
package org.balintobservatory.contract.cloudevents;
