package extract

import (
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

var presenceSignals = []string{
	signal.PolicyPrivacy, signal.PolicyAccessibility, signal.PolicySustainability,
	signal.SelfServiceFAQ, signal.LoyaltyProgram, signal.PricingPublic,
}

func TestPresence(t *testing.T) {
	allFalse := func() map[string]any {
		m := map[string]any{}
		for _, s := range presenceSignals {
			m[s] = false
		}
		return m
	}
	allAbsent := func() map[string]any {
		m := map[string]any{}
		for _, s := range presenceSignals {
			m[s] = nil
		}
		return m
	}
	with := func(m map[string]any, kv ...any) map[string]any {
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name     string
		pages    []tPage
		complete bool
		want     map[string]any
	}{
		{
			name:     "nothing found, complete crawl: false",
			pages:    []tPage{{url: "https://shop.test/", html: tDoc(`<p>Welcome to the shop.</p>`)}},
			complete: true,
			want:     allFalse(),
		},
		{
			name:     "nothing found, budget cut the crawl: absent",
			pages:    []tPage{{url: "https://shop.test/", html: tDoc(`<p>Welcome to the shop.</p>`)}},
			complete: false,
			want:     allAbsent(),
		},
		{
			name: "footer links whose text and URL name the page",
			pages: []tPage{{url: "https://shop.test/", html: tDoc(`<footer>
				<a href="/legal/privacy-notice">Privacy Notice</a>
				<a href="/accessibility">Accessibility statement</a>
				<a href="/about/sustainability">Sustainability</a>
				<a href="https://help.shop.test/hc/en-us">Help Centre</a>
				<a href="/rewards">Shop Rewards</a></footer>`)}},
			complete: false,
			want: with(allAbsent(), signal.PolicyPrivacy, true, signal.PolicyAccessibility, true,
				signal.PolicySustainability, true, signal.SelfServiceFAQ, true, signal.LoyaltyProgram, true),
		},
		{
			name: "link text alone or URL alone is not enough",
			pages: []tPage{{url: "https://shop.test/", html: tDoc(`<footer>
				<a href="/legal/p3">Privacy</a>
				<a href="/privacy-policy">Legal</a>
				<a href="/page?id=7">Accessibility</a>
				<a href="/rewards">Gift ideas</a></footer>`)}},
			complete: false,
			want:     allAbsent(),
		},
		{
			name: "third-party privacy links and privacy choices do not count",
			pages: []tPage{{url: "https://shop.test/", html: tDoc(`<div class="grecaptcha-badge"><a href="https://policies.google.com/privacy">Privacy</a></div>
				<a href="/privacy-choices">Your Privacy Choices</a>`)}},
			complete: true,
			want:     allFalse(),
		},
		{
			name: "fetched pages of the kind whose content confirms it",
			pages: []tPage{
				{url: "https://shop.test/privacy", html: tDoc(`<h1>Privacy</h1><p>We collect personal data to fulfil orders.</p>`)},
				{url: "https://shop.test/accessibility", html: tDoc(`<h1>Accessibility</h1><p>We aim to meet WCAG 2.2 AA.</p>`)},
				{url: "https://shop.test/vpat", kind: signal.KindAccessibility, html: tDoc(`<h1>VPAT</h1><p>Accessibility Conformance Report for our app.</p>`)},
				{url: "https://shop.test/impact", html: tDoc(`<h1>Our impact</h1><p>We cut our carbon emissions by 40%.</p>`)},
				{url: "https://shop.test/faq", html: tDoc(`<h1>FAQ</h1><h2>How do I track my order?</h2><p>Use the link in your e-mail.</p>`)},
				{url: "https://shop.test/loyalty", html: tDoc(`<h1>Club</h1><p>Earn points on every order.</p>`)},
			},
			complete: false,
			want: with(allAbsent(), signal.PolicyPrivacy, true, signal.PolicyAccessibility, true,
				signal.PolicySustainability, true, signal.SelfServiceFAQ, true, signal.LoyaltyProgram, true),
		},
		{
			name: "soft 404 at a policy URL confirms nothing",
			pages: []tPage{
				{url: "https://shop.test/privacy", html: `<html><head><title>Page not found</title></head><body><h1>Page not found</h1><p>Sorry, we could not find your data.</p></body></html>`},
			},
			complete: true,
			want:     allFalse(),
		},
		{
			name: "heading names the page whatever its URL",
			pages: []tPage{
				{url: "https://shop.test/legal/p3", html: tDoc(`<h1>Privacy Policy</h1><p>Effective 2024.</p>`)},
				{url: "https://shop.test/company/values", html: tDoc(`<h1>Our commitments</h1><p>Our fabrics are organic and recycled; we offset our carbon footprint.</p>`)},
			},
			complete: false,
			want:     with(allAbsent(), signal.PolicyPrivacy, true, signal.PolicySustainability, true),
		},
		{
			name: "a heading that merely mentions the topic does not name the page",
			pages: []tPage{
				{url: "https://desk.test/", html: `<html><head><title>Deskly — The help desk software for growing teams</title></head><body><h1>The help desk software your customers will love</h1></body></html>`},
			},
			complete: false,
			want:     allAbsent(),
		},
		{
			name: "title part names the page",
			pages: []tPage{
				{url: "https://shop.test/legal/doc?id=4", html: `<html><head><title>Accessibility Statement | Shop</title></head><body><p>We want everyone to use our site.</p></body></html>`},
			},
			complete: false,
			want:     with(allAbsent(), signal.PolicyAccessibility, true),
		},
		{
			name:     "FAQPage structured data",
			pages:    []tPage{{url: "https://shop.test/shipping", html: tDoc(ld(`{"@type":"FAQPage","mainEntity":[]}`))}},
			complete: false,
			want:     with(allAbsent(), signal.SelfServiceFAQ, true),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, tc.pages, tc.complete)
			if diff := cmp.Diff(tc.want, tPick(got, presenceSignals...)); diff != "" {
				t.Errorf("presence (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPricing(t *testing.T) {
	tests := []struct {
		name string
		page tPage
		want any // complete crawl: false when not found
	}{
		{"dollar price on a product page", tPage{url: "https://shop.test/products/boot", html: tDoc(`<p class="price">$49.99</p>`)}, true},
		{"euro with decimal comma", tPage{url: "https://shop.test/products/boot", html: tDoc(`<p>€12,50</p>`)}, true},
		{"euro after the amount", tPage{url: "https://shop.test/products/boot", html: tDoc(`<p>49,99 €</p>`)}, true},
		{"pound on the home page", tPage{url: "https://shop.test/", html: tDoc(`<p>Tote bag £5</p>`)}, true},
		{"currency code", tPage{url: "https://shop.test/pricing", html: tDoc(`<p>Team plan USD 20 per seat</p>`)}, true},
		{"Offer price in JSON-LD on any page", tPage{url: "https://shop.test/about", html: tDoc(ld(`{"@type":"Product","offers":{"@type":"Offer","price":"19.00","priceCurrency":"EUR"}}`))}, true},
		{"microdata Offer", tPage{url: "https://shop.test/x", html: tDoc(`<div itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="9.5"><meta itemprop="priceCurrency" content="GBP"></div>`)}, true},
		{"free shipping threshold is not a price", tPage{url: "https://shop.test/", html: tDoc(`<div>Free shipping on orders over $50</div><p>Spend $100, save $20</p>`)}, false},
		{"company figures are not prices", tPage{url: "https://shop.test/", html: tDoc(`<p>The average breach costs $4.45M.</p><p>We raised $20 million.</p>`)}, false},
		{"empty cart total is not a price", tPage{url: "https://shop.test/", html: tDoc(`<p>Cart: $0.00</p>`)}, false},
		{"one amount on another page is not enough", tPage{url: "https://shop.test/story", html: tDoc(`<p>Founded with $500 in 1999.</p>`)}, false},
		{"a line showing just a price on another page", tPage{url: "https://shop.test/shop/trail-boot", html: tDoc(`<h1>Trail boot</h1><p>Price: $129.00</p>`)}, true},
		{"fees on a shipping page are not prices", tPage{url: "https://shop.test/shipping", html: tDoc(`<p>Express</p><p>$15</p><p>$25</p><p>$35</p>`)}, false},
		{"a listing of prices on another page", tPage{url: "https://shop.test/collections/boots", html: tDoc(`<ul><li>Boot $89</li><li>Shoe $59</li><li>Sock $9</li></ul>`)}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, []tPage{tc.page}, true)
			if diff := cmp.Diff(map[string]any{signal.PricingPublic: tc.want}, tPick(got, signal.PricingPublic)); diff != "" {
				t.Errorf("pricing (-want +got):\n%s", diff)
			}
		})
	}
}
