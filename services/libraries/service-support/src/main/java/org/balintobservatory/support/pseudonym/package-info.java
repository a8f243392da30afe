/** Keyed pseudonyms for participant ids, computed where a request is read and before any command is built. */
package org.balintobservatory.support.pseudonym;
