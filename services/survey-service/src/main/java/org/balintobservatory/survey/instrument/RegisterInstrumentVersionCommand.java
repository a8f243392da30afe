package org.balintobservatory.survey.instrument;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * @param instrumentId    the instrument, which is also the aggregate id
 * @param key             the key to register; version 0 asks for the next free version
 * @param builtInVersions the versions this deployment ships for the same id, which stored versions continue
 */
public record RegisterInstrumentVersionCommand(
        @TargetAggregateIdentifier String instrumentId,
        InstrumentKey key,
        List<InstrumentKey> builtInVersions) {
}
