package org.balintobservatory.support.audit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.balintobservatory.support.access.Caller;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Adds the calling key's id to each command dispatched while handling an HTTP request, as metadata
 * {@value AuditAutoConfiguration#KEY_ID}. Only the key's public id: never the key, never a person.
 */
public class CallerMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            Object caller = request == null ? null : request.getAttribute(Caller.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (caller instanceof Caller c && c.keyId() != null) {
                return command.andMetaData(Map.of(AuditAutoConfiguration.KEY_ID, c.keyId()));
            }
            return command;
        };
    }
}
