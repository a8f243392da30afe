package org.balintobservatory.support.access;

/**
 * The authenticated caller of a request. Controllers take the institution from here, never from the
 * request body, so a school cannot write into another school's data by naming it.
 *
 * @param keyId         the API key's public id, recorded with every command for audit
 * @param institutionId the institution the key belongs to ({@code null} for researchers and admins)
 * @param role          what the key may do
 */
public record Caller(String keyId, String institutionId, Role role) {

    /** The request attribute {@link ApiKeyFilter} stores the caller under. */
    public static final String ATTRIBUTE = Caller.class.getName();

    /** The caller's institution, refusing a key that has none (a researcher's or an admin's). */
    public String requireInstitution() {
        if (institutionId == null) {
            throw new ForbiddenException("a " + role + " key belongs to no institution; use a SCHOOL key");
        }
        return institutionId;
    }
}
