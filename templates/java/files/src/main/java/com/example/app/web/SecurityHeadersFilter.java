package com.example.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Content-Security-Policy, Referrer-Policy and (over TLS) Strict-Transport-Security on every response, written
 * before any other filter can answer, so a 413 or 429 carries them too. Runs after {@link ClientAddressFilter}:
 * a request is secure when it arrived over TLS or, from a trusted proxy, with X-Forwarded-Proto https.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class SecurityHeadersFilter extends OncePerRequestFilter {

    /** JSON responses load nothing and are never framed. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** The API browser runs its own scripts and styles, served by this application (no CDN). */
    static final String DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'";

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", isDocs(request.getRequestURI()) ? DOCS_POLICY : API_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }

    private static boolean isDocs(String path) {
        return path.equals("/docs") || path.startsWith("/docs/") || path.startsWith("/swagger-ui/");
    }
}
