package org.balintobservatory.access.key;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.balintobservatory.personaldata.PseudonymousIds;
import org.balintobservatory.contract.access.KeyRole;
import org.balintobservatory.support.web.NoPersonalData;
import org.balintobservatory.support.web.PseudonymousId;

/** The bodies of the key endpoints. */
public final class KeyRequests {

    /**
     * Says which integration or machine holds a key, not who: letters, digits, spaces and a little
     * punctuation; {@link NoPersonalData} refuses anything in it that identifies a person.
     */
    static final String LABEL = "[A-Za-z0-9 ._,:;/()'-]{1,100}";

    private KeyRequests() {
    }

    /** The body of {@code POST /api/v1/keys}. */
    public record Issue(
            @NotNull KeyRole role,
            @Pattern(regexp = PseudonymousIds.FORMAT, message = "must be 3-64 letters, digits, '.', '_' or '-'")
            @PseudonymousId String institutionId,
            @Size(max = 100) @Pattern(regexp = LABEL, message = "must name an integration or machine in up to 100 "
                    + "letters, digits, spaces and . _ , : ; / ( ) ' -") @NoPersonalData
            String label) {
    }

    /** The reason given with a revocation, under the same rule as a label. */
    static final String REASON = LABEL;
}
