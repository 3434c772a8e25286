package crawler

import (
	"bytes"
	"fmt"
	"net/url"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/signal"
)

// parsePage decodes a fetched HTML body (by the charset of its
// Content-Type, its <meta> declaration or a guess) and parses it into the
// page the extractor reads. The live crawl and Replay share it, so a
// stored page is read exactly as it was.
func parsePage(u *url.URL, body []byte, contentType, contentLanguage, kind string, depth int, review bool) (*extract.Page, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(withoutNUL(decode(body, contentType))))
	if err != nil {
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	return &extract.Page{URL: u, Kind: kind, Depth: depth, Doc: doc, Review: review, ContentLanguage: contentLanguage}, nil
}

// Replay extracts the signals of a stored crawl again, without the
// network: every stored page goes to a fresh collector in crawl order, as
// it did during the crawl, and the crawl's page records, errors and
// completeness are kept. comps supply the per-competitor settings
// (custom signals); a stored competitor the configuration no longer has
// is re-extracted with none. A stored page that cannot be read, or pages
// the store did not keep, are recorded as an error of their competitor,
// whose crawl then counts as incomplete (so that nothing is reported
// absent for want of them).
func Replay(s *pagestore.Store, ex *extract.Extractor, comps []config.Competitor) *signal.File {
	f := s.Index.Crawl
	f.Schema = signal.Schema
	f.Competitors = make([]signal.Competitor, len(s.Index.Crawl.Competitors))
	byID := map[string]config.Competitor{}
	for _, c := range comps {
		byID[c.ID] = c
	}
	for i, stored := range s.Index.Crawl.Competitors {
		out := stored
		out.Pages = append([]signal.Page{}, stored.Pages...)
		out.Errors = append([]signal.CrawlError{}, stored.Errors...)
		comp, ok := byID[stored.ID]
		if !ok {
			comp = config.Competitor{ID: stored.ID, Name: stored.Name, URL: stored.URL, Self: stored.Self}
		}
		col := ex.NewCollector(comp)
		for _, p := range s.Index.Pages[stored.ID] {
			page, err := storedPage(s, p)
			if err != nil {
				out.Errors = append(out.Errors, signal.CrawlError{URL: p.URL, Message: "re-extracting: " + err.Error()})
				out.Complete = false
				continue
			}
			var added extract.Added
			if err := contained(func() { added = col.Add(page) }); err != nil {
				// As in the live crawl, a bug met by one page costs that
				// page.
				out.Errors = append(out.Errors, signal.CrawlError{URL: p.URL, Message: "re-extracting: " + err.Error()})
				out.Complete = false
				continue
			}
			for j := range out.Pages {
				if out.Pages[j].URL == p.URL {
					out.Pages[j].Lang = added.Lang
				}
			}
		}
		if n := s.Index.Dropped[stored.ID]; n > 0 {
			// Signals the missing pages may hold are not reported absent.
			out.Complete = false
			out.Errors = append(out.Errors, signal.CrawlError{URL: stored.URL, Message: fmt.Sprintf(
				"re-extracting: %d pages read by the crawl were not kept in the page store (over the competitor's share); their signals are missing", n)})
		}
		if err := contained(func() { out.Signals = col.Finish(s.Index.Measured[stored.ID], out.Complete) }); err != nil {
			out.Errors = append(out.Errors, signal.CrawlError{URL: stored.URL, Message: "re-extracting: combining signals: " + err.Error()})
			out.Signals = map[string]signal.Signal{}
		}
		f.Competitors[i] = out
	}
	return &f
}

// contained runs f, turning a panic into an error.
func contained(f func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	f()
	return nil
}

// storedPage reads one stored page.
func storedPage(s *pagestore.Store, p pagestore.Page) (*extract.Page, error) {
	u, err := url.Parse(p.URL)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	body, err := s.Body(p)
	if err != nil {
		return nil, err
	}
	return parsePage(u, body, p.Header["Content-Type"], p.Header["Content-Language"], p.Kind, p.Depth, p.Review)
}
