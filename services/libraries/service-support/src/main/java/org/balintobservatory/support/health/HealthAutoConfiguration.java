package org.balintobservatory.support.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.balintobservatory.support.publishing.KafkaConnectionProperties;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's reachability as a health indicator named {@code kafka}, for every service: each one's readiness
 * group includes it (application.yml), next to Spring Boot's {@code db}. And, for a web service, 503 instead
 * of 500 for a request that failed because such a server did not answer ({@link UnavailableDependency}).
 */
@AutoConfiguration
@ConditionalOnClass({HealthIndicator.class, Admin.class})
@ConditionalOnProperty(prefix = "balint.health.kafka", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(KafkaConnectionProperties.class)
public class HealthAutoConfiguration {

    @Bean(destroyMethod = "close")
    ReachabilityHealthIndicator kafkaHealthIndicator(KafkaConnectionProperties kafka) {
        int timeout = (int) ReachabilityHealthIndicator.TIMEOUT.toMillis();
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        return new ReachabilityHealthIndicator("kafka", () -> admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                .nodes().get(timeout, TimeUnit.MILLISECONDS), admin, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnWebApplication
    UnavailableDependency unavailableDependency(ObjectMapper json) {
        return new UnavailableDependency(json);
    }
}
