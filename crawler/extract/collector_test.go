package extract

import (
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// TestCollectorConcurrent adds pages from many goroutines; the result must
// equal a sequential run (run with -race).
func TestCollectorConcurrent(t *testing.T) {
	pages := []tPage{
		{url: "https://s.test/", html: "@jsonld-graph.html"},
		{url: "https://s.test/contact", html: "@contact-fax.html"},
		{url: "https://s.test/shop/packs", html: "@microdata-grid.html"},
		{url: "https://s.test/about", html: "@rdfa-org.html"},
	}
	want := tCollect(t, nil, config.Competitor{}, pages, true)
	for round := 0; round < 5; round++ {
		c := New(nil).NewCollector(config.Competitor{})
		var wg sync.WaitGroup
		var recs []signal.Page
		for i, p := range pages {
			pg := tBuild(t, p)
			recs = append(recs, signal.Page{URL: p.url, Status: 200, MS: float64(100 + 10*i)})
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.Add(pg)
			}()
		}
		wg.Wait()
		got := c.Finish(recs, true)
		if diff := cmp.Diff(tPick(want, signal.Names()...), tPick(got, signal.Names()...)); diff != "" {
			t.Fatalf("concurrent run differs (-sequential +concurrent):\n%s", diff)
		}
	}
}

func TestCollectorNilInputs(t *testing.T) {
	var c *Collector
	c.Add(&Page{})
	if got := c.Finish(nil, true); len(got) != 0 {
		t.Errorf("nil collector finished with %d signals", len(got))
	}
	c = New(nil).NewCollector(config.Competitor{})
	c.Add(nil)
	c.Add(&Page{Kind: signal.KindHome})
	if got := c.Finish(nil, true); len(got) != 0 {
		t.Errorf("no pages: got %v, want no signals", got)
	}
	var e *Extractor
	e.NewCollector(config.Competitor{}).Add(&Page{Doc: tParse(t, "<p>x</p>")})
}

func FuzzAdd(f *testing.F) {
	for _, s := range []string{
		tDoc(`<a href="tel:+1800">Call</a><a href="mailto:a@b.co">m</a><p>Phone: +44 20 7946 0958</p>`),
		tDoc(ld(`{"@type":"Organization","aggregateRating":{"ratingValue":"4,5","reviewCount":"1.234"}}`)),
		tDoc(`<div itemscope itemtype="x"><span itemprop="price">$5</span></div><p>$49.99</p>`),
		tDoc(`<a href="https://facebook.com/x">f</a><a href="//[::1">bad</a><script src="https://embed.tawk.to/x"></script>`),
		"<html><body><h1>Privacy Policy</h1><p>We do not offer phone support</p>",
	} {
		f.Add(s, "https://s.test/contact")
	}
	custom := []config.CustomSignal{{Name: "n", Type: "number", Regex: `(\d+)`}, {Name: "s", Type: "string", Selector: "h1"}, {Name: "b", Phrase: "support"}}
	f.Fuzz(func(t *testing.T, src, raw string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			return
		}
		u, _ := url.Parse(raw)
		c := New(custom).NewCollector(config.Competitor{})
		c.Add(&Page{URL: u, Kind: Classify(u, src), Doc: doc})
		for name, s := range c.Finish([]signal.Page{{URL: raw, Status: 200, MS: 1}}, true) {
			if !s.Value.Valid() || len(s.Evidence) == 0 {
				t.Fatalf("%s: invalid signal %+v", name, s)
			}
			if v, ok := s.Value.Float(); ok && (v != v || v < 0) {
				t.Fatalf("%s: bad number %v", name, v)
			}
		}
	})
}
