package org.balintobservatory.support.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.context.WebServerPortFileWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.FormContentFilter;

/**
 * Problem details for every refused request of every service, the headers every answer carries, and JSON
 * read exactly as written.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication
public class WebAutoConfiguration {

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** An answer that fails after it began is broken off, whatever the failure's causes look like. */
    @Bean
    BrokenOffAnswers brokenOffAnswers() {
        return new BrokenOffAnswers();
    }

    /** The AsyncAPI description of the topics, next to the OpenAPI description. */
    @Bean
    AsyncApiController asyncApiController(ObjectMapper mapper) {
        return new AsyncApiController(mapper);
    }

    /**
     * Writes the port the service listens on to {@code balint.port-file} once it listens. A launcher that
     * starts the service on port 0 ({@code server.port=0}) reads its port there: the system picked it as the
     * service bound it, so no other program can have taken it in between (the local stack's ServiceInstance).
     */
    @Bean
    @ConditionalOnProperty("balint.port-file")
    WebServerPortFileWriter portFileWriter(@Value("${balint.port-file}") String portFile) {
        return new WebServerPortFileWriter(portFile);
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Spring Boot's filter that reads a form sent with PUT, PATCH or DELETE as request parameters, switched off:
     * no route takes one, and it decodes the body before any key is checked and fails with 500 on a broken
     * escape ({@code x=%zz}). Declaring it here keeps Spring Boot from adding its own; the disabled
     * registration keeps the container from running it.
     */
    @Bean
    FormContentFilter formContentFilter() {
        return new FormContentFilter();
    }

    @Bean
    FilterRegistrationBean<FormContentFilter> formContentFilterRegistration(FormContentFilter filter) {
        FilterRegistrationBean<FormContentFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** The container's own error answers (before any filter runs) as problem details with the same headers. */
    @Bean
    @ConditionalOnClass(Tomcat.class)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(ProblemErrorReportValve::install);
            }
        };
    }

    /** Every service's JSON is read strictly, the bodies it is sent and the events it stored alike. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .postConfigurer(WebAutoConfiguration::refuseCoercion);
    }

    /**
     * A value of the wrong JSON type is refused, never converted: {@code "label": 1.5} or {@code true} is not
     * a string, {@code "size": "8"} or {@code 8.5} not a whole number, {@code "on": 20260105} not a date.
     * ({@link MapperFeature#ALLOW_COERCION_OF_SCALARS} covers numbers, booleans and dates; strings need
     * their own rule.) An integer where a decimal is expected stays accepted: {@code 1} is {@code 1.0}.
     */
    static void refuseCoercion(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
