package com.example.app.web;

import com.example.app.config.AppProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind the proxies of TRUSTED_PROXIES, the client address and scheme come from X-Forwarded-For and
 * X-Forwarded-Proto; everything after this filter (rate limit, login throttle, HSTS) sees them. Without
 * TRUSTED_PROXIES the filter does nothing and, as server.forward-headers-strategy is none, the socket peer counts.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClientAddressFilter extends OncePerRequestFilter {

    private final TrustedProxies proxies;

    public ClientAddressFilter(AppProperties properties) {
        this.proxies = new TrustedProxies(properties.trustedProxies());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return proxies.isEmpty() || !proxies.trusts(request.getRemoteAddr());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = proxies.clientAddress(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
        String proto = request.getHeader("X-Forwarded-Proto");
        String scheme = proto == null || proto.isBlank()
                ? request.getScheme()
                : proto.split(",")[0].trim().toLowerCase(Locale.ROOT);
        chain.doFilter(new ForwardedRequest(request, client, scheme), response);
    }

    private static final class ForwardedRequest extends HttpServletRequestWrapper {

        private final String client;
        private final String scheme;

        ForwardedRequest(HttpServletRequest request, String client, String scheme) {
            super(request);
            this.client = client;
            this.scheme = scheme;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public boolean isSecure() {
            return "https".equals(scheme);
        }
    }
}
