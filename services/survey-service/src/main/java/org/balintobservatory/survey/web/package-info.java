/** Who may call what in the survey service. */
package org.balintobservatory.survey.web;
