// Package extract turns fetched pages into signals. It is pure: no network,
// no clock. The crawler hands each page to a Collector as soon as it is
// fetched and then drops it; Finish combines the findings of all pages of
// one competitor into signals, following the rules of shared/spec/signals.md.
//
// Structured data (JSON-LD, microdata, RDFa Lite) is read with hand-written,
// lenient parsers; policy prose is read by package policytext; contact
// channels, presence signals and prices come from links, scripts and the
// visible text. Every input is bounded (JSON-LD block size and depth, DOM
// depth, text length), so no page can make extraction slow or panic.
//
// How findings of several pages are combined:
//
//   - rating.value / rating.count: company-level structured ratings
//     (Organization, LocalBusiness, Store, Brand, WebSite..., or any rating
//     on a configured review page or a page of kind reviews), then
//     company-level prose, then product-level structured ratings (mean
//     weighted by review count, counts summed), then product-level prose.
//     Among company-level ratings, configured review pages come first, then
//     the one with the most reviews. A prose rating is company-level only
//     when its sentence names the company, shop or customers overall, or
//     states a count and is the page's only rating, and never inside a
//     product card.
//   - Policy text findings: findings from pages of the signal's topic (the
//     returns page for the return window...) outrank findings elsewhere;
//     then the largest return window and warranty, the smallest support
//     reply time and free-shipping threshold (a 0 read from a plain
//     statement only when no page states a threshold); any explicit cost makes free
//     returns false, any positive makes free shipping true.
//   - Presence signals are true on positive evidence, false on an explicit
//     "no" (no phone support, no loyalty scheme) or after a complete crawl
//     that found nothing, and absent otherwise. contact.social is 0 only
//     after a complete crawl.
//   - Custom signals: the first page in crawl order (the order of Add
//     calls) that matches wins. A selector reads the first matching
//     element's text (or Attr); a regular expression is tried on the
//     visible text, then on the page's markup, and yields its first capture
//     group (or the whole match); a phrase is a case-insensitive search of
//     the visible text. Numbers are read leniently ("1,234.5", "€ 12,50").
//     Custom booleans are false after a complete crawl that never matched.
//     A custom signal named like a built-in replaces it.
package extract

import (
	"net/url"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract/document"
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
	// ContentLanguage is the response's Content-Language header.
	ContentLanguage string
}

// Extractor holds what is compiled once per run (custom signals).
// It is safe for concurrent use.
type Extractor struct {
	custom []config.CustomSignal
	// MainContent, when set, is called with each page's document once it
	// is built, and may change which blocks are main content and which
	// are chrome. It is the seam where a main-content library can stand
	// in for the document model's own rules (tools/maineval compares
	// them); nil keeps the document model's decision.
	MainContent func(p *Page, doc *document.Document)
}

// New returns an Extractor for the run's global custom signals.
func New(custom []config.CustomSignal) *Extractor {
	return &Extractor{custom: custom}
}

// Collector gathers the findings of one competitor's pages. It is safe
// for concurrent use.
type Collector struct {
	custom []customRule
	main   func(p *Page, doc *document.Document)
	// skip holds built-in signals replaced by a custom signal of the same
	// name; their own extraction is not reported.
	skip map[string]bool

	mu      sync.Mutex
	seq     int
	results []*pageResult
}

// NewCollector starts collecting for one competitor; comp.Signals
// (per-competitor custom signals) override global ones of the same name and
// built-ins.
func (e *Extractor) NewCollector(comp config.Competitor) *Collector {
	var global []config.CustomSignal
	var main func(*Page, *document.Document)
	if e != nil {
		global, main = e.custom, e.MainContent
	}
	c := &Collector{custom: compileCustom(global, comp.Signals), main: main, skip: map[string]bool{}}
	for _, r := range c.custom {
		if _, builtin := signal.Lookup(r.name); builtin {
			c.skip[r.name] = true
		}
	}
	return c
}

// Added is what Add learnt about a page itself.
type Added struct {
	// Lang is the page's language (ISO 639-1), "" when unknown.
	Lang string
}

// Add extracts every signal it can from one page. Pages are numbered in
// the order Add is called (crawl order), which decides ties later.
func (c *Collector) Add(p *Page) Added {
	if c == nil || p == nil || p.Doc == nil {
		return Added{}
	}
	c.mu.Lock()
	seq := c.seq
	c.seq++
	c.mu.Unlock()

	r := analyse(p, c.custom, c.main)
	r.seq = seq

	c.mu.Lock()
	c.results = append(c.results, r)
	c.mu.Unlock()
	return Added{Lang: r.lang}
}

// Finish combines the findings into signals. pages are all page records of
// the crawl (for response.median_ms, site.pages, site.https); complete says
// whether the crawl covered the whole site within its budget (presence
// signals are false only then).
func (c *Collector) Finish(pages []signal.Page, complete bool) map[string]signal.Signal {
	if c == nil {
		return map[string]signal.Signal{}
	}
	c.mu.Lock()
	results := append([]*pageResult(nil), c.results...)
	c.mu.Unlock()
	return finish(results, c.custom, c.skip, pages, complete)
}
