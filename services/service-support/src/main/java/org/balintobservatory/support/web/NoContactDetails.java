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
 * A short operational note (a key's label, a revocation reason) without an e-mail address or a phone
 * number in it ({@link PseudonymousIds#checkNote}): such notes describe machines and integrations, never
 * people, so nothing that reaches a person is stored in them.
 */
@Documented
@Constraint(validatedBy = NoContactDetails.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoContactDetails {

    String message() default "must not hold an e-mail address or a phone number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoContactDetails, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return PseudonymousIds.checkNote(value).map(refusal -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(refusal.rule() + ": " + refusal.message()
                                + "; name the integration or machine, not a person")
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
