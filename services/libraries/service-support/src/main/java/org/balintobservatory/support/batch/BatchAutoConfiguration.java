package org.balintobservatory.support.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The batch runner every batch endpoint answers with. */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, ValidationAutoConfiguration.class})
@ConditionalOnWebApplication
@EnableConfigurationProperties(BatchProperties.class)
public class BatchAutoConfiguration {

    @Bean
    BatchRunner batchRunner(BatchProperties properties, ObjectMapper mapper, Validator validator) {
        return new BatchRunner(properties, mapper, validator);
    }
}
