package com.example.app.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The proxies listed in TRUSTED_PROXIES (IP addresses and CIDR ranges). Forwarded headers are believed only when
 * the connection comes from one of them; an empty list believes none, not even from loopback.
 */
public final class TrustedProxies {

    // Literal addresses only: a host name would make every request wait for DNS
    private static final Pattern ADDRESS_OR_RANGE = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?");

    private final List<IpAddressMatcher> proxies;

    public TrustedProxies(List<String> proxies) {
        this.proxies = proxies.stream().map(IpAddressMatcher::new).toList();
    }

    public static boolean isAddressOrRange(String value) {
        if (!ADDRESS_OR_RANGE.matcher(value).matches()) {
            return false;
        }
        try {
            new IpAddressMatcher(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    public boolean trusts(String address) {
        if (!isAddressOrRange(address) || address.contains("/")) {
            return false;
        }
        return proxies.stream().anyMatch(proxy -> proxy.matches(address));
    }

    /**
     * The client behind a trusted peer: walking X-Forwarded-For from the right, the first address that is not a
     * trusted proxy (each proxy appends the address it saw, so entries left of it may be forged by the client).
     */
    public String clientAddress(String peer, Enumeration<String> forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(forwardedFor)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isAddressOrRange(hop) || hop.contains("/")) {
                // a malformed entry ends what can be believed: the last trusted hop is the best answer
                return client;
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }
}
