package extract

import (
	"regexp"
	"testing"

	"github.com/andybalholm/cascadia"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func TestCustomSignals(t *testing.T) {
	home := tPage{url: "https://shop.test/", html: tDoc(`<div class="badge" data-score="4,7">Trustpilot</div>
		<p class="stores">We have 1,234 stores worldwide.</p><p>Buy now, pay later with Klarna.</p><p>We’ll gift‑wrap any order.</p>
		<footer>Orders dispatched in 2 days.</footer><nav><a href="/privacy">Privacy policy</a></nav>`)}
	shipping := tPage{url: "https://shop.test/shipping", html: tDoc(`<p>Express delivery: € 12,50</p><p>Carbon neutral delivery.</p>`)}
	mustSel := func(s string) cascadia.Sel {
		sel, err := cascadia.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return sel
	}
	tests := []struct {
		name     string
		global   []config.CustomSignal
		own      []config.CustomSignal
		complete bool
		want     map[string]any
	}{
		{
			name:   "selector with attribute, number with decimal comma",
			global: []config.CustomSignal{{Name: "tp.score", Type: "number", Selector: ".badge", Attr: "data-score"}},
			want:   map[string]any{"tp.score": 4.7},
		},
		{
			name:   "precompiled selector, text, number with thousands",
			global: []config.CustomSignal{{Name: "stores", Type: "number", Selector: "p.stores", CompiledSelector: mustSel("p.stores")}},
			want:   map[string]any{"stores": 1234.0},
		},
		{
			name:   "selector group compiled here, bool matched",
			global: []config.CustomSignal{{Name: "has.badge", Type: "bool", Selector: "div.badge, span.badge"}},
			want:   map[string]any{"has.badge": true},
		},
		{
			name:     "selector that matches nothing: bool false on a complete crawl",
			global:   []config.CustomSignal{{Name: "has.widget", Type: "bool", Selector: "#widget"}},
			complete: true,
			want:     map[string]any{"has.widget": false},
		},
		{
			name:   "selector that matches nothing: absent on an incomplete crawl",
			global: []config.CustomSignal{{Name: "has.widget", Type: "bool", Selector: "#widget"}},
			want:   map[string]any{"has.widget": nil},
		},
		{
			name:   "bad selector is skipped",
			global: []config.CustomSignal{{Name: "bad", Type: "bool", Selector: "div[[["}},
			want:   map[string]any{"bad": nil},
		},
		{
			name:   "regex capture group as number",
			global: []config.CustomSignal{{Name: "dispatch.days", Type: "number", Regex: `dispatched in (\d+) days`}},
			want:   map[string]any{"dispatch.days": 2.0},
		},
		{
			name:   "precompiled regex, whole match as string",
			global: []config.CustomSignal{{Name: "bnpl", Type: "string", CompiledRegex: regexp.MustCompile(`(?i)pay later with \w+`)}},
			want:   map[string]any{"bnpl": "pay later with Klarna"},
		},
		{
			name:   "regex falls back to markup",
			global: []config.CustomSignal{{Name: "score.attr", Type: "number", Regex: `data-score="([\d,]+)"`}},
			want:   map[string]any{"score.attr": 4.7},
		},
		{
			name:     "phrase, case-insensitive",
			global:   []config.CustomSignal{{Name: "klarna", Type: "bool", Phrase: "PAY LATER  with klarna"}, {Name: "afterpay", Type: "bool", Phrase: "Afterpay"}},
			complete: true,
			want:     map[string]any{"klarna": true, "afterpay": false},
		},
		{
			name:   "phrase matches across typographic quotes and dashes",
			global: []config.CustomSignal{{Name: "gift.wrap", Type: "bool", Phrase: "we'll gift-wrap"}},
			want:   map[string]any{"gift.wrap": true},
		},
		{
			name:   "kinds filter",
			global: []config.CustomSignal{{Name: "express.fee", Type: "number", Regex: `€\s?([\d,]+)`, Kinds: []string{signal.KindShipping}}, {Name: "carbon.home", Type: "bool", Phrase: "carbon neutral", Kinds: []string{signal.KindHome}}},
			want:   map[string]any{"express.fee": 12.5, "carbon.home": nil},
		},
		{
			name:   "per-competitor signal overrides a global one of the same name",
			global: []config.CustomSignal{{Name: "promo", Type: "bool", Phrase: "klarna"}},
			own:    []config.CustomSignal{{Name: "promo", Type: "string", Selector: "footer"}},
			want:   map[string]any{"promo": "Orders dispatched in 2 days.", signal.PolicyPrivacy: true},
		},
		{
			name:     "per-competitor signal overrides a built-in",
			own:      []config.CustomSignal{{Name: signal.ContactSocial, Type: "number", Selector: ".badge", Attr: "data-score"}, {Name: signal.PolicyPrivacy, Type: "bool", Phrase: "no such phrase"}},
			complete: false,
			want:     map[string]any{signal.ContactSocial: 4.7, signal.PolicyPrivacy: nil, signal.SitePages: 2.0},
		},
		{
			name:     "first page in crawl order wins",
			global:   []config.CustomSignal{{Name: "first.euro", Type: "string", Regex: `(?i)(klarna|carbon)`}},
			complete: true,
			want:     map[string]any{"first.euro": "Klarna"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var names []string
			for n := range tc.want {
				names = append(names, n)
			}
			got := tCollect(t, tc.global, config.Competitor{Signals: tc.own}, []tPage{home, shipping}, tc.complete)
			if diff := cmp.Diff(tc.want, tPick(got, names...)); diff != "" {
				t.Errorf("custom signals (-want +got):\n%s", diff)
			}
			for _, c := range append(append([]config.CustomSignal(nil), tc.global...), tc.own...) {
				s, ok := got[c.Name]
				n := c.Name
				if !ok {
					continue
				}
				if m := s.Evidence[0].Method; m != signal.MethodSelector && m != signal.MethodRegex && m != signal.MethodText && m != signal.MethodCrawl {
					t.Errorf("%s: method %q", n, m)
				}
			}
		})
	}
}
