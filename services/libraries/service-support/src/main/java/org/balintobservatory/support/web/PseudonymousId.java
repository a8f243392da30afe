package org.balintobservatory.support.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.balintobservatory.personaldata.IdentifierGuard;
import org.balintobservatory.personaldata.PseudonymousIds;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A client-chosen id (programme, group, session, case, response, correction, institution, key) with nothing
 * in it that identifies a person ({@link IdentifierGuard#checkId}): no e-mail address, phone number,
 * personal name, date of birth, national, health or hospital number or postcode. Checked where the request
 * is read, so that the refusal names the field it came in, wherever that is. The format itself is left to
 * {@code @Pattern}, so a malformed id is reported once. Participant ids do not carry it: they are replaced
 * by a keyed pseudonym before anything is stored ({@code support.pseudonym.Pseudonyms}).
 */
@Documented
@Constraint(validatedBy = PseudonymousId.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PseudonymousId {

    String message() default "must not identify a person";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PseudonymousId, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || !value.matches(PseudonymousIds.FORMAT)) {
                return true;
            }
            return IdentifierGuard.checkId(value).map(refusal -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(refusal.rule() + ": " + refusal.message())
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
