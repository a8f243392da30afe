package org.balintobservatory.support.web;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;

/** Axon's refusals as {@link Refusals} answers them; loaded only where Axon is on the class path. */
final class AxonRefusals {

    private AxonRefusals() {
    }

    /** The answer, or {@code null} when {@code failure} is none of Axon's refusals. */
    static ProblemDetail answer(Throwable failure) {
        if (failure instanceof AggregateNotFoundException e) {
            return Refusals.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "nothing is recorded under the id " + localId(e.getAggregateIdentifier()), List.of());
        }
        if (failure instanceof IncompatibleAggregateException) {
            return Refusals.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "nothing of this kind is recorded under that id", List.of());
        }
        if (failure instanceof ConcurrencyException) {
            return Refusals.problem(HttpStatus.CONFLICT, "concurrent-change",
                    "Another request changed this resource at the same time", "retry the request", List.of());
        }
        return null;
    }

    /** Aggregate ids are {@code institution/id}; the caller knows only its own part. */
    private static String localId(Object aggregateId) {
        String id = String.valueOf(aggregateId);
        return id.substring(id.indexOf('/') + 1);
    }
}
