package org.balintobservatory.localstack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import sun.misc.Signal;

/** The whole system on one machine with nothing installed: {@code ./mvnw -Plocal-stack package -DskipTests}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalStackApplication {

    public static void main(String[] args) {
        exitWithParent();
        stopCleanlyOnSignals();
        SpringApplication.run(LocalStackApplication.class, args);
    }

    /**
     * Ctrl-C (SIGINT) and {@code kill} (SIGTERM) are how a user stops the stack: a normal stop, so the JVM
     * exits with 0 after its shutdown hooks have stopped the services and servers, not with 130 or 143, which
     * Maven's exec plugin would report as a failed build.
     */
    private static void stopCleanlyOnSignals() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException e) {
                // Not a signal on this operating system: the JVM's default handling stays.
            }
        }
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
