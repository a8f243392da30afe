package org.balintobservatory.support.web;

import org.balintobservatory.support.domain.ConflictException;
import org.balintobservatory.support.domain.RuleViolationException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for refusals in aggregate fixture tests: which field broke which named rule. */
public final class RuleMatchers {

    private RuleMatchers() {
    }

    public static Matcher<RuleViolationException> violates(String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolationException e) {
                return e.field().equals(field) && e.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a violation of rule " + rule + " by field " + field);
            }

            @Override
            protected void describeMismatchSafely(RuleViolationException e, Description mismatch) {
                mismatch.appendText("rule " + e.rule() + " by field " + e.field() + ": " + e.getMessage());
            }
        };
    }

    public static Matcher<ConflictException> conflictStoring(String key, Object value) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ConflictException e) {
                return value.equals(e.stored().get(key));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a conflict whose stored summary has " + key + "=" + value);
            }

            @Override
            protected void describeMismatchSafely(ConflictException e, Description mismatch) {
                mismatch.appendText("stored " + e.stored());
            }
        };
    }
}
