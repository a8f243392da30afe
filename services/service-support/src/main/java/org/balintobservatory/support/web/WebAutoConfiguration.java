package org.balintobservatory.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Problem details and the {@link Caller} parameter for every service's controllers. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(ApiKeyProperties.class)
public class WebAutoConfiguration {

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    WebMvcConfigurer callerResolution(ApiKeyProperties keys) {
        CallerArgumentResolver resolver = new CallerArgumentResolver(keys);
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }
}
