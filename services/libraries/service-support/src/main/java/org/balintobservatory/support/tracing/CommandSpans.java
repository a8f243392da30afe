package org.balintobservatory.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A span per handled command, in the trace of the request that sent it.
 *
 * <p>Dispatching adds the current trace context to the command's metadata; handling starts the span
 * {@code command <CommandType>} as its child and keeps it current while the aggregate decides, so the events it
 * applies carry it ({@link TraceCorrelation}). The span ends when the unit of work is cleaned up, after the events
 * are stored or the command refused. A command sent again after a lost race ({@code RaceRetryScheduler}, on another
 * thread) finds its trace in the metadata and gets a second span in the same trace.
 *
 * <p>The span names the command's type, never its content: aggregate ids can hold a participant's pseudonym.
 */
public class CommandSpans implements MessageDispatchInterceptor<CommandMessage<?>>,
        MessageHandlerInterceptor<CommandMessage<?>> {

    /** The attribute naming the command's type, e.g. {@code EnrolParticipantCommand}. */
    public static final String COMMAND_TYPE = "command.type";

    private final MessageTracing tracing;

    public CommandSpans(MessageTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            String traceparent = tracing.currentTraceparent();
            return traceparent == null ? command : command.andMetaData(Map.of(MessageTracing.TRACEPARENT, traceparent));
        };
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Tracer tracer = tracing.tracer();
        String type = command.getPayloadType().getSimpleName();
        Object carried = command.getMetaData().get(MessageTracing.TRACEPARENT);
        Span span = tracing.continuing(carried instanceof String s ? s : null).orElseGet(tracer::spanBuilder)
                .name("command " + type)
                .tag(COMMAND_TYPE, type)
                .start();
        unitOfWork.onRollback(u -> {
            Throwable failure = u.getExecutionResult() == null ? null : u.getExecutionResult().getExceptionResult();
            if (failure != null) {
                span.error(failure);
            }
        });
        unitOfWork.onCleanup(u -> span.end());
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return chain.proceed();
        }
    }
}
