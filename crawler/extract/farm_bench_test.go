package extract_test

import (
	"bytes"
	"fmt"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/internal/farm"
	"github.com/cxbench/cxbench/signal"
)

// BenchmarkExtractFarm extracts whole sites as the crawler hands them
// over: five generated shops (internal/farm) of 30 pages each, 8–25 KB
// (home, nine policy pages, products), each page parsed, extracted and
// the site combined.
//
//	go test ./crawler/extract -run '^$' -bench ExtractFarm -benchtime 5x -count 3
func BenchmarkExtractFarm(b *testing.B) {
	const n, per = 5, 30
	f, err := farm.Start(0, per)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	type pg struct {
		u    *url.URL
		body []byte
	}
	var sites [][]pg
	for i := range n {
		s := farm.NewSite(i)
		s.URL = fmt.Sprintf("http://127.0.0.1:%d/", 20000+i)
		base, _ := url.Parse(s.URL)
		home := f.Render(s, 0)
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(home))
		paths := []string{"/"}
		seen := map[string]bool{"/": true, "/cart": true}
		doc.Find("nav[aria-label=Main] a, .grid a").Each(func(_ int, sel *goquery.Selection) {
			h := sel.AttrOr("href", "")
			if !seen[h] {
				seen[h] = true
				paths = append(paths, h)
			}
		})
		var ps []pg
		for p := range per {
			ps = append(ps, pg{base.JoinPath(paths[p]), f.Render(s, p)})
		}
		sites = append(sites, ps)
	}
	ex := extract.New(nil)
	b.ReportAllocs()
	for b.Loop() {
		for i, ps := range sites {
			coll := ex.NewCollector(config.Competitor{ID: fmt.Sprint(i), URL: ps[0].u.String()})
			var recs []signal.Page
			for p, x := range ps {
				doc, err := goquery.NewDocumentFromReader(bytes.NewReader(x.body))
				if err != nil {
					b.Fatal(err)
				}
				kind := signal.KindHome
				if p > 0 {
					if kind = extract.Classify(x.u, ""); kind == "" {
						kind = signal.KindOther
					}
				}
				coll.Add(&extract.Page{URL: x.u, Kind: kind, Doc: doc})
				recs = append(recs, signal.Page{URL: x.u.String(), Status: 200, MS: 2, Kind: kind})
			}
			if sig := coll.Finish(recs, true); len(sig) < 10 {
				b.Fatalf("site %d: only %d signals", i, len(sig))
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*n*per), "ms/page")
}
