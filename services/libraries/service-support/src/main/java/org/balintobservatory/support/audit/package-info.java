/**
 * Audit: every command carries the id of the API key that issued it, and Axon copies it into the
 * metadata of every event the command produces, stored next to the event in the event store.
 */
package org.balintobservatory.support.audit;
