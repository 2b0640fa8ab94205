package com.example.app.domain;

import com.example.app.web.ApiException;
import com.example.app.web.FieldProblem;
import com.example.app.web.Ids;
import com.example.app.web.JsonBody;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * An equality filter ({@code ?field=value}) on one attribute, with the parser of its query-string value and the
 * message for a value it cannot read (the wording of the same rule in a request body).
 */
public record Filter(String name, Function<String, Object> parser, String message) {

    public Object parse(String text) {
        // Like request bodies (JsonBody): PostgreSQL cannot compare text holding U+0000, so it is a 400 everywhere.
        if (text.indexOf('\0') >= 0) {
            throw ApiException.validation(List.of(new FieldProblem(name, JsonBody.NUL_MESSAGE)));
        }
        Object value;
        try {
            value = parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            value = null;
        }
        if (value == null) {
            throw ApiException.validation(List.of(new FieldProblem(name, message)));
        }
        return value;
    }

    public static Filter string(String name) {
        return new Filter(name, s -> s, "must be a string");
    }

    public static Filter oneOf(String name, String... values) {
        Set<String> allowed = Set.of(values);
        return new Filter(name, s -> allowed.contains(s) ? s : null, "must be one of: " + String.join(", ", values));
    }

    public static Filter integer(String name) {
        return new Filter(name, Integer::valueOf, "must be an integer");
    }

    public static Filter bigint(String name) {
        return new Filter(name, Long::valueOf, "must be an integer");
    }

    public static Filter number(String name) {
        return new Filter(name, Double::valueOf, "must be a number");
    }

    public static Filter decimal(String name) {
        return new Filter(name, BigDecimal::new, "must be a decimal number");
    }

    public static Filter bool(String name) {
        return new Filter(name, s -> s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null, "must be a boolean");
    }

    public static Filter date(String name) {
        return new Filter(name, LocalDate::parse, "must be a date (YYYY-MM-DD)");
    }

    public static Filter datetime(String name) {
        return new Filter(name, s -> OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MILLIS), "must be an RFC 3339 date-time");
    }

    public static Filter uuid(String name) {
        return new Filter(name, Ids::parseOrNull, "must be a UUID");
    }
}
