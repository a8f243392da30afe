/**
 * Events of the group service: programmes, Balint groups and their declared design, membership, and
 * sessions with attendance. Participants appear only by pseudonymous id; nothing about patients is
 * ever carried.
 */
package org.balintobservatory.contract.group;
