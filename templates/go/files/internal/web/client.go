package web

import (
	"net"
	"net/netip"
	"strings"
)

// clientOf is the client's address for RateLimit and the login throttle. Without trusted proxies it is the
// connection's peer. When the peer is a trusted proxy (a load balancer), it is the right-most X-Forwarded-For
// entry that is not one: the entry the first trusted proxy appended, which a client cannot forge.
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
	if len(trusted) == 0 {
		return false // the usual case, without parsing the address
	}
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
