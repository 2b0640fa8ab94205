package com.example.app.web;

/** Regular expressions shared by the request records. */
public final class Patterns {

    /** An absolute http(s) URL without spaces. */
    public static final String URL = "^https?://[^\\s/?#]+[^\\s]*$";

    private Patterns() {}
}
