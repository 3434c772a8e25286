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

// finding is what one page states about one signal.
type finding struct {
	value    signal.Value
	ev       signal.Evidence
	negative bool   // explicit negative evidence
	implied  bool   // a threshold of 0 read from a plain statement
	fallback bool   // counts only when no other finding does (a statutory window)
	key      string // for distinct: what is counted (a social network)
	chrome   bool   // read in page chrome or a block repeated on most pages
	r        *pageResult
}

// Repeated blocks: a block whose text appears on at least repeatShare of
// a site's pages (and on at least repeatMin of them) is site furniture
// (a USP strip, a promotion), like chrome.
const (
	repeatMin   = 3
	repeatShare = 0.5
)

// repeatedBlocks returns the blocks repeated on most of the pages.
func repeatedBlocks(results []*pageResult) map[uint64]bool {
	own := 0
	for _, r := range results {
		if !r.review {
			own++
		}
	}
	need := max(repeatMin, int(float64(own)*repeatShare+0.999))
	if own < need {
		return nil
	}
	count := map[uint64]int{}
	for _, r := range results {
		for _, h := range r.blocks {
			count[h]++
		}
	}
	out := map[uint64]bool{}
	for h, n := range count {
		if n >= need {
			out[h] = true
		}
	}
	return out
}

// findings collects what one page states, by signal. Its policy-text
// candidates are settled twice: those of its main content, and those of
// its chrome and of blocks repeated on most pages (marked chrome).
func (r *pageResult) findings(repeated map[uint64]bool) map[string][]finding {
	out := map[string][]finding{}
	add := func(name string, f finding) {
		f.r = r
		out[name] = append(out[name], f)
	}
	var main, chrome []policytext.Candidate
	for _, c := range r.cands {
		if c.Chrome || repeated[c.Block] {
			chrome = append(chrome, c)
		} else {
			main = append(main, c)
		}
	}
	for _, part := range []struct {
		cs     []policytext.Candidate
		chrome bool
	}{{main, false}, {chrome, true}} {
		for _, c := range policytext.Settle(part.cs) {
			add(c.Signal, finding{value: c.Value, negative: c.Negative, implied: c.Implied, fallback: c.Fallback, chrome: part.chrome,
				ev: signal.Evidence{URL: r.url, Snippet: signal.Snip(c.Snippet), Method: signal.MethodText}})
		}
	}
	for name, ev := range r.presence {
		add(name, finding{value: signal.Bool(true), ev: ev})
	}
	for _, ch := range []struct {
		name string
		ev   *signal.Evidence
		neg  bool
	}{{signal.ContactPhone, r.noPhone, true}, {signal.ContactPhone, r.phone, false},
		{signal.ContactEmail, r.email, false}, {signal.ContactChat, r.chat, false}} {
		if ch.ev != nil {
			add(ch.name, finding{value: signal.Bool(!ch.neg), negative: ch.neg, ev: *ch.ev})
		}
	}
	for _, net := range sortedNetworks(r.social) {
		ev := r.social[net]
		ev.Snippet = signal.Snip(net + ": " + ev.Snippet)
		add(signal.ContactSocial, finding{value: signal.Number(1), key: net, ev: ev})
	}
	return out
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
	// Presence signals are false only after a complete crawl that
	// fetched something.
	canBeFalse := complete && fetched

	repeated := repeatedBlocks(results)
	bySignal := map[string][]finding{}
	for _, r := range results {
		for name, fs := range r.findings(repeated) {
			bySignal[name] = append(bySignal[name], fs...)
		}
	}
	for _, ru := range catalog {
		if ru.needs != "" {
			if b, _ := out[ru.needs].Value.BoolValue(); !b {
				continue
			}
		}
		if s, ok := combine(ru, bySignal[ru.signal], canBeFalse, results, pages); ok {
			set(ru.signal, s)
		}
	}
	for _, c := range computed {
		for name, s := range c.combine(results, pages) {
			set(name, s)
		}
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
				out[cr.name] = signal.Signal{Value: signal.Bool(false), Evidence: absentEvidence(results, pages, cr.name, m)}
			}
		}
	}
	return out
}

// combine applies one catalog rule to the findings of a signal (in crawl
// order).
func combine(ru rule, fs []finding, canBeFalse bool, results []*pageResult, pages []signal.Page) (signal.Signal, bool) {
	var main, chrome []finding
	for _, f := range fs {
		if f.chrome {
			chrome = append(chrome, f)
		} else {
			main = append(main, f)
		}
	}
	note := ""
	if len(main) == 0 && ru.chrome && len(chrome) > 0 {
		main, note = chrome, chromeNote
	}
	fs = tier(ordinary(main), ru.trust)
	one := func(f finding) (signal.Signal, bool) {
		ev := f.ev
		if note != "" {
			ev.Note = note
		}
		return signal.Signal{Value: f.value, Evidence: []signal.Evidence{ev}}, true
	}
	spec, _ := signal.Lookup(ru.signal)
	var picked *finding
	switch ru.pick {
	case largest, smallest, threshold:
		if ru.pick == threshold {
			fs = statedThresholds(fs)
		}
		for i := range fs {
			v, ok := fs[i].value.Float()
			if !ok || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			if picked == nil {
				picked = &fs[i]
				continue
			}
			pv, _ := picked.value.Float()
			if (ru.pick == largest && v > pv) || (ru.pick != largest && v < pv) {
				picked = &fs[i]
			}
		}
	case positive, negative:
		want := ru.pick == positive
		for i := range fs {
			b, ok := fs[i].value.BoolValue()
			if !ok || (!b && !fs[i].negative) {
				continue
			}
			if b == want {
				picked = &fs[i]
				break
			}
			if picked == nil {
				picked = &fs[i]
			}
		}
	case distinct:
		var evs []signal.Evidence
		seen := map[string]bool{}
		for _, f := range fs {
			if !seen[f.key] {
				seen[f.key] = true
				evs = append(evs, f.ev)
			}
		}
		if len(evs) > 0 {
			sort.SliceStable(evs, func(i, j int) bool { return evs[i].Snippet < evs[j].Snippet })
			return signal.Signal{Value: signal.Number(float64(len(evs))), Evidence: evs}, true
		}
		if canBeFalse {
			return signal.Signal{Value: signal.Number(0), Evidence: absentEvidence(results, pages, ru.what, signal.MethodLink)}, true
		}
		return signal.Signal{}, false
	}
	if spec.Falsity == signal.Presence {
		if picked != nil && picked.value.Equal(signal.Bool(true)) {
			return one(*picked)
		}
		if !canBeFalse {
			return signal.Signal{}, false
		}
		if picked != nil {
			// An explicit "we don't..." is the best evidence for false, but
			// presence signals are false only after a complete crawl (spec).
			return one(*picked)
		}
		return signal.Signal{Value: signal.Bool(false), Evidence: absentEvidence(results, pages, ru.what, signal.MethodCrawl)}, true
	}
	if picked == nil {
		return signal.Signal{}, false
	}
	return one(*picked)
}

// absentEvidence is the evidence of a presence signal that a complete
// crawl did not find.
func absentEvidence(results []*pageResult, pages []signal.Page, what string, m signal.Method) []signal.Evidence {
	return []signal.Evidence{{URL: firstURL(results, pages), Method: m,
		Snippet: signal.Snip(fmt.Sprintf("no %s found on %d pages of a complete crawl", what, len(results)))}}
}

// ratingSignals combines the pages' ratings into rating.value and
// rating.count.
func ratingSignals(results []*pageResult, _ []signal.Page) map[string]signal.Signal {
	var ratings []rating
	for _, r := range results {
		ratings = append(ratings, r.ratings...)
	}
	out := map[string]signal.Signal{}
	if v, c, hasCount, ok := combineRatings(ratings); ok {
		out[signal.RatingValue] = v
		if hasCount {
			out[signal.RatingCount] = c
		}
	}
	return out
}

// readingEaseSignal measures clarity.reading_ease.
func readingEaseSignal(results []*pageResult, _ []signal.Page) map[string]signal.Signal {
	if s, ok := readingEase(results); ok {
		return map[string]signal.Signal{signal.ClarityReadingEase: s}
	}
	return nil
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
func tier(fs []finding, kinds []string) []finding {
	if len(kinds) == 0 {
		return fs
	}
	var top []finding
	for _, f := range fs {
		for _, k := range kinds {
			if f.r.topics[k] {
				top = append(top, f)
				break
			}
		}
	}
	if len(top) > 0 {
		return top
	}
	return fs
}

// ordinary drops fallback findings (statutory windows) when there are
// others.
func ordinary(fs []finding) []finding {
	var out []finding
	for _, f := range fs {
		if !f.fallback {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return fs
	}
	return out
}

// statedThresholds drops thresholds of 0 read from plain statements
// ("Free standard shipping applies to orders within the US.") when a
// threshold is stated anywhere: a footnote does not make shipping free on
// every order.
func statedThresholds(fs []finding) []finding {
	var out []finding
	for _, f := range fs {
		if !f.implied {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return fs
	}
	return out
}

// maxEaseText bounds the policy text measured for reading ease (bytes).
const maxEaseText = 500_000

// readingEase measures the combined main text of the policy pages.
func readingEase(results []*pageResult) (signal.Signal, bool) {
	// The policy pages of the site's main language (by text): a formula is
	// for one language, and a German site's one English page is no sample.
	size := map[string]int{}
	for _, r := range results {
		if r.policyText != "" {
			size[langOrEnglish(r.lang)] += len(r.policyText)
		}
	}
	code := ""
	for l, n := range size {
		if code == "" || n > size[code] || (n == size[code] && l < code) {
			code = l
		}
	}
	var b strings.Builder
	var evs []signal.Evidence
	seen := map[string]bool{}
	for _, r := range results {
		if r.policyText == "" || seen[r.url] || b.Len() >= maxEaseText || langOrEnglish(r.lang) != code {
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
	ease, formula, ok := policytext.ReadingEaseIn(text, code)
	if !ok || math.IsNaN(ease) || math.IsInf(ease, 0) {
		return signal.Signal{}, false
	}
	for i := range evs {
		evs[i].Note = formula
	}
	ease = round3(math.Max(0, math.Min(100, ease)))
	return signal.Signal{Value: signal.Number(ease), Evidence: evs}, true
}

// langOrEnglish is a page's language, English when unknown.
func langOrEnglish(code string) string {
	if code == "" {
		return "en"
	}
	return code
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
