package dev.ladder.profile.experience;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * POST/PUT /api/profiles/me/experience: a period of relevant experience, {@code endedOn} exclusive (null =
 * ongoing). Every rule is a 400 and all are reported together (endedOn before startedOn is reported at endedOn).
 */
@ExperienceRequest.EndNotBeforeStart
public record ExperienceRequest(
        @NotNull @PastOrPresent LocalDate startedOn,
        @PastOrPresent LocalDate endedOn,
        @NotBlank @Size(max = 500) String description) {

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = EndNotBeforeStartValidator.class)
    @interface EndNotBeforeStart {
        String message() default "must not be before startedOn";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static class EndNotBeforeStartValidator implements ConstraintValidator<EndNotBeforeStart, ExperienceRequest> {
        @Override
        public boolean isValid(ExperienceRequest request, ConstraintValidatorContext context) {
            if (request == null || request.startedOn() == null || request.endedOn() == null
                    || !request.endedOn().isBefore(request.startedOn())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("endedOn").addConstraintViolation();
            return false;
        }
    }
}
