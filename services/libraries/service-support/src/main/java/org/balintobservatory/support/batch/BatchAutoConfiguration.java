package org.balintobservatory.support.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.balintobservatory.support.publishing.KafkaConnectionProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/**
 * The batch runner every batch endpoint answers with; in a service with Axon on a JDBC store its lines share
 * transactions ({@link UnitOfWorkLineTransactions}), elsewhere each line has its own; and the admission that
 * refuses batches while the analytics projection is too far behind ({@link BatchAdmission}).
 */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, ValidationAutoConfiguration.class},
        afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@ConditionalOnWebApplication
@EnableConfigurationProperties({BatchProperties.class, BackpressureProperties.class, KafkaConnectionProperties.class})
public class BatchAutoConfiguration {

    @Bean
    BatchRunner batchRunner(BatchProperties properties, ObjectMapper mapper, Validator validator,
                            ObjectProvider<LineTransactions> transactions, ObjectProvider<Clock> clock) {
        return new BatchRunner(properties, mapper, validator, transactions.getIfAvailable(() -> LineTransactions.NONE),
                clock.getIfUnique(Clock::systemUTC));
    }

    /** The projection's lag as Kafka tells it, unless the application gives its own. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ProjectionLag.class)
    KafkaProjectionLag projectionLag(KafkaConnectionProperties kafka, BackpressureProperties properties) {
        return new KafkaProjectionLag(kafka.bootstrapServers(), properties);
    }

    @Bean
    BatchAdmission batchAdmission(BackpressureProperties properties, ProjectionLag lag,
                                  ObjectProvider<UnpublishedEvents> unpublished, ObjectProvider<Clock> clock) {
        return new BatchAdmission(properties, lag, unpublished.getIfUnique(() -> UnpublishedEvents.UNKNOWN),
                clock.getIfUnique(Clock::systemUTC));
    }

    /** In a service that publishes its events: how far its publisher is behind its event store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.axonframework.config.Configuration")
    @ConditionalOnProperty(prefix = "balint.publishing", name = "source")
    static class Publishing {

        @Bean
        PublisherBacklog publisherBacklog(ObjectProvider<org.axonframework.config.Configuration> axon) {
            return new PublisherBacklog(axon::getObject);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.axonframework.messaging.unitofwork.DefaultUnitOfWork",
            "org.axonframework.common.jdbc.ConnectionProvider",
            "org.springframework.transaction.PlatformTransactionManager"})
    static class SharedTransactions {

        @Bean
        @ConditionalOnBean({PlatformTransactionManager.class, ConnectionProvider.class})
        LineTransactions lineTransactions(PlatformTransactionManager transactions, ConnectionProvider connections) {
            return new UnitOfWorkLineTransactions(transactions, connections);
        }
    }
}
