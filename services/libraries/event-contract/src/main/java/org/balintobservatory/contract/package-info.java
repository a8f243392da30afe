/**
 * The published language between the services: every event that leaves a service, the topic it
 * travels on, and its CloudEvents envelope.
 *
 * <p>Events are plain Java records with no framework or persistence types, so that any consumer can
 * depend on this module, and the JSON on the topics stays readable without it (each event has a JSON
 * Schema under {@code schemas/} and an example in {@code docs/events.md}).
 */
package org.balintobservatory.contract;
