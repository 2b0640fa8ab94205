package com.example.app.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request body with strict JSON types: {@code "12"} is not an integer and {@code 12} is not a
 * string. Every problem is collected (with the field's API name) instead of failing on the first one; absent
 * keys and JSON null both read as null, and {@link #has} tells them apart. No string may hold U+0000, a
 * json value's nested strings and keys included: PostgreSQL text and jsonb cannot store it, so it is a 400
 * naming the field on every database alike.
 */
public final class JsonBody {

    /** The largest integer a JavaScript client reads exactly (2^53 - 1): the range of a bigint. */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    private final JsonNode node;
    private final List<FieldProblem> errors = new ArrayList<>();

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** Rejects anything but a JSON object, and any key outside {@code allowed}. */
    public static JsonBody of(JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw notAnObject();
        }
        JsonBody body = new JsonBody(node);
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                body.errors.add(new FieldProblem(key, "is not a known field"));
            }
        }
        return body;
    }

    /** The 400 for a body that is valid JSON but not an object (an array, a string, null). */
    public static ApiException notAnObject() {
        return ApiException.validation(
                "The request body must be a JSON object", List.of(new FieldProblem("body", "must be an object")));
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private <T> T fail(String field, String message) {
        errors.add(new FieldProblem(field, message));
        return null;
    }

    public String string(String field) {
        return text(field, "must be a string");
    }

    /** Whether a string, or any string or key nested in an array or object, contains U+0000. */
    private static boolean holdsNul(JsonNode v) {
        if (v.isString()) {
            return v.stringValue().indexOf('\0') >= 0;
        }
        for (String key : v.propertyNames()) {
            if (key.indexOf('\0') >= 0) {
                return true;
            }
        }
        for (JsonNode item : v) {
            if (holdsNul(item)) {
                return true;
            }
        }
        return false;
    }

    public Integer integer(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            return fail(field, "must be an integer");
        }
        if (!v.canConvertToInt()) {
            return fail(field, v.bigIntegerValue().signum() < 0 ? "must be at least " + Integer.MIN_VALUE : "must be at most " + Integer.MAX_VALUE);
        }
        return v.intValue();
    }

    public Long bigint(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            return fail(field, "must be an integer");
        }
        // Beyond 2^53 a JSON number loses precision in JavaScript clients, so bigint stays within it.
        if (!v.canConvertToLong() || Math.abs(v.longValue()) > MAX_SAFE_INTEGER) {
            return fail(field, v.bigIntegerValue().signum() < 0 ? "must be at least " + -MAX_SAFE_INTEGER : "must be at most " + MAX_SAFE_INTEGER);
        }
        return v.longValue();
    }

    public Double number(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            return fail(field, "must be a number");
        }
        return v.doubleValue();
    }

    /** The message of a decimal that is not a string of the column's shape; the record's @Pattern uses it too. */
    public static String decimalMessage(int precision, int scale) {
        return "must be a decimal number with at most " + precision + " digits, " + scale + " after the point";
    }

    /**
     * A decimal, sent as a JSON string or number, as its plain digits; they are checked by the record's
     * @Pattern. A number is read through {@link JsonNode#decimalValue()}: exact for integers and decimal
     * nodes, and for a double the shortest text that reads back as it (the digits the client sent, for up
     * to 15 significant digits), written out without an exponent, which the pattern would refuse.
     */
    public String decimal(String field, int precision, int scale) {
        JsonNode v = value(field);
        if (v != null && v.isNumber()) {
            // A double's 1e-7 reads as 1.0E-7: without its trailing zeros it has no more digits than 0.0000001.
            // Within the scale it is written with all of them, as a client sends the string ("52.50", not "52.5").
            BigDecimal number = v.decimalValue().stripTrailingZeros();
            return (number.scale() <= scale ? number.setScale(scale) : number).toPlainString();
        }
        return text(field, decimalMessage(precision, scale));
    }

    public Boolean bool(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        return v.isBoolean() ? Boolean.valueOf(v.booleanValue()) : fail(field, "must be a boolean");
    }

    /** An enum value: a string that is one of {@code values}. */
    public String oneOf(String field, String... values) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (v.isString() && List.of(values).contains(v.stringValue())) {
            return v.stringValue();
        }
        return fail(field, "must be one of: " + String.join(", ", values));
    }

    /** A string value, or null with {@code message} when the value is not a string (or holds U+0000). */
    private String text(String field, String message) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            return fail(field, message);
        }
        return holdsNul(v) ? fail(field, NUL_MESSAGE) : v.stringValue();
    }

    public LocalDate date(String field) {
        String message = "must be a date (YYYY-MM-DD)";
        String s = text(field, message);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return fail(field, message);
        }
    }

    /** An RFC 3339 date-time with an offset, kept to the millisecond (the precision of the database). */
    public Instant datetime(String field) {
        String message = "must be an RFC 3339 date-time";
        String s = text(field, message);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return fail(field, message);
        }
    }

    public UUID uuid(String field) {
        String message = "must be a UUID";
        String s = text(field, message);
        if (s == null) {
            return null;
        }
        UUID id = Ids.parseOrNull(s);
        return id != null ? id : fail(field, message);
    }

    /** Any JSON value, returned as JSON text (null for absent or JSON null). */
    public String json(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        return holdsNul(v) ? fail(field, NUL_MESSAGE) : v.toString();
    }

    /** A list of distinct ids; absent or null reads as an empty list. */
    public List<UUID> uuids(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            fail(field, "must be an array");
            return List.of();
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            UUID id = item.isString() ? Ids.parseOrNull(item.stringValue()) : null;
            if (id == null) {
                fail(field + "[" + i + "]", "must be a UUID");
                return List.of();
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }
}
