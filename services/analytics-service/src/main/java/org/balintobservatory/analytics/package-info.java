/**
 * The analytics service: {@code ingest} consumes the CloudEvents topics and hands each batch to the
 * projections; each feature package ({@code group}, ...) owns its read model in MongoDB and the API
 * that answers from it.
 */
package org.balintobservatory.analytics;
