/**
 * A participant's consent as the survey service remembers it: a withdrawal retracts their responses and
 * refuses new ones until consent is recorded again.
 */
package org.balintobservatory.survey.consent;
