package org.balintobservatory.support.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The command gateway of every command-side service: Axon's, with {@link RaceRetryScheduler}, so that
 * several instances of a service writing one event store settle races for an aggregate among themselves.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(name = "org.axonframework.commandhandling.gateway.CommandGateway")
public class CommandAutoConfiguration {

    /** Retries after a lost race: a handful is plenty, since each attempt sees the winner's events. */
    private static final int MAX_RETRIES = 3;

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
