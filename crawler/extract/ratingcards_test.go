package extract

import (
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// TestProductCardRatings: stars shown on product cards and count-less prose
// ratings are product-level; per-product aggregates are then averaged,
// weighted by review count.
func TestProductCardRatings(t *testing.T) {
	home := "https://shop.test/"
	product := func(name string, v float64, n int) tPage {
		return tPage{url: "https://shop.test/products/" + name, kind: signal.KindProduct,
			html: tDoc(ld(`{"@type":"Product","name":"` + name + `","aggregateRating":{"ratingValue":` +
				signal.FormatNumber(v) + `,"reviewCount":` + signal.FormatNumber(float64(n)) + `}}`))}
	}
	tests := []struct {
		name         string
		pages        []tPage
		value, count any
	}{
		{
			name: "count-less card stars do not beat per-product aggregates",
			pages: []tPage{
				{url: home, kind: signal.KindHome, html: tDoc(`<ul class="grid">
					<li class="grid-item"><a href="/products/mug">Mug</a><div>Rated 4.2 out of 5</div><span>$18.00</span></li>
					</ul>`)},
				product("mug", 4.2, 30), product("jug", 4.8, 10),
			},
			value: 4.35, count: 40.0,
		},
		{
			name: "counted stars inside a product card are that product's",
			pages: []tPage{
				{url: home, kind: signal.KindHome, html: tDoc(`<div class="featured-product">
					<a href="/products/lamp">Desk lamp</a><p>4.9 out of 5 (212 reviews)</p></div>`)},
				product("lamp", 4.1, 5),
			},
			value: 4.1, count: 5.0,
		},
		{
			name: "a card without a product class: list item with a link and a price",
			pages: []tPage{
				{url: home, kind: signal.KindHome, html: tDoc(`<ol><li><a href="/p/kettle">Kettle</a>
					<p>Rated 4.7 out of 5 by 63 buyers</p><p>£39.00</p></li></ol>`)},
				product("kettle", 4.0, 8),
			},
			value: 4.0, count: 8.0,
		},
		{
			name: "a count-less prose rating alone is still reported",
			pages: []tPage{
				{url: home, kind: signal.KindHome, html: tDoc(`<section><p>Average rating 4.6 out of 5</p></section>`)},
			},
			value: 4.6, count: nil,
		},
		{
			name: "company prose outside cards beats product aggregates",
			pages: []tPage{
				{url: home, kind: signal.KindHome, html: tDoc(`<div class="hero"><p>Rated 4.8 out of 5 by 5,120 gardeners</p></div>
					<ul><li class="product"><a href="/products/rake">Rake</a> Rated 4.1 out of 5 <span>$25</span></li></ul>`)},
				product("rake", 4.1, 12),
			},
			value: 4.8, count: 5120.0,
		},
		{
			name: "an uncued count-less rating is not the company's",
			pages: []tPage{
				{url: home, kind: signal.KindHome, html: tDoc(`<p>Rated 4.5 out of 5</p>`)},
				product("tray", 3.9, 20),
			},
			value: 3.9, count: 20.0,
		},
		{
			name: "a count-less rating that names the store is the company's",
			pages: []tPage{
				{url: home, kind: signal.KindHome, html: tDoc(`<p>Our customers rate our store 4.7 out of 5.</p>`)},
				product("tray", 3.9, 20),
			},
			value: 4.7, count: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, tc.pages, true)
			want := map[string]any{signal.RatingValue: tc.value, signal.RatingCount: tc.count}
			if diff := cmp.Diff(want, tPick(got, signal.RatingValue, signal.RatingCount)); diff != "" {
				t.Errorf("ratings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestThresholdAcrossPages: a 0 read from a plain statement on one page
// does not beat a threshold stated on another.
func TestThresholdAcrossPages(t *testing.T) {
	pages := []tPage{
		{url: "https://shop.test/", kind: signal.KindHome, html: tDoc(`<p>Free standard shipping applies to addresses in the mainland US.</p>`)},
		{url: "https://shop.test/faq", kind: signal.KindFAQ, html: tDoc(`<p>Free shipping on orders of $59 or more.</p>`)},
	}
	got := tCollect(t, nil, config.Competitor{}, pages, true)
	want := map[string]any{signal.PolicyFreeShipping: true, signal.PolicyFreeShippingThreshold: 59.0}
	if diff := cmp.Diff(want, tPick(got, signal.PolicyFreeShipping, signal.PolicyFreeShippingThreshold)); diff != "" {
		t.Errorf("free shipping (-want +got):\n%s", diff)
	}
}
