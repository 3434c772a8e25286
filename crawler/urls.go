package crawler

import (
	"net"
	"net/netip"
	"net/url"
	"strings"

	whatwg "github.com/nlnwa/whatwg-url/url"
	"golang.org/x/net/publicsuffix"
)

// maxURLLen bounds the URLs the crawler keeps (the sitemap protocol's own
// limit); longer links are dropped.
const maxURLLen = 2048

// urlParser is the WHATWG URL parser, configured as colly's: every URL
// the crawler fetches is in the form colly sends, so robots.txt is checked
// against exactly the request made.
var urlParser = whatwg.NewParser(whatwg.WithPercentEncodeSinglePercentSign())

// resolveRef resolves ref against base as a browser does (backslashes,
// white space, "." and ".." segments, "%2e" spelt dots) and normalises
// the result; nil when it cannot be fetched.
func resolveRef(base *url.URL, ref string) *url.URL {
	b := newLinkBase(base)
	if b == nil {
		return nil
	}
	return b.resolve(ref)
}

// linkBase resolves the links of one page against its base URL.
type linkBase struct{ w *whatwg.Url }

func newLinkBase(u *url.URL) *linkBase {
	w, err := urlParser.Parse(u.String())
	if err != nil {
		return nil
	}
	return &linkBase{w}
}

func (b *linkBase) resolve(ref string) *url.URL {
	ref = strings.TrimSpace(ref)
	if len(ref) > maxURLLen {
		return nil
	}
	w, err := b.w.Parse(ref)
	if err != nil {
		return nil
	}
	return finishURL(w.Href(true))
}

// normalize returns u in the form the crawler fetches and compares: as
// the WHATWG parser serialises it (dot segments, including "%2e" ones,
// removed; lower-case scheme and host; no default port; at least "/" as
// path), without fragment, user information or a trailing dot on the
// host. It returns nil for URLs the crawler cannot fetch (not http or
// https, without a host, longer than maxURLLen).
func normalize(u *url.URL) *url.URL {
	if u == nil {
		return nil
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" || u.Host == "" || u.Opaque != "" {
		return nil
	}
	s := u.String()
	if len(s) > maxURLLen {
		return nil
	}
	w, err := urlParser.Parse(s)
	if err != nil {
		return nil
	}
	return finishURL(w.Href(true))
}

// finishURL turns a WHATWG serialisation into the crawler's form.
func finishURL(href string) *url.URL {
	if len(href) > maxURLLen {
		return nil
	}
	n, err := url.Parse(href)
	if err != nil || n.Host == "" || n.Scheme != "http" && n.Scheme != "https" {
		return nil
	}
	n.User = nil
	if h := strings.TrimSuffix(n.Hostname(), "."); h != n.Hostname() {
		if p := n.Port(); p != "" {
			n.Host = net.JoinHostPort(h, p)
		} else {
			n.Host = h
		}
	}
	if n.Path == "" {
		n.Path, n.RawPath = "/", ""
	}
	if n.RawQuery == "" {
		n.ForceQuery = false
	}
	return n
}

func parseOrNil(s string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	return u
}

// scope decides which hosts a competitor's crawl may enter.
type scope struct {
	hosts []string // host[:port], lower case, "www." removed
}

func bareHost(h string) string { return strings.TrimPrefix(strings.ToLower(h), "www.") }

func (s *scope) add(h string) {
	if h = bareHost(h); h != "" {
		s.hosts = append(s.hosts, h)
	}
}

// allows reports whether u's host is in scope. An entry without a port
// matches the host on any port.
func (s *scope) allows(u *url.URL) bool {
	host := bareHost(u.Host)
	name := bareHost(u.Hostname())
	for _, h := range s.hosts {
		if h == host || h == name {
			return true
		}
	}
	return false
}

// site is a host's registrable domain (eTLD+1: shop.example.co.uk for
// www.shop.example.co.uk), or "" for addresses and names without one
// (localhost).
func site(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if _, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return ""
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return ""
	}
	return d
}

// sameSite reports whether a and b belong to one site: the same
// registrable domain (www.acme.example and acme.example; shop.acme.example
// and acme.example), or, for addresses and single names, the same host
// and port ("www." aside).
func sameSite(a, b *url.URL) bool {
	if sa := site(a.Hostname()); sa != "" {
		return sa == site(b.Hostname())
	}
	return bareHost(a.Host) == bareHost(b.Host)
}
