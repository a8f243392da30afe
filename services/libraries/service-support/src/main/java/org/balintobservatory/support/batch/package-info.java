/**
 * The one batch protocol of every batch endpoint (and of every upload that turns into lines): a body of
 * lines, each run through the same commands as the single request and answered as it would be (consecutive
 * lines share a transaction, {@link org.balintobservatory.support.batch.LineTransactions}), as NDJSON with one
 * {@link org.balintobservatory.support.batch.LineResult} per non-blank line, under one limit
 * ({@link org.balintobservatory.support.batch.BatchProperties}). The protocol is described once, in
 * {@code docs/batches.md}.
 */
package org.balintobservatory.support.batch;
