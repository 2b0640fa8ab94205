package com.example.app.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Runs Bean Validation on a request record and reports problems together with the body's type errors, in the
 * one wording per rule that every stack of this API uses (so the default, locale-dependent messages of the
 * validator never reach a client).
 */
@Component
public class Validation {

    private final Validator validator;

    public Validation(Validator validator) {
        this.validator = validator;
    }

    public <T> T valid(JsonBody body, T input) {
        List<FieldProblem> errors = new ArrayList<>(body.errors());
        // One problem per field, the first rule in the order every stack checks them (a decimal's digits before
        // its bounds): the validator itself reports violations in no particular order.
        List<ConstraintViolation<T>> violations = validator.validate(input).stream()
                .sorted(Comparator.comparingInt(Validation::rank))
                .toList();
        for (ConstraintViolation<T> v : violations) {
            // A record component named like a Java keyword carries a trailing underscore (`class_`); the
            // wire name never does (SPEC 3 names are letters and digits).
            String path = v.getPropertyPath().toString();
            String field = path.endsWith("_") ? path.substring(0, path.length() - 1) : path;
            if (errors.stream().noneMatch(e -> e.field().equals(field))) {
                errors.add(new FieldProblem(field, message(v, body.has(field))));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
            throw ApiException.validation(errors);
        }
        return input;
    }

    private static int rank(ConstraintViolation<?> v) {
        return switch (rule(v)) {
            case "NotNull" -> 0;
            case "Size" -> 1;
            case "Pattern", "Email" -> 2;
            default -> 3;
        };
    }

    private static String rule(ConstraintViolation<?> v) {
        return v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    }

    private static String message(ConstraintViolation<?> v, boolean sent) {
        String template = v.getMessageTemplate();
        // A message written on the annotation (enum, URL, decimal and pattern rules) is already the wording.
        if (!template.startsWith("{jakarta.validation.constraints.")) {
            return v.getMessage();
        }
        Map<String, Object> rule = v.getConstraintDescriptor().getAttributes();
        return switch (rule(v)) {
            case "NotNull" -> sent ? "must not be null" : "is required";
            case "Size" -> String.valueOf(v.getInvalidValue()).length() < (int) rule.get("min")
                    ? "must be at least " + rule.get("min") + " characters"
                    : "must be at most " + rule.get("max") + " characters";
            case "Min", "DecimalMin" -> "must be at least " + rule.get("value");
            case "Max", "DecimalMax" -> "must be at most " + rule.get("value");
            case "Email" -> "must be an email address";
            case "Pattern" -> "must match the pattern " + rule.get("regexp");
            default -> v.getMessage();
        };
    }
}
