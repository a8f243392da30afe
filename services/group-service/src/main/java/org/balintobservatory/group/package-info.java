/**
 * The group service: one Axon aggregate per programme ({@code programme}) and per Balint group
 * ({@code group}), each an event stream in PostgreSQL, published to Kafka by the service-support
 * publisher. Identifiers are chosen by the school and scoped to its institution: the aggregate id is
 * {@code {institutionId}/{id}}.
 */
package org.balintobservatory.group;
