package extract_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/signal"
)

// BenchmarkHostileMarkup extracts pages whose markup makes naive readers
// quadratic: thousands of microdata items referring (itemref) to one large
// element, and thousands of panels labelled (aria-labelledby) by one
// element whose large subtree holds no text. Each page is about 300 KB.
//
//	go test ./crawler/extract -run '^$' -bench HostileMarkup -benchtime 3x
func BenchmarkHostileMarkup(b *testing.B) {
	pages := map[string]string{
		"itemref": strings.Repeat(`<div itemscope itemref="big"></div>`, 3000) +
			`<div id="big">` + strings.Repeat(`<span itemprop="x">y</span>`, 5000) + `</div>`,
		"labelledby": `<div id="label">` + strings.Repeat(`<span></span>`, 10000) + `</div>` +
			strings.Repeat(`<div aria-labelledby="label"><p>Answer.</p></div>`, 3000),
	}
	u, _ := url.Parse("https://hostile.test/")
	for name, body := range pages {
		b.Run(name, func(b *testing.B) {
			src := "<!doctype html><html><body>" + body + "</body></html>"
			ex := extract.New(nil)
			for b.Loop() {
				doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
				if err != nil {
					b.Fatal(err)
				}
				c := ex.NewCollector(config.Competitor{ID: "h", URL: u.String()})
				c.Add(&extract.Page{URL: u, Kind: signal.KindHome, Doc: doc})
				c.Finish([]signal.Page{{URL: u.String(), Status: 200, MS: 1}}, true)
			}
			b.ReportMetric(float64(len(src))/1e3, "KB/page")
		})
	}
}
