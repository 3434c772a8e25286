package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
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
	// Transport is the HTTP transport; nil means a fresh *http.Transport
	// like http.DefaultTransport. It is wrapped by the timing transport.
	Transport http.RoundTripper
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
	// Cache, when set, makes the crawl conditional: a page the cache has
	// from the last run is requested with If-None-Match / If-Modified-Since,
	// and on 304 Not Modified the stored body is extracted again (the page
	// is recorded with NotModified). Every HTML page fetched is offered to
	// the cache for the next run.
	Cache PageCache
}

// PageCache stores pages between runs for conditional requests. Its
// methods are called from several goroutines at once.
type PageCache interface {
	// Lookup returns what the last run stored about url.
	Lookup(competitor, url string) (StoredPage, bool)
	// Store keeps a page fetched (or revalidated) by this run.
	Store(competitor string, p StoredPage)
}

// StoredPage is a page kept for revalidation: its validators and body.
type StoredPage struct {
	URL          string
	ETag         string
	LastModified string
	ContentType  string
	Body         []byte
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
	c         *Crawler
	s         settings
	hosts     *hosts
	transport http.RoundTripper // timing transport
	log       *slog.Logger
	obs       Observer
	now       func() time.Time
	backoff   time.Duration
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
	base := c.Transport
	if base == nil {
		base = defaultTransport()
	}
	s := c.settings()
	backoff := c.RetryBackoff
	if backoff <= 0 {
		backoff = time.Second
	}
	r := &run{
		c: c, s: s, log: log, obs: c.Observer, now: now, backoff: backoff,
		transport: &timingTransport{base: base, now: time.Now},
		hosts: newHosts(s.delay, !s.IgnoreRobots, s.UserAgent,
			&http.Client{Transport: base, Timeout: s.Timeout.D()}, s.Retries, backoff),
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
			r.crawl(ctx, comp, &file.Competitors[i])
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

// defaultTransport is a fresh transport with http.DefaultTransport's
// settings.
func defaultTransport() http.RoundTripper {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t = t.Clone()
		t.MaxIdleConnsPerHost = 2
		return t
	}
	return http.DefaultTransport
}
