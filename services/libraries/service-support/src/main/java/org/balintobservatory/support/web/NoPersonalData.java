package org.balintobservatory.support.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.balintobservatory.personaldata.IdentifierGuard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free text — a programme's or an institution's name, a key's label, a revocation reason — with nothing in
 * it that identifies a person ({@link IdentifierGuard#checkText}): no e-mail address or phone number however
 * written, no personal name, date of birth, national, health or hospital number or postcode, also when
 * hidden with full-width, zero-width or look-alike characters. The refusal names the rule it broke.
 */
@Documented
@Constraint(validatedBy = NoPersonalData.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoPersonalData {

    String message() default "must not hold anything that identifies a person";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoPersonalData, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return IdentifierGuard.checkText(value).map(refusal -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(refusal.rule() + ": " + refusal.message())
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
