/**
 * Traces across the whole flow of a write: the HTTP request (Spring's observation), the command and the events it
 * stored (Axon metadata), the Kafka record (the CloudEvent's {@code traceparent}) and the projection that applies
 * it, on Micrometer Tracing with OpenTelemetry. What a span may carry out of a service is decided in one place,
 * {@link org.balintobservatory.support.tracing.PrivateSpanExporter}; see {@code docs/operations.md#traces}.
 */
package org.balintobservatory.support.tracing;
