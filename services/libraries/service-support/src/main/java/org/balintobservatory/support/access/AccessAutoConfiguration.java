package org.balintobservatory.support.access;

import org.balintobservatory.contract.Topics;
import org.balintobservatory.support.access.registry.KeyRegistry;
import org.balintobservatory.support.access.registry.KeyRegistryProperties;
import org.balintobservatory.support.access.registry.KeyUsageReporter;
import org.balintobservatory.support.publishing.KafkaConnectionProperties;
import org.balintobservatory.support.publishing.TopicProvisioner;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/**
 * API keys (configured and issued), access rules, canonical paths, rate and size limits for every service's
 * HTTP API.
 */
@AutoConfiguration(before = MultipartAutoConfiguration.class)
@ConditionalOnWebApplication
@EnableConfigurationProperties({ApiKeyProperties.class, AccessProperties.class, KeyRegistryProperties.class,
        KafkaConnectionProperties.class})
public class AccessAutoConfiguration {

    @Bean
    ApiKeys apiKeys(ApiKeyProperties properties, ObjectProvider<KeyRegistry> registry,
                    ObjectProvider<KeyUsageReporter> usage) {
        return new ApiKeys(properties, registry.getIfAvailable(), usage.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "balint.security.registry", name = "enabled", matchIfMissing = true)
    KeyRegistry keyRegistry(KafkaConnectionProperties kafka, KeyRegistryProperties registry) {
        TopicProvisioner.ensureTopics(kafka, List.of(Topics.ACCESS_EVENTS, Topics.KEY_USAGE));
        KeyRegistry keys = new KeyRegistry(kafka.bootstrapServers(), registry.catchUpTimeout());
        keys.start(registry.startupTimeout());
        return keys;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "balint.security.registry", name = "enabled", matchIfMissing = true)
    KeyUsageReporter keyUsageReporter(KafkaConnectionProperties kafka, KeyRegistryProperties registry,
                                      KeyRegistry keys, @Value("${spring.application.name}") String service) {
        return new KeyUsageReporter(kafka.bootstrapServers(), service, registry.usageInterval(), Clock.systemUTC())
                .mergingReportsFrom(keys);
    }

    /** First of the access filters: every request counts against a rate, whatever else is wrong with it. */
    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, AccessProperties access) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys,
                new RateLimiter(access.requestsPerSecond(), access.burst(), Clock.systemUTC())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPathFilter() {
        FilterRegistrationBean<CanonicalPathFilter> registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter() {
        FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(new ContentTypeFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 17);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(AccessProperties access) {
        FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(new RequestSizeFilter(
                access.maxBodySize().toBytes(), access.maxBatchBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Multipart bodies are parsed only when a handler asks for a part, so never before the access rules have
     * run ({@link MultipartInterceptor}), and never for a route that does not take them.
     */
    @Bean
    StandardServletMultipartResolver multipartResolver() {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver();
        resolver.setResolveLazily(true);
        return resolver;
    }

    /**
     * A multipart body is an upload, so it is bounded as one ({@code max-batch-body-size}) while it is parsed:
     * the container counts what it reads, whether or not a length was declared.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(AccessProperties access) {
        long max = access.maxBatchBodySize().toBytes();
        return new MultipartConfigElement(null, max, max, 0);
    }

    @Bean
    WebMvcConfigurer accessRules() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AccessInterceptor());
                registry.addInterceptor(new MultipartInterceptor());
            }
        };
    }

    /** Reports DOWN while the issued keys cannot be followed, so a revocation would not reach this service. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnProperty(prefix = "balint.security.registry", name = "enabled", matchIfMissing = true)
    static class KeyRegistryHealth {

        @Bean
        HealthIndicator keyRegistryHealthIndicator(KeyRegistry registry) {
            return () -> registry.isFollowing()
                    ? Health.up().build()
                    : Health.down().withDetail("reason", "the key topics cannot be read; revocations may not arrive")
                            .build();
        }
    }
}
