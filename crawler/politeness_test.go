package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func htmlRoute(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>"+body+"</body></html>")
	}
}

// errorsOf returns a competitor's error messages.
func errorsOf(c signal.Competitor) []string {
	var out []string
	for _, e := range c.Errors {
		out = append(out, e.Message)
	}
	return out
}

// flipDNS answers first with one address, then, from the given lookup on,
// with another: DNS rebinding.
type flipDNS struct {
	first, then string
	after       int64
	n           atomic.Int64
}

func (f *flipDNS) LookupNetIP(context.Context, string, string) ([]netip.Addr, error) {
	a := f.first
	if f.n.Add(1) > f.after {
		a = f.then
	}
	return []netip.Addr{netip.MustParseAddr(a)}, nil
}

// TestAddressGuard: a competitor on a public address never leads the
// crawler to a loopback, private or link-local one, whether by a redirect
// within its site, an extra start page, or DNS that changes its answer. A
// competitor whose own host is private (an intranet, or loopback in
// tests) may be crawled there.
func TestAddressGuard(t *testing.T) {
	var srv *testSite
	srv = newSite(t, "", map[string]http.HandlerFunc{"": func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case strings.HasPrefix(r.Host, "shop.test") && r.URL.Path == "/":
			http.Redirect(w, r, srv.at("static.shop.test")+"/", http.StatusFound)
		default:
			htmlRoute(`<a href="/moved">Help</a>`)(w, r)
		}
	}})
	dns := fakeDNS{"shop.test": "203.0.114.7", "static.shop.test": "127.0.0.1", "intranet.test": "10.1.2.3"}
	tests := []struct {
		name     string
		resolver Resolver
		start    string
		pages    []string
		wantHits []string
		wantErrs []string // substrings, in order
	}{
		{name: "start page moving to a same-site host on loopback", resolver: dns, start: "shop.test",
			wantHits: []string{"shop.test /robots.txt", "shop.test /"},
			wantErrs: []string{"redirect target not fetched: site unreachable (robots.txt: ", "static.shop.test resolves to 127.0.0.1, not a public address; not fetched"}},
		{name: "extra start page on a metadata address", resolver: dns, start: "shop.test",
			pages:    []string{"http://169.254.169.254/latest/meta-data/"},
			wantHits: []string{"shop.test /robots.txt", "shop.test /"},
			wantErrs: []string{"static.shop.test resolves to 127.0.0.1", "169.254.169.254 is not a public address; not fetched"}},
		{name: "DNS rebinding after the first answer", resolver: &flipDNS{first: "203.0.114.7", then: "127.0.0.1", after: 1},
			start:    "shop.test",
			wantErrs: []string{"shop.test resolves to 127.0.0.1, not a public address; not fetched"}},
		{name: "a competitor on a private network", resolver: dns, start: "intranet.test",
			wantHits: []string{"intranet.test /robots.txt", "intranet.test /", "intranet.test /moved"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.reset()
			c := testCrawler(t, config.Crawl{NoSitemaps: true, Retries: -1})
			c.Resolver, c.Dial = tt.resolver, loopbackDial
			cp := comp("c", srv.at(tt.start)+"/")
			cp.Pages = tt.pages
			file, _ := c.Run(context.Background(), []config.Competitor{cp})
			if diff := cmp.Diff(tt.wantHits, srv.hostPaths()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			errs := strings.Join(errorsOf(file.Competitors[0]), "\n")
			for _, w := range tt.wantErrs {
				if !strings.Contains(errs, w) {
					t.Errorf("errors %q, want them to contain %q", errs, w)
				}
			}
			if len(tt.wantErrs) == 0 && errs != "" {
				t.Errorf("errors %q, want none", errs)
			}
		})
	}
}

func TestIsPublic(t *testing.T) {
	for a, want := range map[string]bool{
		"93.184.215.14": true, "2606:2800:21f:cb07:6820:80da:af6b:8b2c": true, "8.8.8.8": true,
		"127.0.0.1": false, "10.0.0.1": false, "172.16.5.4": false, "192.168.1.1": false, "169.254.169.254": false,
		"100.64.0.1": false, "0.0.0.0": false, "224.0.0.1": false, "255.255.255.255": false, "198.18.0.1": false,
		"::1": false, "::": false, "fe80::1": false, "fd00::1": false, "ff02::1": false,
		"::ffff:127.0.0.1": false, "::ffff:8.8.8.8": true, "64:ff9b::a00:1": false, "64:ff9b::808:808": true,
		"2002:a00:1::": false, "2002:808:808::": true,
	} {
		if got := isPublic(netip.MustParseAddr(a)); got != want {
			t.Errorf("isPublic(%s) = %v, want %v", a, got, want)
		}
	}
}

// TestRobotsRedirects: robots.txt redirects are followed hop by hop,
// through each host's gate, within the site or to allowed hosts; a
// redirect elsewhere leaves the origin's rules unknown, so nothing there
// is fetched; more than five redirects count as no robots.txt.
func TestRobotsRedirects(t *testing.T) {
	var srv *testSite
	srv = newSite(t, "", map[string]http.HandlerFunc{"": func(w http.ResponseWriter, r *http.Request) {
		host := strings.Split(r.Host, ":")[0]
		switch {
		case r.URL.Path == "/robots.txt" && host == "acme.test":
			http.Redirect(w, r, srv.at("www.acme.test")+"/robots.txt", http.StatusMovedPermanently)
		case r.URL.Path == "/robots.txt" && host == "shop.test":
			http.Redirect(w, r, srv.at("robots-host.test")+"/robots.txt", http.StatusFound)
		case r.URL.Path == "/robots.txt" && host == "loop.test":
			http.Redirect(w, r, "/r/1", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/r/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/r/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n+1), http.StatusFound)
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
		default:
			htmlRoute(`<a href="/private">P</a><a href="/public">Q</a>`)(w, r)
		}
	}})
	dns := fakeDNS{"acme.test": "127.0.0.1", "www.acme.test": "127.0.0.1", "shop.test": "127.0.0.1",
		"robots-host.test": "127.0.0.1", "loop.test": "127.0.0.1"}
	tests := []struct {
		name     string
		start    string
		allowed  []string
		wantHits []string
		wantErr  string
	}{
		{name: "within the site", start: "acme.test",
			wantHits: []string{"acme.test /robots.txt", "www.acme.test /robots.txt", "acme.test /", "acme.test /public"}},
		{name: "to another site", start: "shop.test",
			wantHits: []string{"shop.test /robots.txt"},
			wantErr:  "not fetched: disallowed by robots.txt (robots.txt redirects to http://robots-host.test:" + srv.port() + "/robots.txt, another site: not followed (list its host in allowed_hosts to allow it))"},
		{name: "to an allowed host", start: "shop.test", allowed: []string{"robots-host.test"},
			wantHits: []string{"shop.test /robots.txt", "robots-host.test /robots.txt", "shop.test /", "shop.test /public"}},
		{name: "more than five redirects", start: "loop.test",
			wantHits: []string{"loop.test /robots.txt", "loop.test /r/1", "loop.test /r/2", "loop.test /r/3", "loop.test /r/4",
				"loop.test /r/5", "loop.test /", "loop.test /private", "loop.test /public"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.reset()
			const delay = 20 * time.Millisecond
			c := testCrawler(t, config.Crawl{NoSitemaps: true, AllowedHosts: tt.allowed, Delay: config.Duration(delay)})
			c.Resolver = dns
			file, _ := c.Run(context.Background(), []config.Competitor{comp("c", srv.at(tt.start)+"/")})
			hits := srv.log()
			if diff := cmp.Diff(tt.wantHits, srv.hostPaths()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			// Every hop waited for its host's gate.
			last := map[string]time.Time{}
			for _, h := range hits {
				if end, ok := last[h.Host]; ok && h.Start.Sub(end) < delay {
					t.Errorf("%s %s came %v after the previous request to its host, want >= %v", h.Host, h.Path, h.Start.Sub(end), delay)
				}
				last[h.Host] = h.End
			}
			var want []string
			if tt.wantErr != "" {
				want = []string{tt.wantErr}
			}
			if diff := cmp.Diff(want, errorsOf(file.Competitors[0])); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRobotsRetries: a 5xx robots.txt is retried like a page, and the
// file then applies; one that stays 5xx closes the site.
func TestRobotsRetries(t *testing.T) {
	tests := []struct {
		name       string
		failures   int // 500 answers before the file
		retryAfter string
		wantRobots int
		wantErr    string
	}{
		{name: "500 then the file", failures: 1, wantRobots: 2},
		{name: "500 until the retries run out", failures: 9, wantRobots: 3, wantErr: "robots.txt answered HTTP 500"},
		{name: "503 asking for a long pause is not retried", failures: 9, retryAfter: "3600", wantRobots: 1, wantErr: "robots.txt answered HTTP 503"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int64
			site := newSite(t, "", map[string]http.HandlerFunc{
				"/robots.txt": func(w http.ResponseWriter, _ *http.Request) {
					if int(n.Add(1)) <= tt.failures {
						code := http.StatusInternalServerError
						if tt.retryAfter != "" {
							w.Header().Set("Retry-After", tt.retryAfter)
							code = http.StatusServiceUnavailable
						}
						w.WriteHeader(code)
						return
					}
					fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
				},
				"": htmlRoute(`<a href="/private">P</a><a href="/public">Q</a>`),
			})
			c := testCrawler(t, config.Crawl{NoSitemaps: true, Retries: 2, MaxRetryWait: config.Duration(time.Second)})
			file, _ := c.Run(context.Background(), []config.Competitor{comp("c", site.URL+"/")})
			robots := 0
			for _, p := range site.paths() {
				if p == "/robots.txt" {
					robots++
				}
				if p == "/private" {
					t.Error("/private was fetched")
				}
			}
			if robots != tt.wantRobots {
				t.Errorf("robots.txt requested %d times, want %d", robots, tt.wantRobots)
			}
			errs := errorsOf(file.Competitors[0])
			if tt.wantErr == "" && len(errs) > 0 || tt.wantErr != "" && (len(errs) != 1 || !strings.Contains(errs[0], tt.wantErr)) {
				t.Errorf("errors %q, want %q", errs, tt.wantErr)
			}
		})
	}
}

// TestRobotsCheckedOnTheFetchedURL: links that reach a disallowed path
// through dot segments, "%2e" dots, escaped letters or backslashes are
// checked as the request that is sent, so none reaches it.
func TestRobotsCheckedOnTheFetchedURL(t *testing.T) {
	links := []string{"/public/../private/a", "/public/%2e%2e/private/b", "/public/%2E./private/c", "/./private/d",
		"/%70rivate/e", "/public/..%2fprivate/f", `\private\g`, "/public/.%2E/private/h", "//private/i"}
	var body strings.Builder
	for _, l := range links {
		fmt.Fprintf(&body, `<a href="%s">x</a>`, l)
	}
	site := newSite(t, "", map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "User-agent: *\nDisallow: /private\n") },
		"/":           htmlRoute(body.String()),
		"":            htmlRoute("ok"),
	})
	c := testCrawler(t, config.Crawl{NoSitemaps: true})
	if _, err := c.Run(context.Background(), []config.Competitor{comp("c", site.URL+"/")}); err != nil {
		t.Fatal(err)
	}
	var fetched []string
	for _, h := range site.log() {
		u, err := url.ParseRequestURI(h.Path)
		if err != nil {
			t.Fatal(err)
		}
		// What a server would serve: decoded (even the slashes) and with
		// dot segments resolved.
		if served := path.Clean(u.Path); strings.HasPrefix(served, "/private") {
			t.Errorf("request %s reaches %s, which robots.txt disallows", h.Path, served)
		}
		fetched = append(fetched, h.Path)
	}
	// "//private/i" is another host (named "private"): out of scope.
	slices.Sort(fetched)
	want := []string{"/", "/robots.txt"}
	if diff := cmp.Diff(want, fetched); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestPageRobotsRules: nofollow (meta robots, a meta for our product
// token, X-Robots-Tag, rel="nofollow") stops discovery; another
// crawler's directives do not; noindex pages are still read.
func TestPageRobotsRules(t *testing.T) {
	tests := []struct {
		name      string
		home      http.HandlerFunc
		ignore    bool
		wantPaths []string // fetched besides / and robots.txt
	}{
		{name: "meta robots nofollow", home: htmlRoute(`<meta name="robots" content="index, nofollow"><a href="/a">a</a>`)},
		{name: "meta robots none", home: htmlRoute(`<meta name="ROBOTS" content="none"><a href="/a">a</a>`)},
		{name: "meta for our token", home: htmlRoute(`<meta name="CXBench" content="nofollow"><a href="/a">a</a>`)},
		{name: "meta for another crawler", home: htmlRoute(`<meta name="googlebot" content="nofollow"><a href="/a">a</a>`),
			wantPaths: []string{"/a"}},
		{name: "X-Robots-Tag", home: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Add("X-Robots-Tag", "noarchive")
			w.Header().Add("X-Robots-Tag", "noindex, nofollow")
			htmlRoute(`<a href="/a">a</a>`)(w, r)
		}},
		{name: "X-Robots-Tag for our token", home: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Robots-Tag", "cxbench: nofollow")
			htmlRoute(`<a href="/a">a</a>`)(w, r)
		}},
		{name: "X-Robots-Tag for another crawler", home: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Robots-Tag", "otherbot: nofollow")
			w.Header().Add("X-Robots-Tag", "unavailable_after: 25 Jun 2010 15:00:00 PST")
			htmlRoute(`<a href="/a">a</a>`)(w, r)
		}, wantPaths: []string{"/a"}},
		{name: "rel nofollow on one link", home: htmlRoute(`<a href="/a" rel="sponsored NoFollow">a</a><a href="/b" rel="noopener">b</a>`),
			wantPaths: []string{"/b"}},
		{name: "noindex: read, links followed", home: htmlRoute(`<meta name="robots" content="noindex"><a href="/a">a</a>`),
			wantPaths: []string{"/a"}},
		{name: "ignore_robots", ignore: true, home: htmlRoute(`<meta name="robots" content="nofollow"><a href="/a" rel="nofollow">a</a>`),
			wantPaths: []string{"/a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newSite(t, "", map[string]http.HandlerFunc{"/": tt.home, "": htmlRoute("page")})
			c := testCrawler(t, config.Crawl{NoSitemaps: true, IgnoreRobots: tt.ignore})
			var read atomic.Int64
			c.OnPage = func(config.Competitor, *extract.Page) { read.Add(1) }
			file, err := c.Run(context.Background(), []config.Competitor{comp("c", site.URL+"/")})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range site.paths() {
				if p != "/" && p != "/robots.txt" {
					got = append(got, p)
				}
			}
			if diff := cmp.Diff(tt.wantPaths, got); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if n := int(read.Load()); n != 1+len(tt.wantPaths) {
				t.Errorf("%d pages read, want every fetched page (%d)", n, 1+len(tt.wantPaths))
			}
			if !file.Competitors[0].Complete {
				t.Error("incomplete: a nofollow page's links are not part of the site's discoverable pages")
			}
		})
	}
}

// TestCookieFlood: a site setting 100 new cookies on every response gets
// at most maxCookiesPerHost back, however long the crawl, and the crawl
// fetches what it would without them.
func TestCookieFlood(t *testing.T) {
	links := htmlRoute(strings.Repeat(`<a href="/p/x">x</a>`, 0) + func() string {
		var b strings.Builder
		for i := range 20 {
			fmt.Fprintf(&b, `<a href="/p/%d">p</a>`, i)
		}
		return b.String()
	}())
	var seq atomic.Int64
	flood := func(w http.ResponseWriter, r *http.Request) {
		n := seq.Add(1)
		for i := range 100 {
			http.SetCookie(w, &http.Cookie{Name: fmt.Sprintf("c%d_%d", n, i), Value: strings.Repeat("v", 200), Path: "/"})
		}
		links(w, r)
	}
	plain := newSite(t, "", map[string]http.HandlerFunc{"": links})
	flooded := newSite(t, "", map[string]http.HandlerFunc{"": flood})
	c := testCrawler(t, config.Crawl{NoSitemaps: true, IgnoreRobots: true})
	file, err := c.Run(context.Background(), []config.Competitor{comp("plain", plain.URL+"/"), comp("flooded", flooded.URL+"/")})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := len(file.Competitors[0].Pages), len(file.Competitors[1].Pages); a != b || a != 21 {
		t.Errorf("pages: %d without cookies, %d with the flood; want 21 both", a, b)
	}
	most := 0
	for _, h := range flooded.log() {
		most = max(most, h.Cookies)
	}
	if most != maxCookiesPerHost {
		t.Errorf("the most cookies sent with one request = %d, want the cap %d", most, maxCookiesPerHost)
	}
}

func TestBoundedJar(t *testing.T) {
	u, _ := url.Parse("https://shop.example/")
	j := newBoundedJar()
	var cs []*http.Cookie
	for i := range 80 {
		cs = append(cs, &http.Cookie{Name: fmt.Sprintf("c%02d", i), Value: "v"})
	}
	cs = append(cs, &http.Cookie{Name: "huge", Value: strings.Repeat("x", maxCookieBytes)})
	j.SetCookies(u, cs)
	if n := len(j.Cookies(u)); n != maxCookiesPerHost {
		t.Errorf("%d cookies kept, want %d", n, maxCookiesPerHost)
	}
	// A kept cookie can still change.
	j.SetCookies(u, []*http.Cookie{{Name: "c00", Value: "new"}})
	for _, c := range j.Cookies(u) {
		if c.Name == "c00" && c.Value != "new" {
			t.Errorf("c00 = %q, want the update", c.Value)
		}
	}
	// Bytes are bounded too.
	other, _ := url.Parse("https://big.example/")
	var big []*http.Cookie
	for i := range 20 {
		big = append(big, &http.Cookie{Name: fmt.Sprintf("b%d", i), Value: strings.Repeat("x", 4000)})
	}
	j.SetCookies(other, big)
	total := 0
	for _, c := range j.Cookies(other) {
		total += len(c.Name) + len(c.Value)
	}
	if total > maxCookieBytesPerHost || total == 0 {
		t.Errorf("%d bytes of cookies kept, want 1..%d", total, maxCookieBytesPerHost)
	}
}

// TestTimeBounds: Crawl-delay is capped at crawl.max_crawl_delay, a
// Retry-After longer than crawl.max_retry_wait closes the host instead of
// stalling the crawl, and crawl.max_time ends a competitor's crawl,
// keeping what it fetched.
func TestTimeBounds(t *testing.T) {
	t.Run("Crawl-delay capped", func(t *testing.T) {
		const maxDelay = 60 * time.Millisecond
		site := newSite(t, "", map[string]http.HandlerFunc{
			"/robots.txt": func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "User-agent: *\nCrawl-delay: 86400\n") },
			"":            htmlRoute(`<a href="/a">a</a><a href="/b">b</a><a href="/c">c</a>`),
		})
		c := testCrawler(t, config.Crawl{NoSitemaps: true, MaxCrawlDelay: config.Duration(maxDelay), MaxTime: config.Duration(10 * time.Second)})
		file, err := c.Run(context.Background(), []config.Competitor{comp("c", site.URL+"/")})
		if err != nil {
			t.Fatal(err)
		}
		if got := file.Competitors[0]; len(got.Pages) != 4 || !got.Complete {
			t.Errorf("%d pages, complete %v; want 4, true", len(got.Pages), got.Complete)
		}
		for i, g := range gaps(site.log()) {
			if g < maxDelay || g > 2*time.Second {
				t.Errorf("gap %d = %v, want the cap %v (not a day)", i, g, maxDelay)
			}
		}
	})
	t.Run("Retry-After beyond max_retry_wait", func(t *testing.T) {
		site := newSite(t, "", map[string]http.HandlerFunc{
			"/": htmlRoute(`<a href="/a">a</a><a href="/b">b</a><a href="/c">c</a>`),
			"/a": func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Retry-After", "3600")
				http.Error(w, "later", http.StatusServiceUnavailable)
			},
			"": htmlRoute("page"),
		})
		c := testCrawler(t, config.Crawl{NoSitemaps: true, Retries: 2, MaxRetryWait: config.Duration(time.Second)})
		file, _ := c.Run(context.Background(), []config.Competitor{comp("c", site.URL+"/")})
		if diff := cmp.Diff([]string{"/", "/a", "/robots.txt"}, site.paths()); diff != "" {
			t.Errorf("requests (-want +got):\n%s", diff)
		}
		want := []string{"HTTP 503 Service Unavailable asking for a pause of 1h0m0s (Retry-After), longer than crawl.max_retry_wait 1s: no more requests to " +
			strings.TrimPrefix(site.URL, "http://") + " in this run"}
		got := file.Competitors[0]
		if diff := cmp.Diff(want, errorsOf(got)); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
		if got.Complete {
			t.Error("complete, but /b and /c were not fetched")
		}
	})
	t.Run("max_time", func(t *testing.T) {
		site := newSite(t, "", slowPages(50, 0))
		const maxTime = 300 * time.Millisecond
		c := testCrawler(t, config.Crawl{NoSitemaps: true, IgnoreRobots: true, Delay: config.Duration(100 * time.Millisecond), MaxTime: config.Duration(maxTime)})
		c.Extractor = extract.New(nil)
		other := newSite(t, "", slowPages(2, 0))
		file, err := c.Run(context.Background(), []config.Competitor{comp("slow", site.URL+"/"), comp("other", other.URL+"/")})
		if err != nil {
			t.Fatal(err)
		}
		got := file.Competitors[0]
		n := len(got.Pages)
		if n < 1 || n > 5 || got.Complete {
			t.Errorf("%d pages, complete %v; want the 2 to 4 pages of 300ms, incomplete", n, got.Complete)
		}
		want := []string{fmt.Sprintf("crawl stopped after 300ms (crawl.max_time); the %d pages fetched by then are kept", n)}
		if diff := cmp.Diff(want, errorsOf(got)); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
		if _, ok := got.Signals[signal.SitePages]; !ok {
			t.Error("no signals from the pages fetched before the time ran out")
		}
		if o := file.Competitors[1]; !o.Complete || len(o.Pages) != 2 {
			t.Errorf("other competitor: %d pages, complete %v", len(o.Pages), o.Complete)
		}
	})
}

// panicObserver panics when a page of the competitor with the given id
// is fetched.
type panicObserver struct{ id string }

func (o panicObserver) Started(config.Competitor, int) {}
func (o panicObserver) Fetched(c config.Competitor, _ signal.Page) {
	if c.ID == o.id {
		panic("observer bug")
	}
}
func (o panicObserver) Failed(config.Competitor, signal.CrawlError)    {}
func (o panicObserver) Finished(config.Competitor, *signal.Competitor) {}

// TestPanicsAreContained: a panic while extracting one page costs that
// page (and the crawl's completeness); a panic elsewhere in a
// competitor's crawl costs the rest of that crawl. The other competitors
// lose nothing and the run returns.
func TestPanicsAreContained(t *testing.T) {
	mk := func() *testSite {
		return newSite(t, "", map[string]http.HandlerFunc{
			"/":     htmlRoute(`<a href="/boom">Returns</a><a href="/fine">Shipping</a>`),
			"/boom": htmlRoute("<p>Returns within 30 days.</p>"),
			"/fine": htmlRoute("<p>Free shipping.</p>"),
			"":      htmlRoute("x"),
		})
	}
	a, b, cs := mk(), mk(), mk()
	c := testCrawler(t, config.Crawl{NoSitemaps: true})
	c.Extractor = extract.New(nil)
	c.Observer = panicObserver{id: "c"}
	var mu sync.Mutex
	var read []string
	c.OnPage = func(cp config.Competitor, p *extract.Page) {
		if cp.ID == "a" && p.URL.Path == "/boom" {
			panic(errors.New("extractor bug"))
		}
		mu.Lock()
		read = append(read, cp.ID+p.URL.Path)
		mu.Unlock()
	}
	file, err := c.Run(context.Background(), []config.Competitor{comp("a", a.URL+"/"), comp("b", b.URL+"/"), comp("c", cs.URL+"/")})
	if err != nil {
		t.Fatal(err)
	}
	ga, gb, gc := file.Competitors[0], file.Competitors[1], file.Competitors[2]
	if diff := cmp.Diff([]string{"extracting signals: internal error: extractor bug"}, errorsOf(ga)); diff != "" {
		t.Errorf("a: errors (-want +got):\n%s", diff)
	}
	if len(ga.Pages) != 3 || ga.Complete || len(ga.Signals) == 0 {
		t.Errorf("a: %d pages, complete %v, %d signals; want 3 pages, incomplete, the other pages' signals", len(ga.Pages), ga.Complete, len(ga.Signals))
	}
	if len(gb.Pages) != 3 || !gb.Complete || len(gb.Errors) > 0 || len(gb.Signals) == 0 {
		t.Errorf("b: %d pages, complete %v, errors %v, %d signals", len(gb.Pages), gb.Complete, gb.Errors, len(gb.Signals))
	}
	if diff := cmp.Diff([]string{"crawling: internal error: observer bug"}, errorsOf(gc)); diff != "" {
		t.Errorf("c: errors (-want +got):\n%s", diff)
	}
	if gc.Complete || len(gc.Pages) != 1 || gc.Signals == nil {
		t.Errorf("c: %d pages, complete %v, signals %v; want the page fetched before the panic, incomplete", len(gc.Pages), gc.Complete, gc.Signals)
	}
	slices.Sort(read)
	// c's observer panicked while its first page was being recorded,
	// before it was read.
	if diff := cmp.Diff([]string{"a/", "a/fine", "b/", "b/boom", "b/fine"}, read); diff != "" {
		t.Errorf("pages read (-want +got):\n%s", diff)
	}
}

// TestRelativeStartPages: pages: entries that are paths are resolved
// against the competitor's URL.
func TestRelativeStartPages(t *testing.T) {
	site := newSite(t, "", map[string]http.HandlerFunc{"": htmlRoute("page")})
	c := testCrawler(t, config.Crawl{NoSitemaps: true})
	cp := comp("c", site.URL+"/shop/")
	cp.Pages = []string{"/help/returns", " /help/../shipping ", "/faq?x=1#top", "help/no-slash"}
	file, err := c.Run(context.Background(), []config.Competitor{cp})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/faq?x=1", "/help/returns", "/robots.txt", "/shipping", "/shop/"}, site.paths()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	want := []string{"invalid start URL: want an absolute http or https URL, or a path such as /returns"}
	if diff := cmp.Diff(want, errorsOf(file.Competitors[0])); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
