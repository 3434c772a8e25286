package extract

import (
	"testing"

	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// Pages whose URL says nothing are classified by heading and main text.
func TestContentPresence(t *testing.T) {
	page := func(title, h1, body string) string {
		return `<html><head><title>` + title + `</title></head><body><header><a href="/">Shop</a></header><main><h1>` + h1 + `</h1>` + body + `</main></body></html>`
	}
	const filler = `<p>We opened our first workshop in a converted barn and still build every piece by hand with a small team.</p>`
	tests := []struct {
		name string
		url  string
		html string
		want map[string]bool // presence signals found on the page
	}{
		{
			name: "forest promise page",
			url:  "https://shop.test/our-forest-promise",
			html: page("Our Forest Promise", "Our Forest Promise", `<p>For every order we plant two trees with our reforestation partners.</p>
				<p>Our boxes are made from recycled card and our warehouse runs on renewable power.</p><p>We publish our carbon footprint every spring.</p>`),
			want: map[string]bool{signal.PolicySustainability: true},
		},
		{
			name: "one passing mention on a shipping page",
			url:  "https://shop.test/delivery-info",
			html: page("Delivery information", "Delivery", `<p>Parcels ship in recycled packaging.</p><p>Standard delivery takes 3 days.</p>`+filler),
			want: map[string]bool{},
		},
		{
			name: "values heading with a single eco term",
			url:  "https://shop.test/about/values",
			html: page("Our values", "Our values", `<p>We value honesty, craft and our recycled paper bags.</p>`+filler),
			want: map[string]bool{},
		},
		{
			name: "dense eco page without a telling heading",
			url:  "https://shop.test/about/why",
			html: page("Why us", "Why us", `<p>Sustainability is how we work: recycled yarn, organic cotton, renewable energy.</p>
				<p>We cut emissions, offset the rest and keep plastic-free packaging.</p><p>Our carbon footprint falls every year.</p>`),
			want: map[string]bool{signal.PolicySustainability: true},
		},
		{
			name: "product page full of eco words is a product",
			url:  "https://shop.test/products/eco-tote",
			html: page("Eco tote", "Eco tote", `<p>Recycled, organic, plastic-free, biodegradable, compostable, carbon neutral, renewable.</p>`),
			want: map[string]bool{},
		},
		{
			name: "accessibility page with an unhelpful URL",
			url:  "https://shop.test/info/page-12",
			html: page("Accessibility at Shop", "Accessibility at Shop", `<p>We aim to meet WCAG 2.2 AA.</p><p>Our pages work with screen readers and keyboard navigation.</p>`),
			want: map[string]bool{signal.PolicyAccessibility: true},
		},
		{
			name: "wheelchair access is not a statement",
			url:  "https://shop.test/visit",
			html: page("Visit us", "Visit our showroom", `<p>The showroom is wheelchair accessible with step-free access.</p>`+filler),
			want: map[string]bool{},
		},
		{
			name: "privacy page with an unhelpful URL",
			url:  "https://shop.test/info/page-7",
			html: page("Your data", "Your data and privacy", `<p>We collect personal data when you order.</p><p>We use cookies to keep you signed in.</p>`),
			want: map[string]bool{signal.PolicyPrivacy: true},
		},
		{
			name: "faq page with an unhelpful URL",
			url:  "https://shop.test/good-to-know",
			html: page("Good to know", "Common questions", `<h3>Can I change my order?</h3><p>Yes, within an hour.</p><h3>Do you ship to Norway?</h3><p>Not yet.</p>
				<h3>Can I pay by invoice?</h3><p>Business customers can.</p><h3>Where are you based?</h3><p>In Leeds.</p>`),
			want: map[string]bool{signal.SelfServiceFAQ: true},
		},
		{
			name: "two questions are no faq",
			url:  "https://shop.test/story",
			html: page("Our story", "Our story", `<h3>Why wool?</h3><p>It lasts.</p><h3>Why Leeds?</h3><p>It is home.</p>`+filler),
			want: map[string]bool{},
		},
		{
			name: "question links are not evidence",
			url:  "https://shop.test/topics",
			html: page("Topics", "Topics", `<p><a href="/help/orders#price-match">Do you price match?</a></p><p><a href="/help/rewards">Do you have a rewards program?</a></p>`),
			want: map[string]bool{},
		},
		{
			name: "statement links are evidence",
			url:  "https://shop.test/topics",
			html: page("Topics", "Topics", `<p><a href="/price-match">Price match promise</a></p><p><a href="/rewards">Shop Rewards</a></p>`),
			want: map[string]bool{signal.PolicyPriceMatch: true, signal.LoyaltyProgram: true},
		},
		{
			name: "question heading is not the page",
			url:  "https://shop.test/misc",
			html: page("Do you have a loyalty program?", "Do you have a loyalty program?", `<p>We are working on it.</p>`),
			want: map[string]bool{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyse(tBuild(t, tPage{url: tc.url, html: tc.html}), nil, nil)
			got := map[string]bool{}
			for _, s := range []string{signal.PolicySustainability, signal.PolicyAccessibility, signal.PolicyPrivacy,
				signal.SelfServiceFAQ, signal.LoyaltyProgram, signal.PolicyPriceMatch} {
				if _, ok := r.presence[s]; ok {
					got[s] = true
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("presence (-want +got):\n%s", diff)
			}
		})
	}
}
