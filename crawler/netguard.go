package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"time"
)

// Resolver looks up the addresses of a host name; *net.Resolver is one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// errNonPublic is wrapped by errors for connections refused because the
// address is not public (see guardedDialer).
var errNonPublic = errors.New("not a public address")

// nonPublicError says which host resolved to which refused address.
type nonPublicError struct {
	host string
	addr netip.Addr
}

func (e *nonPublicError) Error() string {
	if e.host == e.addr.String() {
		return fmt.Sprintf("%s is not a public address; not fetched", e.host)
	}
	return fmt.Sprintf("%s resolves to %s, not a public address; not fetched", e.host, e.addr)
}

func (e *nonPublicError) Unwrap() error { return errNonPublic }

// guardedDialer connects only to public addresses, unless private is set.
// The check is made on the address actually dialled, after resolution, so
// a name that resolves (or re-resolves, DNS rebinding) to a loopback,
// private, link-local or otherwise non-public address is refused too.
type guardedDialer struct {
	resolver Resolver
	dial     func(ctx context.Context, network, addr string) (net.Conn, error)
	private  bool
	// proxies are the proxies named by the environment; they are dialled
	// as they are (the proxy resolves the target).
	proxies sync.Map
}

func newGuardedDialer(resolver Resolver, dial func(ctx context.Context, network, addr string) (net.Conn, error), private bool) *guardedDialer {
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	if dial == nil {
		d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
		dial = d.DialContext
	}
	return &guardedDialer{resolver: resolver, dial: dial, private: private}
}

// DialContext resolves addr's host, drops the addresses that may not be
// dialled and connects to the first remaining one that answers.
func (d *guardedDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if _, ok := d.proxies.Load(addr); ok {
		return d.dial(ctx, network, addr)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{ip}
	} else if addrs, err = d.resolver.LookupNetIP(ctx, "ip", host); err != nil {
		return nil, err
	}
	var refused *nonPublicError
	var lastErr error
	for _, ip := range addrs {
		ip = ip.Unmap()
		if !d.private && !isPublic(ip) {
			refused = &nonPublicError{host: host, addr: ip}
			continue
		}
		conn, err := d.dial(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	switch {
	case lastErr != nil:
		return nil, lastErr
	case refused != nil:
		return nil, refused
	default:
		return nil, fmt.Errorf("%s has no address", host)
	}
}

// proxy is http.ProxyFromEnvironment, remembering the proxies it names.
// Through a proxy only literal addresses can be checked.
func (d *guardedDialer) proxy(req *http.Request) (*url.URL, error) {
	p, err := http.ProxyFromEnvironment(req)
	if p == nil || err != nil {
		return p, err
	}
	if ip, err := netip.ParseAddr(req.URL.Hostname()); err == nil && !d.private && !isPublic(ip.Unmap()) {
		return nil, &nonPublicError{host: req.URL.Hostname(), addr: ip.Unmap()}
	}
	port := p.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[p.Scheme]
	}
	d.proxies.Store(net.JoinHostPort(p.Hostname(), port), true)
	return p, nil
}

// nonPublic lists the address ranges that are not on the public internet
// (RFC 6890 special-purpose registries, loopback, private, link-local,
// shared, multicast, documentation and reserved blocks).
var nonPublic = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
		"192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
		"::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
		"fc00::/7", "fe80::/10", "ff00::/8",
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// isPublic reports whether ip is an address on the public internet. IPv6
// forms that embed an IPv4 address (NAT64, 6to4) are judged by it.
func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.Zone() != "" {
		return false
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return isPublic(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(ip):
			return isPublic(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// hostIsPrivate reports whether a configured host (no port) is a
// non-public address or resolves to one: a competitor on the user's own
// network (or loopback, in tests) may then be crawled there.
func hostIsPrivate(ctx context.Context, r Resolver, host string) bool {
	if ip, err := netip.ParseAddr(host); err == nil {
		return !isPublic(ip)
	}
	if r == nil {
		r = net.DefaultResolver
	}
	addrs, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return false
	}
	for _, ip := range addrs {
		if !isPublic(ip) {
			return true
		}
	}
	return false
}
