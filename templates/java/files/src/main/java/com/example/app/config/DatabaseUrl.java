package com.example.app.config;

import java.io.File;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Maps the DATABASE_URL forms shared by every create-backend stack to JDBC: {@code postgres://user:pass@host:port/db},
 * {@code mysql://user:pass@host:port/db}, {@code file:./data/app.db} (SQLite) and plain {@code jdbc:} URLs.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String url) {
        if (url.startsWith("jdbc:")) {
            return new DatabaseUrl(url, null, null);
        }
        if (url.startsWith("file:") || url.startsWith("sqlite:")) {
            String path = url.substring(url.indexOf(':') + 1);
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            File parent = new File(path).getAbsoluteFile().getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IllegalArgumentException("DATABASE_URL: cannot create the folder " + parent);
            }
            return new DatabaseUrl(
                    "jdbc:sqlite:" + path + "?foreign_keys=true&journal_mode=WAL&busy_timeout=5000&date_class=TEXT",
                    null,
                    null);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String subprotocol = switch (scheme) {
            case "postgres", "postgresql" -> "postgresql";
            case "mysql", "mariadb" -> "mariadb";
            default ->
                throw new IllegalArgumentException(
                        "DATABASE_URL must start with postgres://, mysql:// or file: (got " + scheme + ":)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String params = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String jdbc = "jdbc:" + subprotocol + "://" + uri.getHost() + port + uri.getRawPath()
                + (params.isEmpty() ? "" : "?" + params);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /**
     * The URL migrations run on. SQLite changes a table by rebuilding it (create, copy, drop, rename); with
     * foreign keys enforced, dropping the old table would cascade to the rows that reference it, so migrations
     * run with them off, as SQLite's documentation prescribes for such changes.
     */
    public String migrationJdbcUrl() {
        return isSqlite() ? jdbcUrl.replace("foreign_keys=true", "foreign_keys=false") : jdbcUrl;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + "]";
    }
}
