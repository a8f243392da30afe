/**
 * The local stack: starts the infrastructure in-process ({@link org.balintobservatory.localstack.LocalInfrastructure}),
 * runs every service as its own process from its packaged jar, exactly as in production
 * ({@link org.balintobservatory.localstack.ServiceProcesses}), and serves them behind one base URL
 * ({@link org.balintobservatory.localstack.Gateway}).
 */
package org.balintobservatory.localstack;
