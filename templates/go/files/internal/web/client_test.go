package web

import (
	"net/netip"
	"testing"
)

func TestClientOf(t *testing.T) {
	private := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fc00::/7")}
	cases := []struct {
		name, remote string
		forwarded    []string
		trusted      []netip.Prefix
		want         string
	}{
		{"no trusted proxies: the peer", "10.0.0.5:4000", []string{"203.0.113.9"}, nil, "10.0.0.5"},
		{"an untrusted peer's header is ignored", "198.51.100.7:4000", []string{"203.0.113.9"}, private, "198.51.100.7"},
		{"behind the load balancer: the entry it appended", "10.0.0.5:4000", []string{"192.0.2.1, 203.0.113.9"}, private, "203.0.113.9"},
		{"proxies in a chain are skipped", "10.0.0.5:4000", []string{"203.0.113.9, 10.1.2.3", "10.4.5.6"}, private, "203.0.113.9"},
		{"IPv6 load balancer", "[fd00::1]:4000", []string{"2001:db8::7"}, private, "2001:db8::7"},
		{"only proxies: the left-most", "10.0.0.5:4000", []string{"10.9.9.9"}, private, "10.9.9.9"},
		{"a malformed entry stops the walk", "10.0.0.5:4000", []string{"203.0.113.9, not-an-address"}, private, "10.0.0.5"},
		{"no header: the peer", "10.0.0.5:4000", nil, private, "10.0.0.5"},
	}
	for _, c := range cases {
		if got := clientOf(c.remote, c.forwarded, c.trusted); got != c.want {
			t.Errorf("%s: client %q, want %q", c.name, got, c.want)
		}
	}
}
