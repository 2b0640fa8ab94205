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
            String field = v.getPropertyPath().toString();
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
