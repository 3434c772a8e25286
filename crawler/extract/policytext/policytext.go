// Package policytext finds policy facts in the visible text of one page:
// the return window, free returns, free shipping and its threshold, the
// warranty, the promised support reply time, price matching, a loyalty
// programme and a rating stated in prose. It also measures reading ease.
//
// It is pure and deterministic: text in, findings out. It reads sentence by
// sentence (see splitSentences for the work bounds) with regular
// expressions compiled once; each signal's rules, and how conflicts within
// one page are settled, are documented next to its code (returns.go,
// shipping.go, warranty.go, support.go, misc.go).
package policytext

import (
	"regexp"
	"strings"

	"github.com/cxbench/cxbench/signal"
)

// Finding is one fact found in a page's visible text.
type Finding struct {
	Signal   string       // a built-in signal name from package signal
	Value    signal.Value // typed per the catalog: number or bool
	Snippet  string       // the sentence that decided it, signal.Snip'd (<= 200 runes)
	Negative bool         // explicit negative evidence (e.g. "we do not offer free shipping")

	// For rating.value only. Company: the sentence says the rating is
	// about the company, its shop or service, or its customers overall
	// ("our customers rate us", "TrustScore", "Google reviews"). Several:
	// the page states more than one different rating (a listing of
	// products), so an uncued one is not the company's.
	Company, Several bool
	// For policy.free_shipping_threshold only: the 0 was read from a plain
	// statement ("Free standard shipping applies to orders delivered within
	// the US.") rather than said ("on all orders", "no minimum"); any
	// stated threshold beats it.
	Implied bool
}

// Extract finds policy facts in the visible text of one page. text has one
// block (paragraph, list item, heading, table cell) per line. kind is the
// page's kind (signal.KindReturns, KindShipping, ... or KindOther): a hint.
//
// It returns at most one Finding per signal, in catalog order.
func Extract(text string, kind string) []Finding {
	var (
		rets    []retCand
		zeros   []string
		freeRet []boolCand
		ship    []boolCand
		warr    []numCand
		support []numCand
		match   []presCand
		loyal   []presCand
		ratings []ratingCand
	)
	sentences := splitSentences(text)
	// seen skips a sentence already read with the same context: pages
	// repeat banners and boilerplate, and a repeat adds nothing (every
	// pick below keeps the first of equal candidates).
	seen := make(map[sentenceKey]bool, len(sentences))
	for i := range sentences {
		s := &sentences[i]
		k := sentenceKey{low: s.low, head: s.head, prev: s.prev, ctx: s.ctx, q: s.q, label: s.label}
		if seen[k] {
			continue
		}
		seen[k] = true
		if s.question {
			// A question is not evidence ("Do you price match?"); a yes or
			// no answer right after it is (see answer).
			if i+1 < len(sentences) {
				answer(s, &sentences[i+1], &freeRet, &ship, &match, &loyal)
			}
			continue
		}
		low := s.low
		// Each signal stops looking once it has maxCandidates candidates
		// (a page states a policy a handful of times, not hundreds).
		// Cheap keyword tests in each rule spare most sentences the
		// regular expressions.
		if len(rets)+len(zeros) < maxCandidates {
			returnWindows(s, kind, &rets, &zeros)
		}
		if len(freeRet) < maxCandidates {
			freeReturns(s, kind, &freeRet)
		}
		if len(ship) < maxCandidates {
			freeShipping(s, &ship)
		}
		if len(warr) < maxCandidates {
			warranties(s, kind, &warr)
		}
		if len(support) < maxCandidates && kind != signal.KindPrivacy {
			supportHours(s, &support)
		}
		if len(match) < maxCandidates {
			priceMatch(s, &match)
		}
		if len(loyal) < maxCandidates && !hasPositive(loyal) {
			loyalty(s, &loyal)
		}
		if len(ratings) < maxCandidates && strings.IndexAny(low, "0123456789") >= 0 {
			rating(s, &ratings)
		}
	}
	var out []Finding
	add := func(name string, v signal.Value, snippet string, neg bool) {
		out = append(out, Finding{Signal: name, Value: v, Snippet: signal.Snip(snippet), Negative: neg})
	}
	if c, ok := pickRating(ratings); ok {
		add(signal.RatingValue, signal.Number(c.value), c.snippet, false)
		out[len(out)-1].Company = c.company
		for _, o := range ratings {
			// Count-less stars beside a counted rating are products' or
			// single reviews'; other counted ratings make a listing.
			if o.value != c.value && (o.hasCount || !c.hasCount) {
				out[len(out)-1].Several = true
				break
			}
		}
		if c.hasCount {
			add(signal.RatingCount, signal.Number(c.count), c.snippet, false)
		}
	}
	if c, ok := pickNum(support, false); ok {
		add(signal.SupportResponseHours, signal.Number(c.v), c.snippet, false)
	}
	if days, snip, ok := pickReturnDays(rets); ok {
		add(signal.PolicyReturnDays, signal.Number(days), snip, false)
	} else if len(zeros) > 0 {
		add(signal.PolicyReturnDays, signal.Number(0), zeros[0], true)
	}
	if c, ok := pickBool(freeRet); ok {
		add(signal.PolicyFreeReturns, signal.Bool(c.v), c.snippet, !c.v)
	}
	if c, thresh, ok := pickShipping(ship); ok {
		add(signal.PolicyFreeShipping, signal.Bool(c.v), c.snippet, !c.v)
		if c.v && thresh.snippet != "" {
			add(signal.PolicyFreeShippingThreshold, signal.Number(thresh.v), thresh.snippet, false)
			out[len(out)-1].Implied = thresh.implied
		}
	}
	if c, ok := pickNum(warr, true); ok {
		add(signal.PolicyWarrantyMonths, signal.Number(c.v), c.snippet, false)
	}
	if c, ok := pickPresence(match); ok {
		add(signal.PolicyPriceMatch, signal.Bool(c.v), c.snippet, !c.v)
	}
	if c, ok := pickPresence(loyal); ok {
		add(signal.LoyaltyProgram, signal.Bool(c.v), c.snippet, !c.v)
	}
	return out
}

// pickReturnDays is the largest ordinary window.
func pickReturnDays(cs []retCand) (float64, string, bool) {
	best := -1
	for i, c := range cs {
		if !c.special && (best < 0 || c.days > cs[best].days) {
			best = i
		}
	}
	if best < 0 {
		return 0, "", false
	}
	return cs[best].days, cs[best].snippet, true
}

// pickBool settles free returns: an ordinary negative beats an ordinary
// positive (a return that costs anything is not free); special candidates
// never decide.
func pickBool(cs []boolCand) (boolCand, bool) {
	var pos *boolCand
	for i := range cs {
		c := &cs[i]
		if c.special || c.thrOnly {
			continue
		}
		if !c.v {
			return *c, true
		}
		if pos == nil {
			pos = c
		}
	}
	if pos == nil {
		return boolCand{}, false
	}
	return *pos, true
}

// pickShipping settles free shipping like pickBool, and the threshold as
// the smallest stated one (0 for "all orders"); thresh.snippet is "" when
// no threshold was stated.
func pickShipping(cs []boolCand) (c boolCand, thresh numCand, ok bool) {
	c, ok = pickBool(cs)
	if !ok || !c.v {
		return c, numCand{}, ok
	}
	// A threshold stated anywhere on the page beats an all-orders 0 read
	// from a plain statement (often a footnote to the threshold).
	stated := false
	for _, x := range cs {
		if !x.special && x.v && (x.thresh >= 0 || (x.all && !x.implied)) {
			stated = true
		}
	}
	for _, x := range cs {
		if x.special || !x.v || (stated && x.implied && x.thresh < 0) {
			continue
		}
		v := x.thresh
		if v < 0 {
			if !x.all {
				continue
			}
			v = 0
		}
		if thresh.snippet == "" || v < thresh.v {
			thresh = numCand{v: v, snippet: x.snippet, implied: x.implied && x.thresh < 0, special: x.thrOnly}
		}
	}
	if thresh.snippet != "" && !thresh.special {
		// The snippet of free shipping is the one that gave the threshold
		// (unless that only named a fee below it).
		c.snippet = thresh.snippet
	}
	thresh.special = false
	return c, thresh, true
}

// pickNum is the largest (max) or smallest non-special candidate.
func pickNum(cs []numCand, max bool) (numCand, bool) {
	best := -1
	for i, c := range cs {
		if c.special {
			continue
		}
		if best < 0 || (max && c.v > cs[best].v) || (!max && c.v < cs[best].v) {
			best = i
		}
	}
	if best < 0 {
		return numCand{}, false
	}
	return cs[best], true
}

// pickPresence: a full-sentence positive beats a negative, which beats a
// weak (heading) positive.
func pickPresence(cs []presCand) (presCand, bool) {
	var neg, weak *presCand
	for i := range cs {
		c := &cs[i]
		switch {
		case c.v && !c.weak:
			return *c, true
		case !c.v && neg == nil:
			neg = c
		case c.v && weak == nil:
			weak = c
		}
	}
	if neg != nil {
		return *neg, true
	}
	if weak != nil {
		return *weak, true
	}
	return presCand{}, false
}

// pickRating prefers a rating about the company (Trustpilot, "our
// customers"), then the one with the largest count, then the first.
func pickRating(cs []ratingCand) (ratingCand, bool) {
	best := -1
	better := func(a, b ratingCand) bool {
		if a.company != b.company {
			return a.company
		}
		if a.hasCount != b.hasCount {
			return a.hasCount
		}
		return a.count > b.count
	}
	for i, c := range cs {
		if best < 0 || better(c, cs[best]) {
			best = i
		}
	}
	if best < 0 {
		return ratingCand{}, false
	}
	return cs[best], true
}

// sentenceKey identifies a sentence with everything its rules read.
type sentenceKey struct {
	low, head, prev, ctx, q string
	label                   int
}

func hasPositive(cs []presCand) bool {
	for _, c := range cs {
		if c.v && !c.weak {
			return true
		}
	}
	return false
}

// Questions and answers.
//
// A question ("Do you price match?", "Are returns free?") is never
// evidence by itself. When the sentence right after it opens with a plain
// yes or no ("Yes, ...", "No.", "Not at this time, but ...",
// "Unfortunately not"), the question's positive statements for free
// returns, free shipping, price match and loyalty count with the answer's
// polarity. Answers that say more ("No, we don't price match") are read
// as ordinary sentences too. Questions whose own statement is negative
// ("Do I pay for return shipping?") are left to the answer's own words.

var (
	yesAnswerRe = regexp.MustCompile(`^(?:yes|yep|yeah|yup)(?:$|[^a-z])|^(?:absolutely|of course|certainly|definitely|sure|indeed)\s*(?:$|[.,!:;-])`)
	noAnswerRe  = regexp.MustCompile(`^(?:no|nope|sadly not|unfortunately not|sorry,? no|sorry,? not|not really)\s*(?:$|[.,!:;-])|` +
		`^(?:unfortunately|sadly|sorry|currently|at the moment|right now|for now),?\s+(?:no|not|we (?:don't|do not|can't|cannot|aren't|are not))\b|` +
		`^not (?:at (?:this|the moment|present|this time|the minute)|currently|yet|right now|any ?more|for now|today)\b`)
)

// answer reads the yes/no answer a to question q.
func answer(q, a *sentence, freeRet, ship *[]boolCand, match, loyal *[]presCand) {
	if a.question {
		return
	}
	yes := yesAnswerRe.MatchString(a.low)
	if !yes && !noAnswerRe.MatchString(a.low) {
		return
	}
	snip := q.orig + " " + a.orig
	var (
		fr, sh []boolCand
		pm, lp []presCand
	)
	freeReturns(q, signal.KindOther, &fr)
	freeShipping(q, &sh)
	priceMatch(q, &pm)
	loyalty(q, &lp)
	for _, c := range fr {
		if c.v {
			*freeRet = append(*freeRet, boolCand{v: yes, special: c.special, snippet: snip, thresh: -1})
		}
	}
	for _, c := range sh {
		if c.v && !c.thrOnly {
			c.v, c.snippet = yes, snip
			if !yes {
				c.thresh, c.all = -1, false
			}
			*ship = append(*ship, c)
		}
	}
	for _, c := range pm {
		if c.v {
			*match = append(*match, presCand{v: yes, snippet: snip})
		}
	}
	for _, c := range lp {
		if c.v {
			*loyal = append(*loyal, presCand{v: yes, snippet: snip})
		}
	}
}
