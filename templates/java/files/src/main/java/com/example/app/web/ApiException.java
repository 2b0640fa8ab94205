package com.example.app.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error with a status that the client caused, rendered as application/problem+json. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;
    private final transient List<FieldProblem> errors;
    private final long retryAfterSeconds;

    public ApiException(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        this(status, title, detail, errors, 0);
    }

    private ApiException(
            HttpStatus status, String title, String detail, List<FieldProblem> errors, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal the client may retry after {@code seconds}, answered with a Retry-After header. */
    public static ApiException retryAfter(HttpStatus status, String detail, long seconds) {
        return new ApiException(status, status.getReasonPhrase(), detail, List.of(), Math.max(1, seconds));
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "Not Found", "The resource does not exist", List.of());
    }

    public static ApiException validation(List<FieldProblem> errors) {
        return validation("The request is not valid", errors);
    }

    public static ApiException validation(String detail, List<FieldProblem> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad Request", detail, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** Seconds for the Retry-After header, 0 when the response has none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
