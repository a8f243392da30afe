package org.balintobservatory.support.access;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/** API keys, access rules, rate and size limits for every service's HTTP API. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties({ApiKeyProperties.class, AccessProperties.class})
public class AccessAutoConfiguration {

    @Bean
    ApiKeys apiKeys(ApiKeyProperties properties) {
        return new ApiKeys(properties);
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(AccessProperties access) {
        FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(new RequestSizeFilter(
                access.maxBodySize().toBytes(), access.maxBatchBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, AccessProperties access) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys,
                new RateLimiter(access.requestsPerSecond(), access.burst(), Clock.systemUTC())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
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
            }
        };
    }
}
