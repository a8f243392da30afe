package org.balintobservatory.localstack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Which instance of a service the gateway tries first, and whether it may try another: round-robin over the
 * instances whose last health check was UP, as a Kubernetes Service balances over ready endpoints.
 *
 * <p>A request that failed on one instance is sent to the next only when that cannot apply it twice:
 * a GET or HEAD always (they change nothing), any other method only when the connection was refused or
 * could not be opened, so that not a byte of it reached the instance. A write that failed after it was sent
 * may have been applied; the client, not the gateway, retries it with the same ids, which the services
 * answer as already done.
 */
final class Balancer {

    private final Function<ServiceDefinition, List<ServiceInstance>> instances;
    private final Map<ServiceDefinition, AtomicInteger> next = new ConcurrentHashMap<>();

    Balancer(Function<ServiceDefinition, List<ServiceInstance>> instances) {
        this.instances = instances;
    }

    /** The ready instances of a service in the order to try them; empty when none is ready. */
    List<ServiceInstance> candidates(ServiceDefinition service) {
        List<ServiceInstance> ready = instances.apply(service).stream().filter(ServiceInstance::ready).toList();
        if (ready.size() <= 1) {
            return ready;
        }
        int first = Math.floorMod(next.computeIfAbsent(service, s -> new AtomicInteger()).getAndIncrement(),
                ready.size());
        List<ServiceInstance> ordered = new ArrayList<>(ready.subList(first, ready.size()));
        ordered.addAll(ready.subList(0, first));
        return ordered;
    }

    /** Whether a request that failed with this exception may be sent to another instance. */
    static boolean mayRetryElsewhere(String method, IOException failure) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        return failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
    }
}
