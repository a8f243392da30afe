package org.balintobservatory.support.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field and rule names for what Jackson refused, the same for a single request and for one line of a
 * batch: {@code unknown-field}, {@code duplicate-field}, {@code wrong-type}, {@code malformed},
 * {@code malformed-json}.
 */
public final class JsonProblems {

    /** How Jackson's strict duplicate detection names the field it met twice. */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    private JsonProblems() {
    }

    /**
     * Which field of an unreadable body was wrong, and how. A value Jackson hands to another parser (a date
     * to java.time, say) fails deepest in that parser, which knows no field; the field then comes from the
     * outermost Jackson exception, which does.
     */
    public static FieldError describeUnreadable(Throwable failure) {
        Throwable deepest = failure;
        JsonMappingException outermost = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (outermost == null && cause instanceof JsonMappingException m) {
                outermost = m;
            }
            deepest = cause;
        }
        if (outermost == null || deepest instanceof JacksonException) {
            return describe(deepest);
        }
        String message = outermost instanceof InvalidFormatException f && f.getTargetType() != null
                ? "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName()
                : "the value cannot be read";
        return new FieldError(path(outermost), "wrong-type", message);
    }

    /** Which field of the JSON was wrong, and how. */
    public static FieldError describe(Throwable cause) {
        if (cause instanceof StreamReadException r && r.getOriginalMessage() != null) {
            Matcher duplicate = DUPLICATE.matcher(r.getOriginalMessage());
            if (duplicate.find()) {
                String field = r.getProcessor() != null
                        ? path(r.getProcessor().getParsingContext()) : duplicate.group(1);
                return new FieldError(field, "duplicate-field",
                        "'" + duplicate.group(1) + "' is given more than once; send each field once");
            }
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return new FieldError(path(u), "unknown-field", "'" + u.getPropertyName() + "' is not a field of this request");
        }
        if (cause instanceof InvalidFormatException f) {
            return new FieldError(path(f), "wrong-type", "'" + f.getValue() + "' is not a valid "
                    + f.getTargetType().getSimpleName());
        }
        if (cause instanceof MismatchedInputException m) {
            String target = m.getTargetType() == null ? "value" : m.getTargetType().getSimpleName();
            return new FieldError(path(m), "wrong-type", "expected " + target);
        }
        if (cause instanceof JsonMappingException j) {
            return new FieldError(path(j), "malformed", j.getOriginalMessage());
        }
        return new FieldError("", "malformed-json", "not valid JSON");
    }

    /** Where the parser stands, as {@code attendance[1].status}. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, (path.isEmpty() || path.charAt(0) == '[' ? "" : ".")).insert(0, c.getCurrentName());
            } else if (c.inArray()) {
                path.insert(0, (path.isEmpty() || path.charAt(0) == '[' ? "" : ".")).insert(0, "[" + c.getCurrentIndex() + "]");
            }
        }
        return path.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code NotNull} becomes {@code not-null}: rule names are stable kebab-case words. */
    public static String ruleName(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return constraint.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
