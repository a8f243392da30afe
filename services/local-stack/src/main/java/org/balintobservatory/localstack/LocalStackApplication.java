package org.balintobservatory.localstack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The whole system on one machine with nothing installed: {@code ./mvnw -Plocal-stack package -DskipTests}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalStackApplication {

    public static void main(String[] args) {
        exitWithParent();
        SpringApplication.run(LocalStackApplication.class, args);
    }

    /**
     * Started by Maven, the stack must not outlive it: when Maven is stopped alone, exit, so that the
     * shutdown hooks stop the services and the servers instead of leaving them running.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> {
            Thread watcher = new Thread(() -> {
                parent.onExit().join();
                System.exit(0);
            }, "exit-with-parent");
            watcher.setDaemon(true);
            watcher.start();
        });
    }
}
