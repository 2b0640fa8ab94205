package com.example.app.web;

import java.util.List;
import java.util.function.Function;

/** One page of a collection. */
public record PageResponse<T>(List<T> items, long total, int limit, int offset) {

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), total, limit, offset);
    }
}
