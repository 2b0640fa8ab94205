package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

type clientKey struct{}

// ClientAddress records the client's address for RateLimit and the login throttle. Without trusted proxies it
// is the connection's peer. When the peer is a trusted proxy (a load balancer), it is the right-most
// X-Forwarded-For entry that is not one: the entry the first trusted proxy appended, which a client cannot forge.
func ClientAddress(trusted []netip.Prefix) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			client := clientOf(r.RemoteAddr, r.Header.Values("X-Forwarded-For"), trusted)
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKey{}, client)))
		})
	}
}

// Client is the address ClientAddress recorded, or the connection's peer.
func Client(r *http.Request) string {
	if client, ok := r.Context().Value(clientKey{}).(string); ok {
		return client
	}
	return peer(r.RemoteAddr)
}

func clientOf(remoteAddr string, forwardedFor []string, trusted []netip.Prefix) string {
	client := peer(remoteAddr)
	if !isTrusted(client, trusted) {
		return client
	}
	var hops []string
	for _, header := range forwardedFor {
		for hop := range strings.SplitSeq(header, ",") {
			hops = append(hops, strings.TrimSpace(hop))
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		if _, err := netip.ParseAddr(hops[i]); err != nil {
			return client // a malformed entry: nothing left of it can be trusted
		}
		client = hops[i]
		if !isTrusted(client, trusted) {
			return client
		}
	}
	return client
}

func isTrusted(address string, trusted []netip.Prefix) bool {
	addr, err := netip.ParseAddr(address)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, prefix := range trusted {
		if prefix.Contains(addr) {
			return true
		}
	}
	return false
}

// peer is the host part of a connection's address.
func peer(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return remoteAddr
	}
	return host
}
