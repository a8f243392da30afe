package org.balintobservatory.support.batch;

/**
 * Runs one line exactly as the single request would run. A refusal is thrown (the exceptions
 * {@link org.balintobservatory.support.web.Refusals} answers); what is returned is the line's
 * {@link LineResult#result()}, or {@code null}.
 */
@FunctionalInterface
public interface LineHandler {

    Object run(BatchLine line) throws Exception;
}
