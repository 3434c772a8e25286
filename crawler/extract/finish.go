package extract

import (
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"

	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/signal"
)

// topics maps each policytext signal to the page kinds whose findings
// outrank findings elsewhere (a returns page speaks for the return window
// more than a promotional banner on the home page).
var topics = map[string][]string{
	signal.PolicyReturnDays:            {signal.KindReturns},
	signal.PolicyFreeReturns:           {signal.KindReturns},
	signal.PolicyFreeShipping:          {signal.KindShipping},
	signal.PolicyFreeShippingThreshold: {signal.KindShipping},
	signal.PolicyWarrantyMonths:        {signal.KindWarranty},
	signal.SupportResponseHours:        {signal.KindContact, signal.KindFAQ},
	signal.LoyaltyProgram:              {signal.KindLoyalty},
	signal.PolicyPriceMatch:            nil,
}

// located is a policytext finding and the page it came from.
type located struct {
	f policytext.Finding
	r *pageResult
}

func finish(results []*pageResult, custom []customRule, skip map[string]bool, pages []signal.Page, complete bool) map[string]signal.Signal {
	sort.SliceStable(results, func(i, j int) bool { return results[i].seq < results[j].seq })
	out := map[string]signal.Signal{}
	set := func(name string, s signal.Signal) {
		if !skip[name] && s.Value.Valid() {
			out[name] = s
		}
	}
	fetched := len(results) > 0
	for _, p := range pages {
		if p.Status >= 200 && p.Status < 300 {
			fetched = true
		}
	}
	// canBeFalse: presence signals are false only after a complete crawl
	// that fetched something.
	canBeFalse := complete && fetched
	absentEvidence := func(what string, m signal.Method) []signal.Evidence {
		return []signal.Evidence{{URL: firstURL(results, pages), Method: m,
			Snippet: signal.Snip(fmt.Sprintf("no %s found on %d pages of a complete crawl", what, len(results)))}}
	}

	// Ratings.
	var ratings []rating
	for _, r := range results {
		ratings = append(ratings, r.ratings...)
	}
	if v, c, hasCount, ok := combineRatings(ratings); ok {
		set(signal.RatingValue, v)
		if hasCount {
			set(signal.RatingCount, c)
		}
	}

	// Policy text findings, by signal.
	bySignal := map[string][]located{}
	for _, r := range results {
		for _, f := range r.texts {
			bySignal[f.Signal] = append(bySignal[f.Signal], located{f, r})
		}
	}
	numbers := []struct {
		name    string
		largest bool
	}{
		{signal.PolicyReturnDays, true},
		{signal.PolicyWarrantyMonths, true},
		{signal.SupportResponseHours, false},
	}
	for _, n := range numbers {
		if l, ok := pickNumber(tier(bySignal[n.name], topics[n.name]), n.largest); ok {
			v, _ := l.f.Value.Float()
			set(n.name, located2signal(l, signal.Number(v)))
		}
	}
	// Free returns: any explicit cost wins over "free" in the same tier.
	if l, ok := pickBool(tier(validBools(bySignal[signal.PolicyFreeReturns]), topics[signal.PolicyFreeReturns]), false); ok {
		b, _ := l.f.Value.BoolValue()
		set(signal.PolicyFreeReturns, located2signal(l, signal.Bool(b)))
	}
	// Free shipping: free above a threshold is free, so a positive wins.
	freeShipping := false
	if l, ok := pickBool(tier(validBools(bySignal[signal.PolicyFreeShipping]), topics[signal.PolicyFreeShipping]), true); ok {
		b, _ := l.f.Value.BoolValue()
		freeShipping = b
		set(signal.PolicyFreeShipping, located2signal(l, signal.Bool(b)))
	}
	if freeShipping {
		if l, ok := pickNumber(tier(statedThresholds(bySignal[signal.PolicyFreeShippingThreshold]), topics[signal.PolicyFreeShippingThreshold]), false); ok {
			v, _ := l.f.Value.Float()
			set(signal.PolicyFreeShippingThreshold, located2signal(l, signal.Number(v)))
		}
	}

	// Presence signals.
	presence := []struct {
		name string
		what string
	}{
		{signal.PolicyPrivacy, "privacy policy"},
		{signal.PolicyAccessibility, "accessibility statement"},
		{signal.PolicySustainability, "sustainability page"},
		{signal.SelfServiceFAQ, "FAQ or help centre"},
		{signal.LoyaltyProgram, "loyalty programme"},
		{signal.PolicyPriceMatch, "price-match guarantee"},
		{signal.PricingPublic, "prices"},
	}
	for _, p := range presence {
		var pos, neg *signal.Evidence
		for _, r := range results {
			if ev, ok := r.presence[p.name]; ok {
				pos = &ev
				break
			}
		}
		if pos == nil {
			// Text findings (loyalty, price match): positives, else explicit
			// negatives.
			for _, l := range validBools(bySignal[p.name]) {
				b, _ := l.f.Value.BoolValue()
				ev := located2signal(l, l.f.Value).Evidence[0]
				if b && pos == nil {
					pos = &ev
				}
				if !b && neg == nil {
					neg = &ev
				}
			}
		}
		switch {
		case pos != nil:
			set(p.name, signal.Signal{Value: signal.Bool(true), Evidence: []signal.Evidence{*pos}})
		case neg != nil && canBeFalse:
			// An explicit "we don't…" is the best evidence for false, but
			// presence signals are false only after a complete crawl (spec).
			set(p.name, signal.Signal{Value: signal.Bool(false), Evidence: []signal.Evidence{*neg}})
		case canBeFalse:
			set(p.name, signal.Signal{Value: signal.Bool(false), Evidence: absentEvidence(p.what, signal.MethodCrawl)})
		}
	}

	// Contact channels.
	contact := []struct {
		name string
		what string
		get  func(*pageResult) *signal.Evidence
	}{
		{signal.ContactPhone, "support phone number", func(r *pageResult) *signal.Evidence { return r.phone }},
		{signal.ContactEmail, "support e-mail address", func(r *pageResult) *signal.Evidence { return r.email }},
		{signal.ContactChat, "live chat", func(r *pageResult) *signal.Evidence { return r.chat }},
	}
	for _, ch := range contact {
		var pos *signal.Evidence
		for _, r := range results {
			if ev := ch.get(r); ev != nil {
				pos = ev
				break
			}
		}
		// "We do not offer phone support" outweighs any number shown (a fax
		// line, a sales line); false only after a complete crawl (spec),
		// absent otherwise.
		if ch.name == signal.ContactPhone {
			vetoed := false
			for _, r := range results {
				if r.noPhone != nil {
					if canBeFalse {
						set(ch.name, signal.Signal{Value: signal.Bool(false), Evidence: []signal.Evidence{*r.noPhone}})
					}
					vetoed = true
					break
				}
			}
			if _, decided := out[ch.name]; vetoed || decided || skip[ch.name] {
				continue
			}
		}
		switch {
		case pos != nil:
			set(ch.name, signal.Signal{Value: signal.Bool(true), Evidence: []signal.Evidence{*pos}})
		case canBeFalse:
			set(ch.name, signal.Signal{Value: signal.Bool(false), Evidence: absentEvidence(ch.what, signal.MethodCrawl)})
		}
	}
	networks := map[string]signal.Evidence{}
	for _, r := range results {
		for net, ev := range r.social {
			if _, dup := networks[net]; !dup {
				networks[net] = ev
			}
		}
	}
	if len(networks) > 0 {
		var evs []signal.Evidence
		for _, net := range sortedNetworks(networks) {
			ev := networks[net]
			ev.Snippet = signal.Snip(net + ": " + ev.Snippet)
			evs = append(evs, ev)
		}
		set(signal.ContactSocial, signal.Signal{Value: signal.Number(float64(len(networks))), Evidence: evs})
	} else if canBeFalse {
		set(signal.ContactSocial, signal.Signal{Value: signal.Number(0), Evidence: absentEvidence("social network profile link", signal.MethodLink)})
	}

	// Clarity of the policy pages.
	if s, ok := readingEase(results); ok {
		set(signal.ClarityReadingEase, s)
	}

	// Site facts from the page records.
	for name, s := range siteSignals(results, pages) {
		set(name, s)
	}

	// Custom signals: the first page (in crawl order) that matched wins.
	for _, cr := range custom {
		found := false
		for _, r := range results {
			if h, ok := r.custom[cr.name]; ok {
				out[cr.name] = signal.Signal{Value: h.value, Evidence: []signal.Evidence{h.ev}}
				found = true
				break
			}
		}
		if !found {
			delete(out, cr.name) // a built-in of that name is replaced, not kept
			if cr.typ == signal.TypeBool && canBeFalse {
				m := signal.MethodText
				switch {
				case cr.sel != nil:
					m = signal.MethodSelector
				case cr.re != nil:
					m = signal.MethodRegex
				}
				out[cr.name] = signal.Signal{Value: signal.Bool(false), Evidence: absentEvidence(cr.name, m)}
			}
		}
	}
	return out
}

func firstURL(results []*pageResult, pages []signal.Page) string {
	if len(results) > 0 {
		return results[0].url
	}
	if len(pages) > 0 {
		return pages[0].URL
	}
	return ""
}

// tier keeps the findings from pages whose topics include one of kinds,
// when there are any; otherwise all findings.
func tier(ls []located, kinds []string) []located {
	if len(kinds) == 0 {
		return ls
	}
	var top []located
	for _, l := range ls {
		for _, k := range kinds {
			if l.r.topics[k] {
				top = append(top, l)
				break
			}
		}
	}
	if len(top) > 0 {
		return top
	}
	return ls
}

// pickNumber returns the largest (or smallest) valid number, first found
// on ties.
func pickNumber(ls []located, largest bool) (located, bool) {
	var best located
	found := false
	for _, l := range ls {
		v, ok := l.f.Value.Float()
		if !ok || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if !found {
			best, found = l, true
			continue
		}
		bv, _ := best.f.Value.Float()
		if (largest && v > bv) || (!largest && v < bv) {
			best = l
		}
	}
	return best, found
}

// statedThresholds drops thresholds of 0 read from plain statements
// ("Free standard shipping applies to orders within the US.") when a
// threshold is stated anywhere: a footnote does not make shipping free on
// every order.
func statedThresholds(ls []located) []located {
	var out []located
	for _, l := range ls {
		if !l.f.Implied {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return ls
	}
	return out
}

// validBools keeps true findings and false ones that are explicit
// negative evidence.
func validBools(ls []located) []located {
	var out []located
	for _, l := range ls {
		if b, ok := l.f.Value.BoolValue(); ok && (b || l.f.Negative) {
			out = append(out, l)
		}
	}
	return out
}

// pickBool returns the first finding of the winning polarity: true wins
// when positiveWins, false otherwise.
func pickBool(ls []located, positiveWins bool) (located, bool) {
	var first located
	found := false
	for _, l := range ls {
		b, _ := l.f.Value.BoolValue()
		if b == positiveWins {
			return l, true
		}
		if !found {
			first, found = l, true
		}
	}
	return first, found
}

func located2signal(l located, v signal.Value) signal.Signal {
	return signal.Signal{Value: v, Evidence: []signal.Evidence{{
		URL: l.r.url, Snippet: signal.Snip(l.f.Snippet), Method: signal.MethodText}}}
}

// maxEaseText bounds the policy text measured for reading ease (bytes).
const maxEaseText = 500_000

// readingEase measures the combined main text of the policy pages.
func readingEase(results []*pageResult) (signal.Signal, bool) {
	var b strings.Builder
	var evs []signal.Evidence
	seen := map[string]bool{}
	for _, r := range results {
		if r.policyText == "" || seen[r.url] || b.Len() >= maxEaseText {
			continue
		}
		seen[r.url] = true
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		t := r.policyText
		if rest := maxEaseText - b.Len(); len(t) > rest {
			t = t[:rest]
		}
		b.WriteString(t)
		if len(evs) < 5 {
			evs = append(evs, signal.Evidence{URL: r.url, Snippet: signal.Snip(r.policyText), Method: signal.MethodText})
		}
	}
	text := b.String()
	if len(strings.Fields(text)) == 0 {
		return signal.Signal{}, false
	}
	ease := policytext.ReadingEase(text)
	if math.IsNaN(ease) || math.IsInf(ease, 0) {
		return signal.Signal{}, false
	}
	ease = round3(math.Max(0, math.Min(100, ease)))
	return signal.Signal{Value: signal.Number(ease), Evidence: evs}, true
}

// siteSignals computes response.median_ms, site.pages and site.https from
// the page records, leaving out configured third-party review pages. When
// the crawler passed no records, the analysed pages stand in for them.
func siteSignals(results []*pageResult, pages []signal.Page) map[string]signal.Signal {
	out := map[string]signal.Signal{}
	review := map[string]bool{}
	for _, r := range results {
		if r.review {
			review[r.url] = true
		}
	}
	var own []signal.Page
	for _, p := range pages {
		if !review[p.URL] {
			own = append(own, p)
		}
	}
	if len(pages) == 0 {
		for _, r := range results {
			if !r.review {
				own = append(own, signal.Page{URL: r.url, Status: 200, Kind: r.kind})
			}
		}
	}
	var ms []float64
	ok2xx, fetched, https := 0, 0, 0
	first := ""
	for _, p := range own {
		if p.Status <= 0 {
			continue
		}
		fetched++
		if first == "" {
			first = p.URL
		}
		if u, err := url.Parse(p.URL); err == nil && strings.EqualFold(u.Scheme, "https") {
			https++
		}
		if (p.Status >= 200 && p.Status < 300) || p.NotModified {
			ok2xx++
		}
		if p.Status == 200 && !p.NotModified && p.MS > 0 && len(pages) > 0 {
			ms = append(ms, p.MS)
		}
	}
	if fetched == 0 {
		return out
	}
	if len(ms) > 0 {
		sort.Float64s(ms)
		med := ms[len(ms)/2]
		if len(ms)%2 == 0 {
			med = (ms[len(ms)/2-1] + ms[len(ms)/2]) / 2
		}
		out[signal.ResponseMedianMS] = signal.Signal{Value: signal.Number(round3(med)), Evidence: []signal.Evidence{{
			URL: first, Snippet: fmt.Sprintf("median of %d page fetches", len(ms)), Method: signal.MethodTiming}}}
	}
	out[signal.SitePages] = signal.Signal{Value: signal.Number(float64(ok2xx)), Evidence: []signal.Evidence{{
		URL: first, Snippet: fmt.Sprintf("%d HTML pages fetched successfully", ok2xx), Method: signal.MethodCrawl}}}
	isHTTPS := https*2 > fetched
	if https*2 == fetched {
		isHTTPS = strings.HasPrefix(strings.ToLower(first), "https:")
	}
	out[signal.SiteHTTPS] = signal.Signal{Value: signal.Bool(isHTTPS), Evidence: []signal.Evidence{{
		URL: first, Snippet: fmt.Sprintf("%d of %d pages fetched over https", https, fetched), Method: signal.MethodCrawl}}}
	return out
}
