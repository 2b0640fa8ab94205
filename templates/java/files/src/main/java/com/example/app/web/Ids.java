package com.example.app.web;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Resource ids: random UUIDs, always in their canonical 36-character form. */
public final class Ids {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {}

    public static UUID newId() {
        return UUID.randomUUID();
    }

    public static UUID parseOrNull(String text) {
        return text != null && UUID_TEXT.matcher(text).matches()
                ? UUID.fromString(text.toLowerCase(Locale.ROOT))
                : null;
    }

    /** A path id; one of the wrong shape cannot name a resource, so it is a 404. */
    public static UUID path(String text) {
        UUID id = parseOrNull(text);
        if (id == null) {
            throw ApiException.notFound();
        }
        return id;
    }
}
