/**
 * Real servers started inside the JVM, so that the local stack and the integration tests run on a
 * machine with nothing installed: PostgreSQL from Maven Central binaries, a single-node Kafka broker
 * in KRaft mode, and a MongoDB-wire-compatible server.
 *
 * <p>Nothing here is used in production. Every service connects through standard settings
 * ({@code SPRING_DATASOURCE_URL}, {@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI}); when those are
 * present, {@link org.balintobservatory.infrastructure.embedded.InfrastructureEndpoints#resolve} uses
 * them instead of starting anything.
 */
package org.balintobservatory.infrastructure.embedded;
