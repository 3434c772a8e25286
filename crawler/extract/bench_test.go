package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/signal"
)

// benchPage builds a realistic shop page of about size bytes: header and
// navigation, a product grid with microdata, JSON-LD, long policy prose,
// a footer with social links and chat and analytics scripts.
func benchPage(size int) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trail boots — Northpeak Gear</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/app.css">
<style>` + strings.Repeat(".grid .card{display:flex;margin:0 auto;padding:4px 8px}", 40) + `</style>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Northpeak Gear","url":"https://northpeak.test/","aggregateRating":{"@type":"AggregateRating","ratingValue":"4.7","reviewCount":"2,315"}},{"@type":"WebSite","name":"Northpeak","potentialAction":{"@type":"SearchAction","target":"https://northpeak.test/search?q={q}","query-input":"required name=q"}}]}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());` + strings.Repeat(`var cfg={"a":1,"b":[1,2,3]};`, 200) + `</script>
</head><body><header><a href="/" class="logo">Northpeak</a><nav><ul>`)
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, `<li><a href="/collections/category-%d">Category %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav><form action="/search"><input name="q" placeholder="Search"></form></header><main><h1>Trail boots</h1><ul class="grid">`)
	i := 0
	for b.Len() < size*6/10 {
		fmt.Fprintf(&b, `<li class="card" itemscope itemtype="https://schema.org/Product"><a href="/products/boot-%d"><img src="/img/boot-%d.jpg" alt="Boot %d"></a>
<h2 itemprop="name">Summit boot %d</h2><div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
<span itemprop="ratingValue">4.%d</span> out of 5 (<span itemprop="reviewCount">%d</span> reviews)</div>
<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="USD"><span itemprop="price" content="1%02d.00">$1%02d.00</span></div>
<button class="add">Add to cart</button></li>`, i, i, i, i, i%10, 10+i, i%100, i%100)
		i++
	}
	b.WriteString(`</ul><section class="policy"><h2>Returns and shipping</h2>`)
	for b.Len() < size*95/100 {
		b.WriteString(`<p>You can return unworn boots within 60 days of delivery for a full refund. Return shipping is free with the prepaid label in your box. Refunds are issued within 5–7 business days after we receive your return. Standard shipping is free on orders over $75; express delivery costs $15. Every pair carries a two-year warranty against defects in materials and workmanship. Our team replies to e-mails within 24 hours, Monday to Friday.</p>`)
	}
	b.WriteString(`</section></main><footer><ul><li><a href="/pages/returns">Returns</a></li><li><a href="/pages/shipping">Shipping</a></li>
<li><a href="/privacy-policy">Privacy Policy</a></li><li><a href="/accessibility">Accessibility</a></li><li><a href="/pages/faq">FAQ</a></li>
<li><a href="/rewards">Northpeak Rewards</a></li><li><a href="mailto:help@northpeak.test">help@northpeak.test</a></li><li><a href="tel:+18005550199">1-800-555-0199</a></li></ul>
<a href="https://www.facebook.com/northpeak">Facebook</a><a href="https://www.instagram.com/northpeak/">Instagram</a><a href="https://x.com/northpeak">X</a>
<a href="https://www.youtube.com/@northpeak">YouTube</a><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a></footer>
<script src="https://widget.intercom.io/widget/abc123"></script><script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script></body></html>`)
	return b.String()
}

func BenchmarkExtractPage(b *testing.B) {
	src := benchPage(200 << 10)
	u, _ := url.Parse("https://northpeak.test/collections/boots")
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		b.Fatal(err)
	}
	custom := []config.CustomSignal{{Name: "bnpl", Type: "bool", Phrase: "pay later"}, {Name: "stores", Type: "number", Selector: ".stores"}}
	ex := New(custom)
	p := &Page{URL: u, Kind: Classify(u, ""), Doc: doc}
	b.Run("add", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			c := ex.NewCollector(config.Competitor{})
			c.Add(p)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/page")
	})
	// The share of Add spent building the document model, and in the
	// policy text rules (package policytext).
	b.Run("document-only", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			document.Parse(doc.Nodes, document.Options{})
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/page")
	})
	model := document.Parse(doc.Nodes, document.Options{})
	b.Run("policytext-only", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			policytext.Extract(model, p.Kind)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/page")
	})
	b.Run("parse+add+finish", func(b *testing.B) {
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
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/page")
	})
}

// TestBenchPageIsRealistic keeps the benchmark honest: the generated page
// has the size and the signals it claims.
func TestBenchPageIsRealistic(t *testing.T) {
	src := benchPage(200 << 10)
	if n := len(src); n < 190<<10 || n > 230<<10 {
		t.Fatalf("bench page is %d bytes, want about 200 KB", n)
	}
	got := tCollect(t, nil, config.Competitor{}, []tPage{{url: "https://northpeak.test/collections/boots", html: src}}, true)
	want := map[string]any{signal.RatingValue: 4.7, signal.RatingCount: 2315.0, signal.ContactChat: true,
		signal.ContactSocial: 4.0, signal.PricingPublic: true, signal.PolicyPrivacy: true}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n, v := range tPick(got, names...) {
		if v != want[n] {
			t.Errorf("%s = %v, want %v", n, v, want[n])
		}
	}
}
