/**
 * Who may call the services: the institutions of the consortium and the API keys issued to them, as the
 * access service records them, and each service's report of when a key was last used.
 *
 * <p>Every service reads {@link org.balintobservatory.contract.Topics#ACCESS_EVENTS} to know which keys
 * it accepts. A key travels only as the SHA-256 hash of its secret; the secret is shown once, to the
 * administrator who issued it.
 */
package org.balintobservatory.contract.access;
