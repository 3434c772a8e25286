package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/gocolly/colly/v2"
)

// farm is a loopback farm of sites, each with pagesPerSite pages: the home
// page links to every page, every page to the home page and ten others,
// as shop navigation does.
type farm struct {
	servers []*httptest.Server
	pages   int
}

func newFarm(b *testing.B, sites, pagesPerSite int) *farm {
	b.Helper()
	body := make([][]byte, pagesPerSite)
	for i := range pagesPerSite {
		var s strings.Builder
		fmt.Fprintf(&s, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page %d</title></head><body><header><nav>`, i)
		for j := range pagesPerSite {
			if i == 0 || j == 0 || (j-i+pagesPerSite)%pagesPerSite <= 10 {
				fmt.Fprintf(&s, `<a href="%s">Page %d</a> `, pagePath(j), j)
			}
		}
		s.WriteString(`</nav></header><main><h1>Outdoor gear</h1>`)
		for range 12 {
			s.WriteString(`<p>Our tents, boots and jackets are tested on real trails. Free delivery on orders over $50 and returns within 30 days.</p>`)
		}
		s.WriteString(`</main><footer><p>© Acme Outdoor</p></footer></body></html>`)
		body[i] = []byte(s.String())
	}
	index := map[string]int{}
	for i := range pagesPerSite {
		index[pagePath(i)] = i
	}
	f := &farm{pages: sites * pagesPerSite}
	for range sites {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.Header().Set("Content-Type", "text/plain")
				w.Write([]byte("User-agent: *\nDisallow: /cart\n"))
				return
			}
			i, ok := index[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body[i])
		}))
		b.Cleanup(srv.Close)
		f.servers = append(f.servers, srv)
	}
	return f
}

func pagePath(i int) string {
	if i == 0 {
		return "/"
	}
	return fmt.Sprintf("/products/item-%d", i)
}

// freshTransport is a new transport per crawl, so neither side reuses the
// other's (or an earlier iteration's) connections.
func freshTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 2
	return t
}

// BenchmarkCrawl crawls a farm of 50 sites x 40 pages with no delay:
// cxbench (with and without robots.txt and sitemap requests, with and
// without the extractor, with the page store) next to a bare async colly collector with one
// request at a time per host.
//
//	go test -run '^$' -bench Crawl -benchtime 5x ./crawler/
func BenchmarkCrawl(b *testing.B) {
	const sites, perSite = 50, 40
	f := newFarm(b, sites, perSite)
	var comps []config.Competitor
	for i, s := range f.servers {
		comps = append(comps, config.Competitor{ID: fmt.Sprintf("site-%d", i), URL: s.URL + "/"})
	}
	run := func(b *testing.B, settings config.Crawl, ex *extract.Extractor, keep bool) {
		settings.Delay, settings.Concurrency, settings.MaxPages = -1, sites, perSite
		b.ReportAllocs()
		pages := 0
		var stored int64
		cpu := cpuTime()
		for b.Loop() {
			c := &Crawler{Settings: settings, Transport: freshTransport(), Extractor: ex, Logger: benchLogger()}
			if keep {
				w, err := pagestore.Create(filepath.Join(b.TempDir(), "pages"))
				if err != nil {
					b.Fatal(err)
				}
				c.Pages = w
			}
			file, err := c.Run(context.Background(), comps)
			if err != nil {
				b.Fatal(err)
			}
			if keep {
				if _, err := c.Pages.Commit(file); err != nil {
					b.Fatal(err)
				}
				stored += c.Pages.Size()
			}
			for _, comp := range file.Competitors {
				pages += len(comp.Pages)
				if len(comp.Errors) > 0 {
					b.Fatalf("%s: %v", comp.ID, comp.Errors)
				}
			}
		}
		if pages != f.pages*b.N {
			b.Fatalf("fetched %d pages, want %d", pages, f.pages*b.N)
		}
		reportCPU(b, cpu)
		b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		if keep {
			b.ReportMetric(float64(stored)/float64(pages), "stored-B/page")
		}
	}
	b.Run("colly-baseline", func(b *testing.B) {
		b.ReportAllocs()
		var pages atomic.Int64
		cpu := cpuTime()
		for b.Loop() {
			c := &colly.Collector{}
			c.Init()
			c.Async = true
			c.WithTransport(freshTransport())
			for _, s := range f.servers {
				if err := c.Limit(&colly.LimitRule{DomainGlob: strings.TrimPrefix(s.URL, "http://"), Parallelism: 1}); err != nil {
					b.Fatal(err)
				}
			}
			c.OnHTML("a[href]", func(e *colly.HTMLElement) { e.Request.Visit(e.Attr("href")) })
			c.OnResponse(func(*colly.Response) { pages.Add(1) })
			for _, s := range f.servers {
				c.Visit(s.URL + "/")
			}
			c.Wait()
		}
		// colly's visited check is not atomic: async crawls fetch the odd
		// page twice.
		if n := pages.Load(); n < int64(f.pages*b.N) {
			b.Fatalf("fetched %d pages, want at least %d", n, f.pages*b.N)
		}
		reportCPU(b, cpu)
		b.ReportMetric(float64(pages.Load())/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("cxbench", func(b *testing.B) { run(b, config.Crawl{}, nil, false) })
	b.Run("cxbench-no-robots-no-sitemaps", func(b *testing.B) {
		run(b, config.Crawl{IgnoreRobots: true, NoSitemaps: true}, nil, false)
	})
	b.Run("cxbench-extract", func(b *testing.B) { run(b, config.Crawl{}, extract.New(nil), false) })
	// What cxbench run does: extract and keep every page.
	b.Run("cxbench-extract-pages", func(b *testing.B) { run(b, config.Crawl{}, extract.New(nil), true) })
}

// cpuTime is the process's user+system CPU time (crawler and servers
// alike), steadier than wall time on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// benchLogger shows retries and errors when CRAWLER_BENCH_DEBUG is set.
func benchLogger() *slog.Logger {
	if os.Getenv("CRAWLER_BENCH_DEBUG") == "" {
		return nil
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// BenchmarkCookieFlood crawls a 40-page site whose every response sets
// 100 new cookies, next to the same site without them: with the bounded
// jar the crawl costs the same.
//
//	go test -run '^$' -bench CookieFlood -benchtime 20x ./crawler/
func BenchmarkCookieFlood(b *testing.B) {
	var links strings.Builder
	for i := range 39 {
		fmt.Fprintf(&links, `<a href="/p/%d">p</a>`, i)
	}
	page := []byte("<html><body>" + links.String() + "</body></html>")
	serve := func(flood bool) *httptest.Server {
		var seq atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if flood {
				n := seq.Add(1)
				for i := range 100 {
					http.SetCookie(w, &http.Cookie{Name: fmt.Sprintf("c%d_%d", n, i), Value: strings.Repeat("v", 200), Path: "/"})
				}
			}
			w.Header().Set("Content-Type", "text/html")
			w.Write(page)
		}))
		b.Cleanup(srv.Close)
		return srv
	}
	for _, flood := range []bool{false, true} {
		srv := serve(flood)
		b.Run(fmt.Sprintf("flood=%v", flood), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				c := &Crawler{Settings: config.Crawl{Delay: -1, IgnoreRobots: true, NoSitemaps: true}, Transport: freshTransport(), Logger: benchLogger()}
				file, err := c.Run(context.Background(), []config.Competitor{{ID: "s", URL: srv.URL + "/"}})
				if err != nil || len(file.Competitors[0].Pages) != 40 {
					b.Fatalf("err %v, %d pages", err, len(file.Competitors[0].Pages))
				}
			}
			reportCPU(b, cpu)
		})
	}
}
