// Package extract turns fetched pages into signals. It is pure: no network,
// no clock. The crawler hands each page to a Collector as soon as it is
// fetched and then drops it; Finish combines the findings of all pages of
// one competitor into signals, following the rules of shared/spec/signals.md.
package extract

import (
	"net/url"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// Page is one fetched HTML page, already decoded to UTF-8 and parsed.
type Page struct {
	URL   *url.URL
	Kind  string // one of signal.PageKinds
	Depth int
	Doc   *goquery.Document
	// Review is true for configured third-party review pages.
	Review bool
}

// Extractor holds what is compiled once per run (custom signals).
// It is safe for concurrent use.
type Extractor struct {
	custom []config.CustomSignal
}

// New returns an Extractor for the run's global custom signals.
func New(custom []config.CustomSignal) *Extractor {
	return &Extractor{custom: custom}
}

// Collector gathers the findings of one competitor's pages. It is safe
// for concurrent use.
type Collector struct {
	// implemented in collector.go
}

// NewCollector starts collecting for one competitor; comp.Signals
// (per-competitor custom signals) override global ones of the same name and
// built-ins.
func (e *Extractor) NewCollector(comp config.Competitor) *Collector {
	return &Collector{}
}

// Add extracts every signal it can from one page.
func (c *Collector) Add(p *Page) {}

// Finish combines the findings into signals. pages are all page records of
// the crawl (for response.median_ms, site.pages, site.https); complete says
// whether the crawl covered the whole site within its budget (presence
// signals are false only then).
func (c *Collector) Finish(pages []signal.Page, complete bool) map[string]signal.Signal {
	return nil
}

// Classify guesses a page's kind from its URL and the text of the link
// that led to it (anchor may be empty), before the page is fetched.
func Classify(u *url.URL, anchor string) string { return signal.KindOther }
