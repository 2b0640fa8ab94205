package com.example.app.web;

import java.io.IOException;

/** Thrown while reading a request body that is larger than the limit. */
public class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
