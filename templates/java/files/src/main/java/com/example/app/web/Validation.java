package com.example.app.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Runs Bean Validation on a request record and reports problems together with the body's type errors. */
@Component
public class Validation {

    private final Validator validator;

    public Validation(Validator validator) {
        this.validator = validator;
    }

    public <T> T valid(JsonBody body, T input) {
        List<FieldProblem> errors = new ArrayList<>(body.errors());
        for (ConstraintViolation<T> v : validator.validate(input)) {
            // A record component named like a Java keyword carries a trailing underscore (`class_`); the
            // wire name never does (SPEC 3 names are letters and digits).
            String path = v.getPropertyPath().toString();
            String field = path.endsWith("_") ? path.substring(0, path.length() - 1) : path;
            if (errors.stream().noneMatch(e -> e.field().equals(field))) {
                errors.add(new FieldProblem(field, v.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
            throw ApiException.validation(errors);
        }
        return input;
    }
}
