package com.example.app.web;

/** One entry of a problem's {@code errors}: the API name of the field and what is wrong with it. */
public record FieldProblem(String field, String message) {}
