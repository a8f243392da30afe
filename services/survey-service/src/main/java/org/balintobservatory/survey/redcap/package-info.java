/**
 * The REDCap connector: a school's REDCap project mapped onto an instrument, pulled on demand and on a
 * schedule through REDCap's Export Records API, and pushed record by record by REDCap's Data Entry Trigger
 * (docs/redcap.md).
 */
package org.balintobservatory.survey.redcap;
