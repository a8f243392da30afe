package org.balintobservatory.survey.consent;

import java.util.HashSet;
import java.util.Set;

/** The consent register of the aggregate tests, without a database. */
public class InMemoryConsentRegister implements ConsentRegister {

    private final Set<String> withdrawn = new HashSet<>();

    @Override
    public void record(String institutionId, String participantId, boolean withdrawn) {
        if (withdrawn) {
            this.withdrawn.add(institutionId + "/" + participantId);
        } else {
            this.withdrawn.remove(institutionId + "/" + participantId);
        }
    }

    @Override
    public boolean isWithdrawn(String institutionId, String participantId) {
        return withdrawn.contains(institutionId + "/" + participantId);
    }
}
