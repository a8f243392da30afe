package org.balintobservatory.support.audit;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Records which API key issued each command, in the metadata of every event it produced. Configured after
 * Axon's own auto-configuration so that Axon still registers its default correlation data (correlation
 * and trace ids) next to this one.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(name = "org.axonframework.commandhandling.CommandBus")
@ConditionalOnBean(CommandBus.class)
public class AuditAutoConfiguration {

    /** The metadata key holding the issuing API key's public id. */
    public static final String KEY_ID = "keyId";

    @Bean
    CorrelationDataProvider keyIdCorrelation() {
        return new SimpleCorrelationDataProvider(KEY_ID);
    }

    @Bean
    InitializingBean auditCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new CallerMetadataInterceptor());
    }
}
