/**
 * What every service does the same way, switched on by Spring Boot auto-configuration when a service
 * depends on this module: the refusals and date rules aggregates and policies share ({@code domain}, plain
 * Java), problem details for refused requests ({@code web}, one translation in {@code Refusals}), the batch
 * protocol of every batch endpoint ({@code batch}), API keys and access rules ({@code access}), the Axon event
 * store schema ({@code eventstore}), the Kafka publisher ({@code publishing}) and the one loop every Kafka
 * reader runs ({@code consuming}).
 */
package org.balintobservatory.support;
