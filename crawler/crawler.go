package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/signal"
)

// Crawler crawls competitors' sites. Zero-value fields get defaults.
type Crawler struct {
	// Settings come from benchmarks.yaml; zero values mean the config
	// package's defaults. A negative Delay means no delay at all and a
	// negative Retries means no retries (for loopback tests and benchmarks).
	Settings config.Crawl
	// Extractor turns pages into signals; nil extracts nothing.
	Extractor *extract.Extractor
	// Transport is the HTTP transport; nil means cxbench's own, which
	// connects only to public addresses (unless the competitor's own host
	// is not public: see the package doc) and limits response headers to
	// 256 KiB. A Transport given here is used as it is: no address guard.
	// Either way it is wrapped by the decompressing and timing transports.
	Transport http.RoundTripper
	// Resolver and Dial replace DNS resolution and TCP dialling in
	// cxbench's own transport (tests map names to loopback servers); the
	// address guard sits between them. nil means the system's.
	Resolver Resolver
	Dial     func(ctx context.Context, network, addr string) (net.Conn, error)
	// Logger receives debug and warning messages; nil discards them.
	Logger *slog.Logger
	// Observer is told about progress; nil means nobody.
	Observer Observer
	// Now is the clock for started_at and finished_at; nil means time.Now.
	Now func() time.Time
	// RetryBackoff is the first wait before retrying a 429, 503 or network
	// error when the server sent no Retry-After; it doubles per retry.
	// Zero means one second.
	RetryBackoff time.Duration
	// OnPage, when set, sees every parsed HTML page just before the
	// extractor does. It must not keep the page.
	OnPage func(comp config.Competitor, p *extract.Page)
	// Pages, when set, keeps every HTML page the crawl reads (the body as
	// fetched, its status and the headers extraction needs) in crawl
	// order, for cxbench extract and the next run's conditional requests.
	// Each competitor's measured page records are handed to it when its
	// crawl ends; committing it is the caller's.
	Pages *pagestore.Writer
	// Previous, when set, makes the crawl conditional: a page the last
	// run stored whole, with an ETag or Last-Modified, is requested with
	// If-None-Match / If-Modified-Since, and on 304 Not Modified the
	// stored body is read again (the page is recorded with not_modified).
	Previous *pagestore.Store

	// maxParts overrides maxPageParts (tests cut small pages).
	maxParts int
}

// Observer is told about a crawl's progress. Its methods are called from
// several goroutines at once.
type Observer interface {
	// Started: a competitor's crawl begins, with its page budget.
	Started(comp config.Competitor, budget int)
	// Fetched: a page was fetched (whatever its status).
	Fetched(comp config.Competitor, page signal.Page)
	// Failed: an error was recorded.
	Failed(comp config.Competitor, err signal.CrawlError)
	// Finished: a competitor's crawl ended.
	Finished(comp config.Competitor, result *signal.Competitor)
}

// settings is Crawl with defaults applied.
type settings struct {
	config.Crawl
	delay time.Duration
}

func (c *Crawler) settings() settings {
	// config.Parse sets the delay and retry defaults when benchmarks.yaml
	// leaves them out; here 0 (or less) means none, as written.
	s := c.Settings.WithDefaults()
	s.Delay = max(s.Delay, 0)
	s.Retries = max(s.Retries, 0)
	return settings{Crawl: s, delay: s.Delay.D()}
}

// run is the state shared by all competitors of one Run.
type run struct {
	c        *Crawler
	s        settings
	ctx      context.Context // the run's: cancelled when Run's ctx is, or returns
	hosts    *hosts
	nets     map[bool]*network // by "may reach non-public addresses"
	parse    *parseGate
	maxParts int // per page
	log      *slog.Logger
	obs      Observer
	now      func() time.Time
	backoff  time.Duration
}

// network is how one competitor's requests reach the web.
type network struct {
	private   bool // non-public addresses may be reached
	userAgent string
	transport http.RoundTripper // pages: decompression over timing over the base
	robots    *http.Client      // robots.txt: decompression over the base; no redirects
}

// maxHeaderBytes bounds a response's headers in cxbench's own transport.
const maxHeaderBytes = 256 << 10

// newNetworks builds the two networks of a run: one that connects to
// public addresses only, one that may also reach private ones.
func (c *Crawler) newNetworks(s settings) (map[bool]*network, func()) {
	nets := map[bool]*network{}
	var own []*http.Transport
	for _, private := range []bool{false, true} {
		base := c.Transport
		if base == nil {
			d := newGuardedDialer(c.Resolver, c.Dial, private)
			t := http.DefaultTransport.(*http.Transport).Clone()
			t.Proxy = d.proxy
			t.DialContext = d.DialContext
			t.MaxIdleConnsPerHost = 2
			t.MaxResponseHeaderBytes = maxHeaderBytes
			t.DisableCompression = true // inflateTransport decompresses, bounded by the reader
			own = append(own, t)
			base = t
		}
		nets[private] = &network{
			private:   private,
			userAgent: s.UserAgent,
			transport: &inflateTransport{base: &timingTransport{base: base, now: time.Now}},
			robots: &http.Client{
				Transport:     &inflateTransport{base: base},
				Timeout:       s.Timeout.D(),
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			},
		}
	}
	return nets, func() {
		for _, t := range own {
			t.CloseIdleConnections()
		}
	}
}

// network picks the network of a competitor: the private one when its
// own host is not a public address (an intranet site, or loopback in
// tests), else the public one. Only with cxbench's own transport.
func (r *run) network(ctx context.Context, comp config.Competitor) *network {
	u := parseOrNil(comp.URL)
	if r.c.Transport != nil || u == nil || u.Hostname() == "" {
		return r.nets[false]
	}
	ctx, cancel := context.WithTimeout(ctx, r.s.Timeout.D())
	defer cancel()
	return r.nets[hostIsPrivate(ctx, r.c.Resolver, u.Hostname())]
}

// Run crawls the competitors, up to Settings.Concurrency at once, and
// returns one signal.Competitor per input, in input order. Failures are
// recorded in Competitor.Errors. The error is non-nil only when nothing at
// all could be fetched or ctx was cancelled; the file is returned anyway,
// with what was collected.
func (c *Crawler) Run(ctx context.Context, competitors []config.Competitor) (*signal.File, error) {
	now := c.Now
	if now == nil {
		now = time.Now
	}
	log := c.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := c.settings()
	backoff := c.RetryBackoff
	if backoff <= 0 {
		backoff = time.Second
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	nets, closeIdle := c.newNetworks(s)
	defer closeIdle()
	r := &run{
		c: c, s: s, ctx: runCtx, log: log, obs: c.Observer, now: now, backoff: backoff,
		hosts: newHosts(runCtx, s, backoff), nets: nets, parse: newParseGate(), maxParts: maxPageParts,
	}
	if c.maxParts > 0 {
		r.maxParts = c.maxParts
	}

	file := &signal.File{
		Schema:      signal.Schema,
		Tool:        "cxbench/" + config.Version,
		UserAgent:   s.UserAgent,
		StartedAt:   now().UTC(),
		Competitors: make([]signal.Competitor, len(competitors)),
	}
	for i, comp := range competitors {
		file.Competitors[i] = signal.Competitor{
			ID: comp.ID, Name: comp.Name, URL: comp.URL, Self: comp.Self,
			Pages: []signal.Page{}, Errors: []signal.CrawlError{}, Signals: map[string]signal.Signal{},
		}
	}

	sem := make(chan struct{}, s.Concurrency)
	var wg sync.WaitGroup
	for i, comp := range competitors {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			out := &file.Competitors[i]
			out.Errors = append(out.Errors, signal.CrawlError{Message: "not crawled: " + ctx.Err().Error()})
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r.crawl(runCtx, comp, &file.Competitors[i])
		}()
	}
	wg.Wait()
	file.FinishedAt = now().UTC()

	if err := ctx.Err(); err != nil {
		return file, fmt.Errorf("crawling: %w", err)
	}
	for _, comp := range file.Competitors {
		for _, p := range comp.Pages {
			if p.Status >= 200 && p.Status < 300 {
				return file, nil
			}
		}
	}
	if len(competitors) == 0 {
		return file, nil
	}
	return file, errNothingCrawled
}

// errNothingCrawled is returned when no page of any competitor could be
// fetched.
var errNothingCrawled = errors.New("crawling: no page of any competitor could be fetched (see each competitor's errors)")
