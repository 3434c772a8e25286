package extract

import (
	"math"
	"net/url"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// tResult is a page that contributed only policy text findings.
func tResult(t *testing.T, seq int, raw, kind string, fs ...policytext.Candidate) *pageResult {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return &pageResult{seq: seq, url: raw, u: u, kind: kind, topics: pageTopics(kind, u), cands: fs,
		social: map[string]signal.Evidence{}, presence: map[string]signal.Evidence{}, custom: map[string]customHit{}}
}

func num(name string, v float64) policytext.Candidate {
	return policytext.Candidate{Signal: name, Value: signal.Number(v), Snippet: name + " " + signal.FormatNumber(v), Threshold: -1}
}

func yes(name string) policytext.Candidate {
	return policytext.Candidate{Signal: name, Value: signal.Bool(true), Snippet: name + " yes", Threshold: -1}
}

func no(name string) policytext.Candidate {
	return policytext.Candidate{Signal: name, Value: signal.Bool(false), Snippet: name + " no", Negative: true, Threshold: -1}
}

// freeFrom is free shipping on orders from v.
func freeFrom(v float64) policytext.Candidate {
	return policytext.Candidate{Signal: signal.PolicyFreeShipping, Value: signal.Bool(true), Snippet: "free from " + signal.FormatNumber(v), Threshold: v}
}

func TestCombinePolicyFindings(t *testing.T) {
	const (
		home     = "https://s.test/"
		returns  = "https://s.test/returns"
		shipping = "https://s.test/shipping"
		warranty = "https://s.test/warranty"
		contact  = "https://s.test/contact"
		faq      = "https://s.test/faq"
		combined = "https://s.test/shipping-returns"
	)
	tests := []struct {
		name     string
		results  func(t *testing.T) []*pageResult
		complete bool
		want     map[string]any
	}{
		{
			name: "return window: the returns page outranks a banner; largest there",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{
					tResult(t, 0, home, signal.KindHome, num(signal.PolicyReturnDays, 100)),
					tResult(t, 1, returns, signal.KindReturns, num(signal.PolicyReturnDays, 30), num(signal.PolicyReturnDays, 90)),
				}
			},
			want: map[string]any{signal.PolicyReturnDays: 90.0},
		},
		{
			name: "return window found only elsewhere",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{tResult(t, 0, home, signal.KindHome, num(signal.PolicyReturnDays, 60))}
			},
			want: map[string]any{signal.PolicyReturnDays: 60.0},
		},
		{
			name: "support reply: smallest promise on contact and help pages",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{
					tResult(t, 0, home, signal.KindHome, num(signal.SupportResponseHours, 1)),
					tResult(t, 1, contact, signal.KindContact, num(signal.SupportResponseHours, 24)),
					tResult(t, 2, faq, signal.KindFAQ, num(signal.SupportResponseHours, 2)),
				}
			},
			want: map[string]any{signal.SupportResponseHours: 2.0},
		},
		{
			name: "warranty: largest on the warranty page",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{
					tResult(t, 0, warranty, signal.KindWarranty, num(signal.PolicyWarrantyMonths, 12), num(signal.PolicyWarrantyMonths, 24)),
					tResult(t, 1, home, signal.KindHome, num(signal.PolicyWarrantyMonths, 1200)),
				}
			},
			want: map[string]any{signal.PolicyWarrantyMonths: 24.0},
		},
		{
			name: "free returns: any cost on the returns page wins",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{
					tResult(t, 0, home, signal.KindHome, yes(signal.PolicyFreeReturns)),
					tResult(t, 1, returns, signal.KindReturns, yes(signal.PolicyFreeReturns), no(signal.PolicyFreeReturns)),
				}
			},
			want: map[string]any{signal.PolicyFreeReturns: false},
		},
		{
			name: "free returns: a banner is enough when nothing else says",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{tResult(t, 0, home, signal.KindHome, yes(signal.PolicyFreeReturns))}
			},
			want: map[string]any{signal.PolicyFreeReturns: true},
		},
		{
			name: "a false that is not explicit negative evidence is ignored",
			results: func(t *testing.T) []*pageResult {
				f := no(signal.PolicyFreeReturns)
				f.Negative = false
				return []*pageResult{tResult(t, 0, returns, signal.KindReturns, f)}
			},
			complete: true,
			want:     map[string]any{signal.PolicyFreeReturns: nil},
		},
		{
			name: "free shipping: a positive wins; smallest threshold on the shipping page",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{
					tResult(t, 0, home, signal.KindHome, freeFrom(25)),
					tResult(t, 1, shipping, signal.KindShipping, no(signal.PolicyFreeShipping)),
					tResult(t, 2, shipping+"/rates", signal.KindShipping, freeFrom(50), freeFrom(35)),
				}
			},
			want: map[string]any{signal.PolicyFreeShipping: true, signal.PolicyFreeShippingThreshold: 35.0},
		},
		{
			name: "free shipping: never free, so no threshold",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{
					tResult(t, 0, home, signal.KindHome, freeFrom(75)),
					tResult(t, 1, shipping, signal.KindShipping, no(signal.PolicyFreeShipping)),
				}
			},
			want: map[string]any{signal.PolicyFreeShipping: false, signal.PolicyFreeShippingThreshold: nil},
		},
		{
			name: "a shipping-and-returns page speaks for both topics",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{
					tResult(t, 0, home, signal.KindHome, num(signal.PolicyReturnDays, 365), yes(signal.PolicyFreeShipping)),
					tResult(t, 1, combined, signal.KindShipping, num(signal.PolicyReturnDays, 14), no(signal.PolicyFreeShipping)),
				}
			},
			want: map[string]any{signal.PolicyReturnDays: 14.0, signal.PolicyFreeShipping: false},
		},
		{
			name: "price match and loyalty from text; an explicit no is still absent on an incomplete crawl",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{tResult(t, 0, faq, signal.KindFAQ, yes(signal.PolicyPriceMatch), no(signal.LoyaltyProgram))}
			},
			want: map[string]any{signal.PolicyPriceMatch: true, signal.LoyaltyProgram: nil},
		},
		{
			name: "an explicit no is false after a complete crawl",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{tResult(t, 0, faq, signal.KindFAQ, yes(signal.PolicyPriceMatch), no(signal.LoyaltyProgram))}
			},
			complete: true,
			want:     map[string]any{signal.PolicyPriceMatch: true, signal.LoyaltyProgram: false},
		},
		{
			name: "nothing said: absent, or false after a complete crawl",
			results: func(t *testing.T) []*pageResult {
				return []*pageResult{tResult(t, 0, home, signal.KindHome)}
			},
			complete: true,
			want: map[string]any{signal.PolicyPriceMatch: false, signal.LoyaltyProgram: false,
				signal.PolicyFreeReturns: nil, signal.PolicyFreeShipping: nil, signal.PolicyReturnDays: nil},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var names []string
			for n := range tc.want {
				names = append(names, n)
			}
			got := finish(tc.results(t), nil, map[string]bool{}, nil, tc.complete)
			if diff := cmp.Diff(tc.want, tPick(got, names...)); diff != "" {
				t.Errorf("combined signals (-want +got):\n%s", diff)
			}
			for _, n := range names {
				if s, ok := got[n]; ok && (len(s.Evidence) == 0 || s.Evidence[0].URL == "") {
					t.Errorf("%s has no evidence URL: %+v", n, s.Evidence)
				}
			}
		})
	}
}

func TestProseRatings(t *testing.T) {
	f := func(v, count float64, snip string, several bool) policytext.Candidate {
		return policytext.Candidate{Signal: signal.RatingValue, Value: signal.Number(v), Snippet: snip, Count: count, HasCount: true, Several: several}
	}
	const s1 = "Rated 4.8 out of 5 by 3,210 customers"
	tests := []struct {
		name    string
		results func(t *testing.T) []*pageResult
		want    map[string]any
	}{
		{
			name: "prose rating on the home page is the company's",
			results: func(t *testing.T) []*pageResult {
				r := tResult(t, 0, "https://s.test/", signal.KindHome)
				r.ratings = proseRatings([]policytext.Candidate{f(4.8, 3210, s1, false)}, r.url, r.kind, false, false)
				return []*pageResult{r}
			},
			want: map[string]any{signal.RatingValue: 4.8, signal.RatingCount: 3210.0},
		},
		{
			name: "company prose beats product structured data",
			results: func(t *testing.T) []*pageResult {
				h := tResult(t, 0, "https://s.test/", signal.KindHome)
				h.ratings = proseRatings([]policytext.Candidate{f(4.8, 3210, s1, false)}, h.url, h.kind, false, false)
				p := tResult(t, 1, "https://s.test/products/a", signal.KindProduct)
				p.ratings = []rating{{value: 3, count: 10, hasCount: true, key: "a", ev: signal.Evidence{URL: p.url, Method: signal.MethodJSONLD}}}
				return []*pageResult{h, p}
			},
			want: map[string]any{signal.RatingValue: 4.8, signal.RatingCount: 3210.0},
		},
		{
			name: "several prose ratings on a page are product widgets",
			results: func(t *testing.T) []*pageResult {
				r := tResult(t, 0, "https://s.test/collections/all", signal.KindOther)
				r.ratings = proseRatings([]policytext.Candidate{f(4, 10, "a", true)}, r.url, r.kind, false, false)
				s := tResult(t, 1, "https://s.test/", signal.KindHome)
				s.ratings = []rating{{value: 3, count: 10, hasCount: true, key: "x", ev: signal.Evidence{URL: s.url, Method: signal.MethodJSONLD}}}
				return []*pageResult{r, s}
			},
			// structured product (3 × 10) beats prose product ratings
			want: map[string]any{signal.RatingValue: 3.0, signal.RatingCount: 10.0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := finish(tc.results(t), nil, map[string]bool{}, nil, false)
			if diff := cmp.Diff(tc.want, tPick(got, signal.RatingValue, signal.RatingCount)); diff != "" {
				t.Errorf("ratings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSiteSignals(t *testing.T) {
	names := []string{signal.ResponseMedianMS, signal.SitePages, signal.SiteHTTPS}
	tests := []struct {
		name  string
		pages []signal.Page
		want  map[string]any
	}{
		{
			name: "median over 200 pages, pages counted, https majority",
			pages: []signal.Page{
				{URL: "https://s.test/", Status: 200, MS: 100},
				{URL: "https://s.test/a", Status: 200, MS: 300},
				{URL: "https://s.test/b", Status: 200, MS: 200},
				{URL: "https://s.test/c", Status: 200, MS: 50, NotModified: true},
				{URL: "http://s.test/d", Status: 404, MS: 10},
				{URL: "https://reviews.test/s", Status: 200, MS: 5000},
			},
			want: map[string]any{signal.ResponseMedianMS: 200.0, signal.SitePages: 4.0, signal.SiteHTTPS: true},
		},
		{
			name:  "plain http site",
			pages: []signal.Page{{URL: "http://s.test/", Status: 200, MS: 10}, {URL: "http://s.test/a", Status: 200, MS: 30}},
			want:  map[string]any{signal.ResponseMedianMS: 20.0, signal.SitePages: 2.0, signal.SiteHTTPS: false},
		},
		{
			name:  "nothing fetched",
			pages: []signal.Page{{URL: "https://s.test/", Status: 0}},
			want:  map[string]any{signal.ResponseMedianMS: nil, signal.SitePages: nil, signal.SiteHTTPS: nil},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			review := &pageResult{url: "https://reviews.test/s", review: true}
			got := map[string]signal.Signal{}
			for k, v := range siteSignals([]*pageResult{review}, tc.pages) {
				got[k] = v
			}
			if diff := cmp.Diff(tc.want, tPick(got, names...)); diff != "" {
				t.Errorf("site signals (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadingEase(t *testing.T) {
	policy := `<header><nav>Shop Men Women Sale Gift cards Stores</nav></header>
		<main><h1>Returns</h1><p>You can return any item within 30 days. We refund you in full.</p></main>
		<footer>Newsletter sign-up and copyright notices, registered office and company number.</footer>`
	tests := []struct {
		name  string
		pages []tPage
		text  string // the main text measured; "" = absent
	}{
		{"no policy page: absent", []tPage{{url: "https://s.test/", html: tDoc(`<p>Hello there.</p>`)}}, ""},
		{"main text of the policy pages only", []tPage{
			{url: "https://s.test/", html: tDoc(`<p>Our long and complicated marketing proposition.</p>`)},
			{url: "https://s.test/returns", html: tDoc(policy)},
			{url: "https://s.test/terms", html: tDoc(`<p>These terms govern use.</p>`)},
		}, "Returns\nYou can return any item within 30 days. We refund you in full.\nThese terms govern use."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, tc.pages, true)
			s, ok := got[signal.ClarityReadingEase]
			if tc.text == "" {
				if ok {
					t.Fatalf("clarity.reading_ease = %v, want absent", s.Value)
				}
				return
			}
			if !ok {
				t.Fatal("clarity.reading_ease absent")
			}
			want := round3(math.Max(0, math.Min(100, policytext.ReadingEase(tc.text))))
			if v, _ := s.Value.Float(); v != want || v < 0 || v > 100 {
				t.Errorf("clarity.reading_ease = %v, want %v (reading ease of the policy main text)", v, want)
			}
			if len(s.Evidence) != 2 {
				t.Errorf("evidence = %d pages, want 2", len(s.Evidence))
			}
		})
	}
}
