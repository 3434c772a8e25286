package crawler

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestRobotsConformance checks robots.txt matching against the rules of
// RFC 9309, one behaviour per case, written for cxbench's own user agent
// ("cxbench/1.0 (+https://github.com/cxbench/cxbench)", product token
// "cxbench").
func TestRobotsConformance(t *testing.T) {
	tests := []struct {
		name    string
		robots  string
		allowed []string // request URIs (path and query) we may fetch
		denied  []string
	}{
		// 2.2.2: the most specific (longest) matching rule decides.
		{name: "longer disallow beats shorter allow",
			robots:  "User-agent: *\nAllow: /shop/\nDisallow: /shop/cart\n",
			allowed: []string{"/shop/", "/shop/shoes"}, denied: []string{"/shop/cart", "/shop/cart/1"}},
		{name: "longer allow beats shorter disallow",
			robots:  "User-agent: *\nDisallow: /help\nAllow: /help/returns\n",
			allowed: []string{"/help/returns", "/help/returns/eu", "/"}, denied: []string{"/help", "/help/faq"}},
		{name: "order in the file does not matter",
			robots:  "User-agent: *\nAllow: /help/returns\nDisallow: /help\n",
			allowed: []string{"/help/returns"}, denied: []string{"/help/faq"}},
		// 2.2.2: when an allow and a disallow rule are equally specific,
		// allow wins.
		{name: "allow wins a tie",
			robots:  "User-agent: *\nDisallow: /page\nAllow: /page\n",
			allowed: []string{"/page", "/page/2"}},
		{name: "allow wins a tie between different patterns of one length",
			robots:  "User-agent: *\nDisallow: /ab\nAllow: /a*\n",
			allowed: []string{"/abc"}},
		// 2.2.3: "*" matches any sequence of characters, "$" the end of
		// the path.
		{name: "star matches any run of characters",
			robots:  "User-agent: *\nDisallow: /*.pdf\n",
			allowed: []string{"/docs/guide.html", "/pdf"}, denied: []string{"/docs/guide.pdf", "/docs/guide.pdfx", "/a/b/c.pdf?x=1"}},
		{name: "dollar anchors the end",
			robots:  "User-agent: *\nDisallow: /*.pdf$\n",
			allowed: []string{"/guide.pdf?download=1", "/guide.pdfx"}, denied: []string{"/guide.pdf", "/a/b.pdf"}},
		{name: "dollar inside a pattern is an ordinary character",
			robots:  "User-agent: *\nDisallow: /price$list\n",
			allowed: []string{"/price", "/pricelist"}, denied: []string{"/price$list"}},
		{name: "query strings are part of the match, character by character",
			robots:  "User-agent: *\nDisallow: /*?sort=\nDisallow: /*&sort=\n",
			allowed: []string{"/shop", "/shop?page=2", "/shop?resort=1"}, denied: []string{"/shop?sort=price", "/shop?page=2&sort=price"}},
		{name: "rules are case-sensitive, keys are not",
			robots:  "USER-AGENT: *\nDISALLOW: /Private\n",
			allowed: []string{"/private"}, denied: []string{"/Private/x"}},
		// 2.2.2: paths are compared percent-encoded; non-ASCII octets are
		// encoded, escapes of unreserved characters are equivalent to the
		// characters.
		{name: "UTF-8 rule matches the encoded path",
			robots: "User-agent: *\nDisallow: /café\n",
			denied: []string{"/caf%C3%A9", "/caf%c3%a9/menu"}, allowed: []string{"/cafe"}},
		{name: "encoded rule matches the encoded path in either case",
			robots: "User-agent: *\nDisallow: /caf%c3%a9\n",
			denied: []string{"/caf%C3%A9", "/caf%c3%a9"}},
		{name: "escaped unreserved characters equal the characters",
			robots:  "User-agent: *\nDisallow: /foo/bar/%62%61%7A\nDisallow: /%7Euser\n",
			denied:  []string{"/foo/bar/baz", "/foo/bar/%62az", "/~user/x"},
			allowed: []string{"/foo/bar/ba"}},
		{name: "an escaped slash is not a slash",
			robots:  "User-agent: *\nDisallow: /a%2Fb\n",
			allowed: []string{"/a/b"}, denied: []string{"/a%2Fb", "/a%2fb"}},
		// Not in the RFC: a server that decodes escaped slashes before
		// resolving dot segments would serve the disallowed path.
		{name: "escaped slashes are read both ways",
			robots:  "User-agent: *\nDisallow: /private\n",
			denied:  []string{"/public/..%2Fprivate/x", "/public/..%5cprivate", "/private%2Fx"},
			allowed: []string{"/public/%2Fprivate", "/public/x%2Fy"}},
		// 2.2.1: groups are found by the product token, case-insensitively.
		{name: "our product token",
			robots: "User-agent: cxbench\nDisallow: /\n",
			denied: []string{"/", "/anything"}},
		{name: "product token with a version and another case",
			robots: "User-agent: CXBench/2.0\nDisallow: /\n",
			denied: []string{"/"}},
		{name: "a longer name is another crawler",
			robots:  "User-agent: cxbenchbot\nDisallow: /\n\nUser-agent: cx\nDisallow: /\n",
			allowed: []string{"/"}},
		{name: "our group replaces the star group",
			robots:  "User-agent: *\nDisallow: /private\n\nUser-agent: cxbench\nDisallow: /tmp\n",
			allowed: []string{"/private"}, denied: []string{"/tmp/x"}},
		{name: "an empty group of ours allows everything",
			robots:  "User-agent: *\nDisallow: /\n\nUser-agent: cxbench\nAllow: /\n",
			allowed: []string{"/", "/x"}},
		{name: "groups for us are merged",
			robots:  "User-agent: cxbench\nDisallow: /a\n\nUser-agent: other\nDisallow: /b\n\nUser-agent: cxbench\nDisallow: /c\n",
			allowed: []string{"/b"}, denied: []string{"/a", "/c"}},
		{name: "several user agents share a group",
			robots: "User-agent: other\nUser-agent: cxbench\nDisallow: /x\n",
			denied: []string{"/x"}, allowed: []string{"/y"}},
		{name: "no group for us and no star group",
			robots:  "User-agent: other\nDisallow: /\n",
			allowed: []string{"/"}},
		// Rules outside any group, and lines that are not rules, are
		// ignored; they do not void the rest of the file.
		{name: "rules before any group are ignored",
			robots:  "Disallow: /\nUser-agent: *\nDisallow: /x\n",
			allowed: []string{"/", "/y"}, denied: []string{"/x"}},
		{name: "a bad Crawl-delay does not void the file",
			robots: "User-agent: *\nCrawl-delay: soon\nDisallow: /private\n",
			denied: []string{"/private"}},
		{name: "garbage lines are skipped",
			robots: "User-agent: *\n<html><body>oops</body></html>\n\x00\xff\xfe binary\nDisallow: /x\n",
			denied: []string{"/x"}, allowed: []string{"/y"}},
		{name: "empty disallow allows everything",
			robots:  "User-agent: *\nDisallow:\n",
			allowed: []string{"/", "/a"}},
		{name: "comments are not part of rules",
			robots: "User-agent: * # everyone\nDisallow: /x # secret\n",
			denied: []string{"/x"}, allowed: []string{"/y"}},
		{name: "CRLF and CR line ends, byte order mark",
			robots: "\xef\xbb\xbfUser-agent: *\r\nDisallow: /a\rDisallow: /b\r\n",
			denied: []string{"/a", "/b"}},
		{name: "binary file allows everything",
			robots:  "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
			allowed: []string{"/", "/x"}},
		// The path is checked exactly as requested: a leading "//" is a
		// path, not a host.
		{name: "double slash path",
			robots: "User-agent: *\nDisallow: //private\n",
			denied: []string{"//private"}, allowed: []string{"/private"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parseRobots([]byte(tt.robots), false, productToken("cxbench/1.0 (+https://github.com/cxbench/cxbench)"))
			for _, p := range tt.allowed {
				if !r.allows("https://shop.example", p) {
					t.Errorf("%s denied, want allowed", p)
				}
			}
			for _, p := range tt.denied {
				if r.allows("https://shop.example", p) {
					t.Errorf("%s allowed, want denied", p)
				}
			}
		})
	}
}

func TestRobotsCrawlDelayAndSitemaps(t *testing.T) {
	tests := []struct {
		name      string
		robots    string
		truncated bool
		delay     time.Duration
		sitemaps  []string
		denied    string // a path that must be denied, if any
		allowed   string // a path that must be allowed, if any
	}{
		{name: "star group", robots: "User-agent: *\nCrawl-delay: 2.5\n", delay: 2500 * time.Millisecond},
		{name: "our group wins over star", robots: "User-agent: *\nCrawl-delay: 9\n\nUser-agent: cxbench\nCrawl-delay: 1\nDisallow: /x\n", delay: time.Second},
		{name: "our group without a delay has none", robots: "User-agent: *\nCrawl-delay: 9\n\nUser-agent: cxbench\nDisallow: /x\n"},
		{name: "another crawler's delay", robots: "User-agent: slowbot\nCrawl-delay: 30\n"},
		{name: "negative, NaN and words ignored", robots: "User-agent: *\nCrawl-delay: -1\nCrawl-delay: NaN\nCrawl-delay: 1 minute\n"},
		{name: "absurd values saturate", robots: "User-agent: *\nCrawl-delay: 1e999\n", delay: time.Duration(1<<63 - 1)},
		{name: "delay outside a group", robots: "Crawl-delay: 5\nUser-agent: *\nDisallow: /x\n"},
		{name: "sitemaps anywhere", robots: "Sitemap: https://a.example/s1.xml\nUser-agent: *\nDisallow: /x\nSitemap: https://a.example/s2.xml.gz\n",
			sitemaps: []string{"https://a.example/s1.xml", "https://a.example/s2.xml.gz"}},
		{name: "cut mid-line drops the partial line", robots: "User-agent: *\nDisallow: /\nAllow: /pub", truncated: true,
			denied: "/public"},
		{name: "whole file kept when not cut", robots: "User-agent: *\nDisallow: /\nAllow: /pub",
			allowed: "/public"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parseRobots([]byte(tt.robots), tt.truncated, "cxbench")
			if r.crawlDelay != tt.delay {
				t.Errorf("crawl delay = %v, want %v", r.crawlDelay, tt.delay)
			}
			if diff := cmp.Diff(tt.sitemaps, r.sitemaps); diff != "" {
				t.Errorf("sitemaps (-want +got):\n%s", diff)
			}
			if tt.denied != "" && r.allows("https://a.example", tt.denied) {
				t.Errorf("%s allowed, want denied", tt.denied)
			}
			if tt.allowed != "" && !r.allows("https://a.example", tt.allowed) {
				t.Errorf("%s denied, want allowed", tt.allowed)
			}
		})
	}
}

func TestProductToken(t *testing.T) {
	for in, want := range map[string]string{
		"cxbench/1.2 (+https://github.com/cxbench/cxbench)": "cxbench",
		"AcmeBench/2 (+https://bench.example/)":             "AcmeBench",
		"plain":                                             "plain",
		"":                                                  "",
	} {
		if got := productToken(in); got != want {
			t.Errorf("productToken(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizePercent(t *testing.T) {
	for in, want := range map[string]string{
		"/a%c3%a9":        "/a%C3%A9",
		"/%7euser":        "/~user",
		"/%41%2f%2F":      "/A%2F%2F",
		"/100%":           "/100%",
		"/%zz%4":          "/%zz%4",
		"/plain":          "/plain",
		"/%2e%2E/x?q=%61": "/../x?q=a",
	} {
		if got := normalizePercent(in); got != want {
			t.Errorf("normalizePercent(%q) = %q, want %q", in, got, want)
		}
	}
	if s := strings.Repeat("%", 3); normalizePercent(s) != s {
		t.Error("lone percent signs changed")
	}
}
