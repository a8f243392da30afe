/**
 * The wire format on the topics: CloudEvents 1.0 in structured JSON mode, readable by any consumer
 * without this code (see {@code docs/events.md}).
 */
package org.balintobservatory.contract.cloudevents;
