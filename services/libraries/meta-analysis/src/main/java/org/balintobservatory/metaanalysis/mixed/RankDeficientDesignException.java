package org.balintobservatory.metaanalysis.mixed;

import java.util.List;

/**
 * The fixed-effects design is rank deficient: {@code X'V^-1 X} is singular, so some terms are
 * linear combinations of the others (lme4 drops them with "fixed-effect model matrix is rank
 * deficient"; here the caller decides).
 */
public class RankDeficientDesignException extends IllegalArgumentException {

    private final transient List<String> aliasedTerms;

    /** @param aliasedTerms the terms that are linear combinations of the terms before them */
    public RankDeficientDesignException(List<String> aliasedTerms) {
        super("the fixed-effects design is rank deficient; aliased terms: " + String.join(", ", aliasedTerms));
        this.aliasedTerms = List.copyOf(aliasedTerms);
    }

    /** @return the terms that are linear combinations of the terms before them, in design order */
    public List<String> aliasedTerms() {
        return aliasedTerms;
    }
}
