/**
 * The AsyncAPI 3.0 description of every topic, generated from the contract itself (the topic catalogue,
 * the event catalogue and the JSON Schemas), so it cannot say anything the contract does not.
 */
package org.balintobservatory.contract.asyncapi;
