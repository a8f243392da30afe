/**
 * What every service does the same way, switched on by Spring Boot auto-configuration when a service
 * depends on this module: problem details for refused requests ({@code web}), the calling institution
 * ({@code web}), the Axon event store schema ({@code eventstore}) and the Kafka publisher
 * ({@code publishing}).
 */
package org.balintobservatory.support;
