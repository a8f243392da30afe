/** Who may call what, and the problem details only the survey service needs. */
package org.balintobservatory.survey.web;
