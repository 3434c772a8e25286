package extract

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// BenchmarkExtract16K is the extraction of a typical 16 KB page: parse,
// extract every signal, combine (the figure BENCHMARKS.md tracks per page).
func BenchmarkExtract16K(b *testing.B) {
	src := benchPage(16 << 10)
	u, _ := url.Parse("https://northpeak.test/collections/boots")
	ex := New(nil)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			b.Fatal(err)
		}
		c := ex.NewCollector(config.Competitor{})
		c.Add(&Page{URL: u, Kind: signal.KindOther, Doc: d})
		c.Finish([]signal.Page{{URL: u.String(), Status: 200, MS: 100}}, true)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
}
