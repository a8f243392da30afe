/**
 * CloudEvents in Kafka records ({@link org.balintobservatory.support.cloudevents.CloudEventRecords}): the
 * CloudEvents SDK's Kafka binding, as every publisher and reader of the services uses it.
 */
package org.balintobservatory.support.cloudevents;
