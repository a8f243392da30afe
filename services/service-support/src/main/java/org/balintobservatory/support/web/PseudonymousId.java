package org.balintobservatory.support.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.balintobservatory.contract.PseudonymousIds;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A participant id that does not look like an email address, a phone number or a personal name
 * ({@link PseudonymousIds}), checked where the request is read so that the refusal names the field it came
 * in, wherever that is. The format itself is left to {@code @Pattern}, so a malformed id is reported once.
 */
@Documented
@Constraint(validatedBy = PseudonymousId.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PseudonymousId {

    String message() default "must be a pseudonymous id";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PseudonymousId, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || !value.matches(PseudonymousIds.FORMAT)) {
                return true;
            }
            return PseudonymousIds.check(value).map(refusal -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(refusal.rule() + ": " + refusal.message())
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
