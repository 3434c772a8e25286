package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func tParse(t testing.TB, s string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func FuzzMicrodata(f *testing.F) {
	for _, s := range []string{
		`<div itemscope itemtype="https://schema.org/Organization"><div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating"><span itemprop="ratingValue">4.6</span><span itemprop="reviewCount">1,234</span></div></div>`,
		`<div vocab="https://schema.org/" typeof="Product"><div property="aggregateRating" typeof="AggregateRating"><span property="ratingValue">4</span></div></div>`,
		`<div itemscope><div itemprop="x" itemscope><div itemprop="y" itemscope>`,
		`<span itemprop="ratingValue" content="NaN">`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
		if err != nil {
			return
		}
		set := &itemSet{}
		for _, n := range doc.Nodes {
			set.addMicrodata(n)
			set.addRDFa(n)
		}
		for _, r := range structuredRatings(set, "https://x.test/", false, false) {
			if r.value <= 0 || r.value > 5 || r.count < 0 {
				t.Fatalf("rating out of range: %+v", r)
			}
		}
	})
}
