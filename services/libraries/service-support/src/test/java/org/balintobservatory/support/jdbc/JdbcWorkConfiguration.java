package org.balintobservatory.support.jdbc;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import javax.sql.DataSource;

/**
 * Puts {@link JdbcWork} under a service's data source in its integration tests, counting on every HTTP request's
 * thread (and on any thread a test marks itself), so a test reads what a request cost the database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class JdbcWorkConfiguration {

    /** Counted for the whole test run: tests read differences, so one shared counter serves them all. */
    static final JdbcWork WORK = new JdbcWork();

    @Bean
    JdbcWork jdbcWork() {
        return WORK;
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? WORK.wrap(dataSource) : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> countingRequests() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                (request, response, chain) -> {
                    try {
                        WORK.counting(() -> {
                            chain.doFilter(request, response);
                            return null;
                        });
                    } catch (java.io.IOException | jakarta.servlet.ServletException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
