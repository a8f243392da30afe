/**
 * The API keys an administrator issued through the access service, as every service learns them from
 * {@link org.balintobservatory.contract.Topics#ACCESS_EVENTS}, and the last-used reports every service
 * sends on {@link org.balintobservatory.contract.Topics#KEY_USAGE}.
 *
 * <p>Each service reads both topics from the beginning at start-up, before it accepts requests, and
 * keeps following them, so a revocation takes effect everywhere within a poll interval. A key a service
 * does not know yet is looked up once more after reading the topic to its current end, so a key works at
 * every service as soon as the access service has answered its issue request.
 */
package org.balintobservatory.support.access.registry;
