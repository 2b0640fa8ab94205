package com.example.app.web;

import com.example.app.config.AppProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A fixed one-minute window per client address (RATE_LIMIT_PER_MINUTE, 0 = off). In-process: behind several
 * replicas, put the limit in the load balancer or a shared store instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class RateLimitFilter extends OncePerRequestFilter {

    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_CLIENTS = 100_000;

    private final int limit;
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long windowStart = System.currentTimeMillis();

    public RateLimitFilter(AppProperties properties) {
        this.limit = properties.rateLimitPerMinute();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limit <= 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = System.currentTimeMillis();
        if (now - windowStart >= WINDOW_MILLIS) {
            synchronized (this) {
                if (now - windowStart >= WINDOW_MILLIS) {
                    counts.clear();
                    windowStart = now;
                }
            }
        }
        if (counts.size() >= MAX_CLIENTS) {
            counts.clear();
        }
        int used = counts.computeIfAbsent(request.getRemoteAddr(), k -> new AtomicInteger())
                .incrementAndGet();
        if (used > limit) {
            long retryAfter = Math.max(1, (windowStart + WINDOW_MILLIS - now + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(retryAfter));
            Problems.write(
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too Many Requests",
                    "Rate limit of " + limit + " requests per minute exceeded");
            return;
        }
        chain.doFilter(request, response);
    }
}
