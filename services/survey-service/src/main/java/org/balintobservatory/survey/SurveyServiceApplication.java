package org.balintobservatory.survey;

import org.balintobservatory.survey.unit.UnitProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Scores validated questionnaires the same way for every institution and stores them as events. */
@SpringBootApplication
@EnableConfigurationProperties(UnitProperties.class)
public class SurveyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SurveyServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
