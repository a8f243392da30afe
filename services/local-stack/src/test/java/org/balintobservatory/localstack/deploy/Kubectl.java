package org.balintobservatory.localstack.deploy;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Renders a Kustomize directory with the tool an operator applies it with, {@code kubectl kustomize}, so what the
 * checks read is exactly what reaches the cluster. {@code .ci/run} installs kubectl from Debian; on a developer's
 * machine without it the deployment checks are skipped and say why, in CI they fail.
 */
final class Kubectl {

    private Kubectl() {
    }

    /** Every object of the rendered directory, in kustomize's order. */
    static List<Map<String, Object>> kustomize(Path directory) {
        return run("kubectl", "kustomize", directory.toString()).stream().map(Yamls::map).toList();
    }

    private static List<Object> run(String... command) {
        try {
            Process process = start(command);
            // Read both streams at once: a full stderr pipe would otherwise stall the process.
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process, true));
            String output = read(process, false);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "): " + errors.join());
            }
            return Yamls.loadAll(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }

    /** Starts the command; where kubectl is missing, outside CI, the calling test is skipped and says why. */
    private static Process start(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            if (!"true".equals(System.getenv("CI"))) {
                Assumptions.abort(command[0] + " is not installed (apt-get install kubectl; .ci/run installs it): "
                        + "the manifests are checked as kubectl renders them");
            }
            throw e;
        }
    }

    private static String read(Process process, boolean errors) {
        try {
            return new String((errors ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
