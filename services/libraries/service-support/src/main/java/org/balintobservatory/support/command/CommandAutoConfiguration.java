package org.balintobservatory.support.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How several instances of a command-side service writing one event store settle races for an aggregate
 * among themselves: the event store recognises a unique-index violation as a lost race
 * ({@link UniqueViolations}), and the command gateway sends such a command again ({@link RaceRetryScheduler}).
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@ConditionalOnClass(name = "org.axonframework.commandhandling.gateway.CommandGateway")
public class CommandAutoConfiguration {

    /** Retries after a lost race: a handful is plenty, since each attempt sees the winner's events. */
    private static final int MAX_RETRIES = 3;

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "org.axonframework.common.jdbc.PersistenceExceptionResolver")
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolations();
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "command-race-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    @ConditionalOnMissingBean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new RaceRetryScheduler(commandRetryExecutor, MAX_RETRIES))
                .build();
    }
}
