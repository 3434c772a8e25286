package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	sitefarm "github.com/cxbench/cxbench/internal/farm"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// bomb is a gzip stream of about 1 MB that inflates to 1 GiB.
var bomb = sync.OnceValue(func() []byte {
	b, err := sitefarm.GzipBomb(1 << 30)
	if err != nil {
		panic(err)
	}
	return b
})

func gzipString(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// serve returns a handler writing body with the given headers.
func serve(body []byte, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Write(body)
	}
}

// TestDecompressionBounded serves 1 GiB decompression bombs in every gzip
// form: what the crawler reads is bounded by max_body after inflation,
// the cut is recorded, and the crawl allocates megabytes, not gigabytes.
// Well-formed compressed pages and sitemaps are read.
func TestDecompressionBounded(t *testing.T) {
	const maxBody = 1 << 20
	home := []byte(`<html><body><p>Home</p></body></html>`)
	robots := func(sitemap string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "User-agent: *\nAllow: /\n")
			if sitemap != "" {
				fmt.Fprintf(w, "Sitemap: http://%s%s\n", r.Host, sitemap)
			}
		}
	}
	tests := []struct {
		name      string
		routes    map[string]http.HandlerFunc
		wantErrs  []string // "path: message"
		wantPages []string // paths of 200 pages, sorted
		wantText  string   // text the extractor must see on some page
	}{
		{name: "Content-Encoding gzip", routes: map[string]http.HandlerFunc{
			"/": serve(bomb(), "Content-Type", "text/html", "Content-Encoding", "gzip")},
			wantErrs: []string{"/: body truncated at 1048576 bytes (crawl.max_body)"}, wantPages: []string{"/"}},
		{name: "Content-Encoding x-gzip", routes: map[string]http.HandlerFunc{
			"/": serve(bomb(), "Content-Type", "text/html", "Content-Encoding", "x-gzip")},
			wantErrs: []string{"/: body truncated at 1048576 bytes (crawl.max_body)"}, wantPages: []string{"/"}},
		{name: "Content-Encoding gzip twice", routes: map[string]http.HandlerFunc{
			"/": serve(gzipString(t, string(bomb())), "Content-Type", "text/html", "Content-Encoding", "gzip, gzip")},
			wantErrs: []string{"/: body truncated at 1048576 bytes (crawl.max_body)"}, wantPages: []string{"/"}},
		{name: "gzip file named by the URL", routes: map[string]http.HandlerFunc{
			"/":        serve([]byte(`<a href="/page.gz">x</a>`), "Content-Type", "text/html"),
			"/page.gz": serve(bomb(), "Content-Type", "text/html")},
			// Links to .gz files are not followed; a start page may be one.
			wantPages: []string{"/"}},
		{name: "sitemap with Content-Encoding gzip", routes: map[string]http.HandlerFunc{
			"/robots.txt": robots("/sitemap.xml"), "/": serve(home, "Content-Type", "text/html"),
			"/sitemap.xml": serve(bomb(), "Content-Type", "application/xml", "Content-Encoding", "gzip")},
			wantErrs:  []string{"/sitemap.xml: sitemap truncated at 1048576 bytes (crawl.max_body); the URLs before the cut are used"},
			wantPages: []string{"/"}},
		{name: "sitemap.xml.gz", routes: map[string]http.HandlerFunc{
			"/robots.txt": robots("/sitemap.xml.gz"), "/": serve(home, "Content-Type", "text/html"),
			"/sitemap.xml.gz": serve(bomb(), "Content-Type", "application/octet-stream")},
			wantErrs:  []string{"/sitemap.xml.gz: sitemap truncated at 1048576 bytes (crawl.max_body); the URLs before the cut are used"},
			wantPages: []string{"/"}},
		{name: "sitemap typed application/x-gzip", routes: map[string]http.HandlerFunc{
			"/":            serve(home, "Content-Type", "text/html"),
			"/sitemap.xml": serve(bomb(), "Content-Type", "application/x-gzip")},
			wantErrs:  []string{"/sitemap.xml: sitemap truncated at 1048576 bytes (crawl.max_body); the URLs before the cut are used"},
			wantPages: []string{"/"}},
		{name: "robots.txt with Content-Encoding gzip", routes: map[string]http.HandlerFunc{
			"/robots.txt": serve(bomb(), "Content-Type", "text/plain", "Content-Encoding", "gzip"),
			"/":           serve(home, "Content-Type", "text/html")},
			wantPages: []string{"/"}},
		{name: "a gzipped page is read", routes: map[string]http.HandlerFunc{
			"/": serve(gzipString(t, `<html><body><p>Returns within 30 days.</p></body></html>`), "Content-Type", "text/html", "Content-Encoding", "x-gzip")},
			wantPages: []string{"/"}, wantText: "Returns within 30 days."},
		{name: "a gzipped sitemap is read", routes: map[string]http.HandlerFunc{
			"/robots.txt": robots("/sitemap.xml.gz"), "/": serve(home, "Content-Type", "text/html"),
			"/sitemap.xml.gz": func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/x-gzip")
				w.Write(gzipString(t, fmt.Sprintf(`<urlset><url><loc>http://%s/from-sitemap</loc></url></urlset>`, r.Host)))
			},
			"/from-sitemap": serve([]byte(`<p>Found through the sitemap.</p>`), "Content-Type", "text/html")},
			wantPages: []string{"/", "/from-sitemap"}, wantText: "Found through the sitemap."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := map[string]http.HandlerFunc{"": http.NotFound}
			for k, v := range tt.routes {
				routes[k] = v
			}
			site := newSite(t, "", routes)
			c := testCrawler(t, config.Crawl{MaxBody: maxBody, MaxPages: 5})
			var mu sync.Mutex
			var texts []string
			c.OnPage = func(_ config.Competitor, p *extract.Page) {
				mu.Lock()
				texts = append(texts, strings.TrimSpace(p.Doc.Text()))
				mu.Unlock()
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			file, err := c.Run(context.Background(), []config.Competitor{comp("z", site.URL+"/")})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			// An unbounded inflation allocates at least the 1 GiB.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
				t.Errorf("the crawl allocated %d MiB, want < 100 MiB", alloc>>20)
			}
			got := file.Competitors[0]
			var errs, pages []string
			for _, e := range got.Errors {
				errs = append(errs, strings.TrimPrefix(e.URL, site.URL)+": "+e.Message)
			}
			for _, p := range got.Pages {
				if p.Status == 200 {
					pages = append(pages, strings.TrimPrefix(p.URL, site.URL))
				}
				if p.Truncated && p.Bytes != maxBody {
					t.Errorf("%s: truncated with %d bytes, want %d", p.URL, p.Bytes, maxBody)
				}
			}
			slices.Sort(pages)
			if diff := cmp.Diff(tt.wantErrs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPages, pages); diff != "" {
				t.Errorf("pages (-want +got):\n%s", diff)
			}
			if tt.wantText != "" && !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, tt.wantText) }) {
				t.Errorf("no page text contains %q: %q", tt.wantText, texts)
			}
		})
	}
}

// TestHostileFarm crawls every trap of the hostile farm in one run with
// ordinary sites: the run finishes, each hostile site gets the recorded
// error its trap deserves, nothing is fetched from the host they
// redirect to, and the ordinary sites' signals are all there.
func TestHostileFarm(t *testing.T) {
	clearCollyEnv(t)
	h, err := sitefarm.StartHostile(sitefarm.HostileOptions{BombBytes: 64 << 20, Tick: 50 * time.Millisecond, PageBytes: 300 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	const normalSites, normalPages = 3, 10
	normal, err := sitefarm.Start(normalSites, normalPages)
	if err != nil {
		t.Fatal(err)
	}
	defer normal.Close()

	// What each trap must leave in its competitor's errors ("" for
	// nothing in particular: surviving it is the test).
	want := map[string]string{
		"gzip-bomb": "body truncated at", "x-gzip-bomb": "body truncated at", "double-gzip-bomb": "body truncated at",
		"deflate-bomb": "body truncated at", "gzip-content-type": "",
		"sitemap-gzip-bomb": "sitemap truncated at", "sitemap-xmlgz-bomb": "sitemap truncated at",
		"sitemap-gzip-type-bomb": "sitemap truncated at", "robots-gzip-bomb": "", "robots-endless": "", "robots-binary": "",
		"robots-slow":    "site unreachable (robots.txt: ",
		"endless-body":   "body truncated at",
		"slowloris-body": "timeout after", "slowloris-headers": "timeout after",
		"redirect-chain": "stopped after 10 redirects", "redirect-loop": "redirect loop via",
		"redirect-other-host":        "start page redirects to " + h.OffLimits.URL + "/, another site: not followed",
		"redirect-private":           "start page redirects to http://169.254.169.254/latest/meta-data/, another site: not followed",
		"robots-redirect-other-host": "robots.txt redirects to " + h.OffLimits.URL + "/robots.txt, another site: not followed",
		"link-redirects-off-site":    "leaves the site; not followed",
		"crawl-delay-absurd":         "",
		"retry-after-absurd":         "longer than crawl.max_retry_wait", "retry-after-date": "longer than crawl.max_retry_wait",
		"retry-after-zero": "HTTP 503 Service Unavailable",
		"cookie-flood":     "",
		"huge-headers":     "server response headers exceeded",
		"deep-nesting":     "parsing HTML: html: open stack of elements exceeds 512 nodes",
		"dense-dom":        "(more than 40000 elements, attributes and text runs, counted at their most)",
		"link-flood":       "body truncated at", "attribute-flood": "body truncated at",
		"bad-charset": "", "binary-html": "", "parser-torture": "",
		"sitemap-endless-index": "", "sitemap-long-urls": "sitemap truncated at",
		"calendar-trap": "", "content-length-lie": "unexpected EOF", "huge-location": "redirect to unusable location",
	}
	var comps []config.Competitor
	for _, s := range normal.Sites() {
		comps = append(comps, config.Competitor{ID: s.ID, Name: s.Name, URL: s.URL})
	}
	for _, s := range h.Sites {
		if _, ok := want[strings.TrimPrefix(s.ID, "hostile-")]; !ok {
			t.Errorf("trap %s has no expectation", s.ID)
		}
		comps = append(comps, config.Competitor{ID: s.ID, URL: s.URL})
	}
	c := testCrawler(t, config.Crawl{
		MaxPages: 12, MaxBody: 256 << 10, Timeout: config.Duration(time.Second), Retries: 1,
		Concurrency: 64, MaxCrawlDelay: config.Duration(50 * time.Millisecond),
		MaxRetryWait: config.Duration(100 * time.Millisecond), MaxTime: config.Duration(20 * time.Second),
	})
	c.Extractor = extract.New(nil)
	c.maxParts = 40000 // the dense page is cut at a tenth of the real limit, to keep the test fast
	file, err := c.Run(context.Background(), comps)
	if err != nil {
		t.Fatal(err)
	}
	if n := h.OffLimitsRequests(); n != 0 {
		t.Errorf("the off-limits host received %d requests", n)
	}
	for i, got := range file.Competitors[:normalSites] {
		s := normal.Sites()[i]
		if len(got.Pages) != normalPages || len(got.Errors) > 0 || !got.Complete {
			t.Errorf("%s: %d pages (want %d), errors %v, complete %v", s.ID, len(got.Pages), normalPages, got.Errors, got.Complete)
		}
		wantSig := map[string]any{
			signal.PolicyReturnDays: float64(s.ReturnDays), signal.PolicyWarrantyMonths: float64(s.WarrantyMonths),
			signal.SupportResponseHours: float64(s.ReplyHours), signal.ContactPhone: s.Phone,
		}
		gotSig := map[string]any{}
		for name := range wantSig {
			if sig, ok := got.Signals[name]; ok {
				gotSig[name] = sig.Value.Interface()
			}
		}
		if diff := cmp.Diff(wantSig, gotSig); diff != "" {
			t.Errorf("%s: signals (-want +got):\n%s", s.ID, diff)
		}
	}
	for _, got := range file.Competitors[normalSites:] {
		trap := strings.TrimPrefix(got.ID, "hostile-")
		var msgs []string
		for _, e := range got.Errors {
			msgs = append(msgs, e.Message)
		}
		if w := want[trap]; w != "" && !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, w) }) {
			t.Errorf("%s: errors %q, want one containing %q", got.ID, msgs, w)
		}
		for _, m := range msgs {
			if strings.Contains(m, "internal error") || len(m) > 600 {
				t.Errorf("%s: error %.200q", got.ID, m)
			}
		}
	}
}
