package org.balintobservatory.localstack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The whole system on one machine with nothing installed: {@code ./mvnw -Plocal-stack package -DskipTests}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalStackApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalStackApplication.class, args);
    }
}
