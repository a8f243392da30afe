/**
 * The local stack: starts the infrastructure in-process ({@link org.balintobservatory.localstack.LocalInfrastructure}),
 * runs every service as its own process from its packaged jar, exactly as in production
 * ({@link org.balintobservatory.localstack.ServiceProcesses}), and serves them behind one base URL
 * ({@link org.balintobservatory.localstack.Gateway}).
 *
 * <h2>Cluster mode</h2>
 * {@code --local-stack.instances=N} runs N processes of every service, each on its own port, against the same
 * PostgreSQL databases, Kafka broker and read-model store, as N replicas of a Deployment would. The gateway
 * sends each request to the next instance, in turn, of the ready ones (UP, and not three failed health checks in
 * a row since: {@link org.balintobservatory.localstack.ServiceInstance#ready()}); a GET or
 * HEAD that fails on one instance is sent to the next, a write only when its connection was refused (not a
 * byte of it was sent) — a write that broke after it was sent is answered 503, and the client retries it
 * with the same ids ({@link org.balintobservatory.localstack.Balancer}). Tests find every instance's own URL
 * with {@link org.balintobservatory.localstack.LocalStack#instanceUrls()}.
 *
 * <h2>Supervision</h2>
 * A monitor checks every instance's {@code /actuator/health} once a second. The launcher restarts a service
 * process that died by itself, as Kubernetes restarts a container whose process exited: the death is logged
 * as a warning with the exit code and the log file, and the process is started again on the same port after
 * 1 s, then 2, 4, 8, 16 and at most 30 s for each death in a row (an instance that stayed UP for a minute
 * starts again from 1 s), so that a service that cannot start does not take the machine's cores in a loop.
 * Until it is UP again, the stack's health is DOWN and names the instance EXITED or STARTING, and the gateway
 * sends its requests to the other instances, or answers 503 with {@code Retry-After} when none is left.
 * Restarting by itself, rather than when asked, is what lets a school's integration recover without anyone
 * at the console, and what production's orchestrator does anyway. Tests kill, stop and start a given
 * instance through {@link org.balintobservatory.localstack.ServiceProcesses#kill},
 * {@link org.balintobservatory.localstack.ServiceProcesses#stop} (which holds it down until
 * {@link org.balintobservatory.localstack.ServiceProcesses#start}) and wait with
 * {@link org.balintobservatory.localstack.ServiceProcesses#awaitUp}.
 *
 * <h2>Fault injection</h2>
 * {@link org.balintobservatory.localstack.LocalInfrastructure} gives tests the embedded PostgreSQL, Kafka
 * broker and MongoDB-wire server, each of which stops and starts again in place (same port, same data);
 * with {@code --local-stack.fault-injection=true} clients reach the broker through a relay that can hold every
 * byte, so a test can make the broker hang. The fault-injection run and the promises it checks are in
 * docs/reliability.md.
 */
package org.balintobservatory.localstack;
