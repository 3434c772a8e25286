package crawler

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want, key string
	}{
		{name: "fragment dropped", in: "https://Shop.Example/Returns#top", want: "https://shop.example/Returns", key: "https://shop.example/Returns"},
		{name: "default https port", in: "https://shop.example:443/a", want: "https://shop.example/a", key: "https://shop.example/a"},
		{name: "default http port", in: "HTTP://shop.example:80", want: "http://shop.example/", key: "http://shop.example/"},
		{name: "other port kept", in: "http://127.0.0.1:8080/x/", want: "http://127.0.0.1:8080/x/", key: "http://127.0.0.1:8080/x"},
		{name: "trailing slash in key only", in: "https://shop.example/help/", want: "https://shop.example/help/", key: "https://shop.example/help"},
		{name: "query kept", in: "https://shop.example/p?id=3#r", want: "https://shop.example/p?id=3", key: "https://shop.example/p?id=3"},
		{name: "empty query dropped", in: "https://shop.example/p?", want: "https://shop.example/p", key: "https://shop.example/p"},
		{name: "credentials dropped", in: "https://u:p@shop.example/", want: "https://shop.example/", key: "https://shop.example/"},
		{name: "trailing dot host", in: "https://shop.example./a", want: "https://shop.example/a", key: "https://shop.example/a"},
		{name: "mailto", in: "mailto:help@shop.example"},
		{name: "javascript", in: "javascript:void(0)"},
		{name: "ftp", in: "ftp://shop.example/file"},
		{name: "relative", in: "/returns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			n := normalize(u)
			got, key := "", ""
			if n != nil {
				got, key = n.String(), pageKey(n)
			}
			if diff := cmp.Diff([2]string{tt.want, tt.key}, [2]string{got, key}); diff != "" {
				t.Errorf("normalize, pageKey (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLinkScoreTiers(t *testing.T) {
	// Every link of a tier must be fetched before any link of the next.
	type link struct {
		url, anchor, kind string
		depth             int
	}
	tiers := [][]link{
		{ // policy pages, by anchor or URL, even deep ones
			{url: "/customer/policies/7", anchor: "Returns & refunds", depth: 1},
			{url: "/pages/shipping-information", depth: 1},
			{url: "/help/a/b/warranty", anchor: "Read this", depth: 4},
			{url: "/x", anchor: "Contact us", depth: 2},
		},
		{ // help centres and what lies below them
			{url: "/help", anchor: "Help centre", depth: 1},
			{url: "/help/a", anchor: "Topics", depth: 2},
			{url: "/support/a/b", anchor: "Next", depth: 3},
		},
		{{url: "/p/123", anchor: "Blue tent", kind: signal.KindProduct, depth: 1}},
		{{url: "/c/tents", anchor: "Tents", depth: 1}},
		{{url: "/c/tents?sort=price", anchor: "Sort by price", depth: 1}},
	}
	prevMin, prevURL := 1<<30, ""
	for _, tier := range tiers {
		tierMin, minURL := 1<<30, ""
		for _, l := range tier {
			u, _ := url.Parse("https://shop.example" + l.url)
			s := linkScore(u, l.anchor, l.kind, l.depth)
			if s >= prevMin {
				t.Errorf("%s (%q) scores %d, not below %s of the tier before (%d)", l.url, l.anchor, s, prevURL, prevMin)
			}
			if s < tierMin {
				tierMin, minURL = s, l.url
			}
		}
		prevMin, prevURL = tierMin, minURL
	}
}

func TestFrontier(t *testing.T) {
	f := newFrontier()
	mk := func(key string, score int) *item {
		return &item{key: key, score: score}
	}
	f.add(mk("a", 1))
	f.add(mk("b", 5))
	f.add(mk("c", 1))
	if f.add(mk("a", 0)) {
		t.Error("re-adding a with a lower score queued it")
	}
	if !f.add(mk("c", 9)) {
		t.Error("re-adding c with a higher score did not queue it")
	}
	var got []string
	for it := f.next(); it != nil; it = f.next() {
		got = append(got, it.key)
	}
	// c twice: the stale entry is skipped by the crawler's done set.
	if diff := cmp.Diff([]string{"c", "b", "a", "c"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestScope(t *testing.T) {
	var s scope
	s.add("www.Shop.example")
	s.add("help.shop.example")
	s.add("127.0.0.1:8080")
	tests := map[string]bool{
		"https://shop.example/a":         true,
		"https://www.shop.example/a":     true,
		"https://help.shop.example/":     true,
		"https://help.shop.example:444/": true,
		"https://evil.example/":          false,
		"https://shop.example.evil/":     false,
		"http://127.0.0.1:8080/":         true,
		"http://127.0.0.1:9090/":         false,
	}
	for raw, want := range tests {
		u, _ := url.Parse(raw)
		if got := s.allows(u); got != want {
			t.Errorf("allows(%s) = %v, want %v", raw, got, want)
		}
	}
}

func TestParseSitemap(t *testing.T) {
	tests := []struct {
		name            string
		doc             string
		pages, children []string
	}{
		{
			name: "urlset",
			doc: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
				<url><loc> https://s.example/a </loc><lastmod>2026-01-01</lastmod></url>
				<url><loc>https://s.example/b?x=1&amp;y=2</loc></url></urlset>`,
			pages: []string{"https://s.example/a", "https://s.example/b?x=1&y=2"},
		},
		{
			name: "index",
			doc: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
				<sitemap><loc>https://s.example/s1.xml</loc></sitemap><sitemap><loc>https://s.example/s2.xml.gz</loc></sitemap></sitemapindex>`,
			children: []string{"https://s.example/s1.xml", "https://s.example/s2.xml.gz"},
		},
		{
			name:  "truncated",
			doc:   `<urlset><url><loc>https://s.example/a</loc></url><url><loc>https://s.exa`,
			pages: []string{"https://s.example/a"},
		},
		{name: "not xml", doc: "<html><body>404</body></html>"},
		{
			name:  "nested too deep",
			doc:   `<urlset><url><loc>https://s.example/a</loc></url>` + strings.Repeat("<p>", 100000) + `<url><loc>https://s.example/b</loc></url>`,
			pages: []string{"https://s.example/a"},
		},
		{
			name:  "a location too long to keep",
			doc:   `<urlset><url><loc>https://s.example/` + strings.Repeat("a", 10000) + `</loc></url><url><loc>https://s.example/b</loc></url></urlset>`,
			pages: []string{"https://s.example/b"},
		},
		{
			name:  "latin-1 declared",
			doc:   `<?xml version="1.0" encoding="ISO-8859-1"?><urlset><url><loc>https://s.example/x</loc></url></urlset>`,
			pages: []string{"https://s.example/x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, children := parseSitemap([]byte(tt.doc))
			if diff := cmp.Diff(tt.pages, pages); diff != "" {
				t.Errorf("pages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.children, children); diff != "" {
				t.Errorf("children (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		" 120 ":                         2 * time.Minute,
		"-1":                            0,
		"soon":                          0,
		"Sun, 22 Nov 2026 06:00:30 GMT": 30 * time.Second,
		"Sun, 22 Nov 2026 05:00:00 GMT": 0,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
	if got := backoff(100*time.Millisecond, 2, 0); got != 400*time.Millisecond {
		t.Errorf("backoff without Retry-After = %v, want 400ms", got)
	}
	if got := backoff(100*time.Millisecond, 2, 7*time.Second); got != 7*time.Second {
		t.Errorf("backoff with Retry-After = %v, want 7s", got)
	}
}

func TestSettingsDefaults(t *testing.T) {
	got := (&Crawler{}).settings()
	want := settings{Crawl: config.Crawl{
		MaxPages: config.DefaultMaxPages, MaxDepth: config.DefaultMaxDepth, Concurrency: config.DefaultConcurrency,
		UserAgent: config.DefaultUserAgent(), Timeout: config.Duration(config.DefaultTimeout), MaxBody: config.DefaultMaxBody,
		MaxRedirects: config.DefaultMaxRedirects, MaxCrawlDelay: config.Duration(config.DefaultMaxCrawlDelay),
		MaxRetryWait: config.Duration(config.DefaultMaxRetryWait), MaxTime: config.Duration(config.DefaultMaxTime),
	}}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(config.Loc{}, settings{})); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if got.delay != 0 || got.Retries != 0 {
		t.Errorf("zero delay/retries = %v/%d, want 0/0: only config.Parse defaults them", got.delay, got.Retries)
	}
	neg := (&Crawler{Settings: config.Crawl{Delay: -1, Retries: -1}}).settings()
	if neg.delay != 0 || neg.Retries != 0 {
		t.Errorf("negative delay/retries = %v/%d, want 0/0", neg.delay, neg.Retries)
	}
}

func TestProgressPlain(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, false)
	c := config.Competitor{ID: "acme", URL: "https://acme.example/"}
	p.Started(c, 40)
	p.Fetched(c, signal.Page{URL: "https://acme.example/", Status: 200, Kind: "home", MS: 12.3})
	p.Failed(c, signal.CrawlError{URL: "https://acme.example/x", Status: 404, Message: "HTTP 404 Not Found"})
	p.Finished(c, &signal.Competitor{Pages: make([]signal.Page, 1), Errors: make([]signal.CrawlError, 1), Complete: true})
	p.Close()
	p.Fetched(c, signal.Page{URL: "after close"})
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{
		"acme: crawling https://acme.example/ (up to 40 pages)",
		"acme: 200 https://acme.example/ (home, 12 ms)",
		"acme: error: https://acme.example/x: HTTP 404 Not Found",
		"acme: finished: 1 pages, 1 errors, complete, ",
	}
	if len(lines) == 4 {
		lines[3] = lines[3][:strings.LastIndex(lines[3], ", ")+2]
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestProgressTerminal(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, true)
	a := config.Competitor{ID: "acme"}
	z := config.Competitor{ID: "zeta"}
	p.Started(a, 3)
	p.Started(z, 3)
	p.Fetched(a, signal.Page{})
	p.Fetched(a, signal.Page{})
	p.Finished(a, &signal.Competitor{})
	p.Fetched(z, signal.Page{}) // zeta never finishes: Close must not hang
	p.Close()
	p.Close()
	if out := b.String(); !strings.Contains(out, "acme") || !strings.Contains(out, "zeta") {
		t.Errorf("output lacks the competitors: %q", out)
	}
}
