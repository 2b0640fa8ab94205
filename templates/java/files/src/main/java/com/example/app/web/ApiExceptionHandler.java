package com.example.app.web;

import com.example.app.config.JsonConfig;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;

/** Turns every exception into application/problem+json; 5xx bodies are generic, details go to the log. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        ResponseEntity<Object> problem = problem(e.status(), e.title(), e.getMessage(), e.errors());
        if (e.retryAfterSeconds() == 0) {
            return problem;
        }
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem.getBody());
    }

    /**
     * A query string the servlet layer cannot read: a parameter without a name ({@code ?=x}) or with control
     * characters in its name, which Spring Security's firewall refuses. Both are the client's mistake.
     */
    @ExceptionHandler({InvalidParameterException.class, RequestRejectedException.class})
    ResponseEntity<Object> malformedQuery(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad Request", "The query string is not valid", List.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException e) {
        return conflict(e.getMostSpecificCause());
    }

    private ResponseEntity<Object> conflict(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        List<FieldProblem> errors = Constraints.fieldOf(message)
                .map(field -> List.of(new FieldProblem(field, "is already taken")))
                .orElse(List.of());
        String detail = errors.isEmpty()
                ? "The request conflicts with existing data (a duplicate value, or rows that still refer to this one)"
                : "A row with the same " + errors.get(0).field() + " already exists";
        return problem(HttpStatus.CONFLICT, "Conflict", detail, errors);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Some drivers (SQLite) surface constraint violations without Spring's translation.
            if (t instanceof SQLException sql
                    && ((sql.getSQLState() != null && sql.getSQLState().startsWith("23"))
                            || String.valueOf(sql.getMessage()).contains("SQLITE_CONSTRAINT"))) {
                return conflict(sql);
            }
        }
        log.error("Unhandled error", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "An unexpected error occurred", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException
                    && String.valueOf(t.getMessage()).contains("nesting depth")) {
                return problem(
                        HttpStatus.BAD_REQUEST,
                        "Bad Request",
                        "JSON nesting deeper than " + JsonConfig.MAX_NESTING_DEPTH + " levels",
                        List.of());
            }
            if (t instanceof BodyTooLargeException) {
                return problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "Content Too Large",
                        "The request body is larger than 1 MiB",
                        List.of());
            }
        }
        return problem(
                HttpStatus.BAD_REQUEST,
                "Bad Request",
                "The request body is not valid JSON",
                List.of(new FieldProblem("body", "malformed JSON")));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String title = "Error";
        String detail = null;
        if (body instanceof ProblemDetail problem) {
            title = problem.getTitle();
            detail = problem.getDetail();
        }
        if (status.is5xxServerError()) {
            detail = "An unexpected error occurred";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        if (title == null) {
            title = known == null ? "Error" : known.getReasonPhrase();
        }
        if (detail == null) {
            detail = title;
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(Problems.body(status, title, detail, List.of()), out, status);
    }

    private static ResponseEntity<Object> problem(
            HttpStatusCode status, String title, String detail, List<FieldProblem> errors) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(status, title, detail, errors));
    }
}
