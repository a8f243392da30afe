package org.balintobservatory.support.tracing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The trace of a write through Axon: a span per command ({@link CommandSpans}) and the trace context in the
 * metadata of every event stored ({@link TraceCorrelation}). Configured after Axon's own auto-configuration, as
 * the audit's key id is, so that Axon still registers its default correlation data next to this.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(name = "org.axonframework.commandhandling.CommandBus")
@ConditionalOnBean(CommandBus.class)
public class CommandTracingAutoConfiguration {

    @Bean
    CorrelationDataProvider traceCorrelation(MessageTracing tracing) {
        return new TraceCorrelation(tracing);
    }

    @Bean
    InitializingBean traceCommands(CommandBus commandBus, MessageTracing tracing) {
        CommandSpans spans = new CommandSpans(tracing);
        return () -> {
            commandBus.registerDispatchInterceptor(spans);
            commandBus.registerHandlerInterceptor(spans);
        };
    }
}
