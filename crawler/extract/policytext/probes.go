package policytext

import (
	"math"

	"github.com/cxbench/cxbench/signal"
)

// probe is the extraction of one signal from a page's text: scan reads
// one sentence and appends its candidates; settle picks what the page
// states from the candidates of one part of the page (its main content or
// its chrome); answerable says that a plain yes or no answering a question
// gives the question's positive candidates the answer's polarity ("Do you
// price match?" / "No."). skip, when set, leaves out pages of some kinds.
//
// Adding a text signal means adding a probe here (and its rules in a file
// of its own), and an entry in the extractor's catalog saying how pages
// combine.
type probe struct {
	signal string
	scan   func(s *sentence, kind string, out []Candidate) []Candidate
	// other reads sentences of the other languages, with their
	// vocabulary (generic.go).
	other      func(s *sentence, kind string, out []Candidate) []Candidate
	settle     func(cs []Candidate) []Candidate
	answerable bool
	skip       func(kind string) bool
}

// probes are the text signals, in catalog order.
var probes = []probe{
	{signal: signal.RatingValue, scan: scanRating, other: vRating, settle: settleRating},
	{signal: signal.SupportResponseHours, scan: scanSupport, other: vSupportHours, settle: settleNum(false),
		skip: func(kind string) bool { return kind == signal.KindPrivacy }},
	{signal: signal.PolicyReturnDays, scan: scanReturnDays, other: vReturnWindows, settle: settleReturnDays},
	{signal: signal.PolicyFreeReturns, scan: scanFreeReturns, other: vFreeReturns, settle: settleBool(false), answerable: true},
	{signal: signal.PolicyFreeShipping, scan: scanShipping, other: vFreeShipping, settle: settleShipping, answerable: true},
	{signal: signal.PolicyWarrantyMonths, scan: scanWarranty, other: vWarranties, settle: settleNum(true)},
	{signal: signal.PolicyPriceMatch, scan: presenceScan(signal.PolicyPriceMatch, priceMatch),
		other: vPresence(signal.PolicyPriceMatch, "price_match", "no_price_match"), settle: settlePresence, answerable: true},
	{signal: signal.LoyaltyProgram, scan: presenceScan(signal.LoyaltyProgram, loyalty),
		other: vPresence(signal.LoyaltyProgram, "loyalty", "no_loyalty"), settle: settlePresence, answerable: true},
}

func scanReturnDays(s *sentence, kind string, out []Candidate) []Candidate {
	var rets []retCand
	var zeros []string
	returnWindows(s, kind, &rets, &zeros)
	for _, c := range rets {
		out = append(out, Candidate{Signal: signal.PolicyReturnDays, Value: signal.Number(c.days), Snippet: c.snippet, Special: c.special,
			Fallback: c.statutory})
	}
	for _, z := range zeros {
		out = append(out, Candidate{Signal: signal.PolicyReturnDays, Value: signal.Number(0), Snippet: z, Negative: true})
	}
	return out
}

// settleReturnDays: the largest ordinary window; else the statutory
// withdrawal window; else an explicit refusal ("we do not accept
// returns") as 0.
func settleReturnDays(cs []Candidate) []Candidate {
	if c, ok := pickNum(cs, signal.PolicyReturnDays, true); ok {
		return []Candidate{c}
	}
	if c, ok := pickNum(fallbacks(cs), signal.PolicyReturnDays, true); ok {
		c.Fallback = true
		return []Candidate{c}
	}
	for _, c := range cs {
		if c.Negative {
			return []Candidate{c}
		}
	}
	return nil
}

func scanFreeReturns(s *sentence, kind string, out []Candidate) []Candidate {
	var bc []boolCand
	freeReturns(s, kind, &bc)
	for _, c := range bc {
		out = append(out, Candidate{Signal: signal.PolicyFreeReturns, Value: signal.Bool(c.v), Snippet: c.snippet,
			Special: c.special || c.thrOnly, Negative: !c.v})
	}
	return out
}

func scanShipping(s *sentence, kind string, out []Candidate) []Candidate {
	var bc []boolCand
	if s.first && s.q != "" {
		conditionalAnswer(s, kind, &bc)
	}
	freeShipping(s, kind, &bc)
	for _, c := range bc {
		out = append(out, shipCandidate(c))
	}
	return out
}

func shipCandidate(c boolCand) Candidate {
	return Candidate{Signal: signal.PolicyFreeShipping, Value: signal.Bool(c.v), Snippet: c.snippet, Special: c.special, Negative: !c.v,
		Threshold: c.thresh, All: c.all, Implied: c.implied, ThresholdOnly: c.thrOnly}
}

// settleShipping: any ordinary refusal wins over an offer on one page (a
// page that says "we do not offer free shipping" beside a "free shipping"
// banner means the former); with an offer, the threshold is the smallest
// order value stated (0 when one says every order; a 0 read from a plain
// statement loses to a stated threshold), and its snippet becomes the
// free-shipping snippet.
func settleShipping(cs []Candidate) []Candidate {
	c, ok := pickBool(cs, signal.PolicyFreeShipping, false)
	if !ok {
		return nil
	}
	if !isTrue(c) {
		return []Candidate{c}
	}
	th, ok := threshold(cs)
	if !ok {
		return []Candidate{c}
	}
	if !th.ThresholdOnly {
		c.Snippet = th.Snippet
	}
	th.ThresholdOnly = false
	return []Candidate{c, th}
}

func scanWarranty(s *sentence, kind string, out []Candidate) []Candidate {
	var nc []numCand
	warranties(s, kind, &nc)
	for _, c := range nc {
		out = append(out, Candidate{Signal: signal.PolicyWarrantyMonths, Value: signal.Number(c.v), Snippet: c.snippet, Special: c.special})
	}
	return out
}

func scanSupport(s *sentence, _ string, out []Candidate) []Candidate {
	var nc []numCand
	supportHours(s, &nc)
	for _, c := range nc {
		out = append(out, Candidate{Signal: signal.SupportResponseHours, Value: signal.Number(c.v), Snippet: c.snippet, Special: c.special})
	}
	return out
}

// settleNum: the largest (or smallest) ordinary number.
func settleNum(largest bool) func([]Candidate) []Candidate {
	return func(cs []Candidate) []Candidate {
		if len(cs) == 0 {
			return nil
		}
		if c, ok := pickNum(cs, cs[0].Signal, largest); ok {
			return []Candidate{c}
		}
		return nil
	}
}

// settleBool: the first ordinary candidate of the winning polarity.
func settleBool(positiveWins bool) func([]Candidate) []Candidate {
	return func(cs []Candidate) []Candidate {
		if len(cs) == 0 {
			return nil
		}
		if c, ok := pickBool(cs, cs[0].Signal, positiveWins); ok {
			return []Candidate{c}
		}
		return nil
	}
}

// presenceScan adapts a rule finding presence candidates.
func presenceScan(name string, rule func(*sentence, *[]presCand)) func(*sentence, string, []Candidate) []Candidate {
	return func(s *sentence, _ string, out []Candidate) []Candidate {
		var pc []presCand
		rule(s, &pc)
		for _, c := range pc {
			out = append(out, Candidate{Signal: name, Value: signal.Bool(c.v), Snippet: c.snippet, Weak: c.weak, Negative: !c.v})
		}
		return out
	}
}

// settlePresence: a full-sentence positive beats a negative, which beats
// a bare heading.
func settlePresence(cs []Candidate) []Candidate {
	if len(cs) == 0 {
		return nil
	}
	if c, ok := pickPresence(cs, cs[0].Signal); ok {
		return []Candidate{c}
	}
	return nil
}

func scanRating(s *sentence, _ string, out []Candidate) []Candidate {
	if !hasDigit(s.low) {
		return out
	}
	var rc []ratingCand
	rating(s, &rc)
	if len(rc) == 0 {
		// A count standing alone ("Reviews 9,870" above "TrustScore 4.1
		// out of 5"): a value without a number, paired in settleRating.
		if m := countOnlyRe.FindStringSubmatch(s.low); m != nil && !employerRe.MatchString(s.low) {
			if n, ok := parseCount(m[1] + m[4]); ok && n > 0 && n <= MaxReviewCount {
				out = append(out, Candidate{Signal: signal.RatingValue, Snippet: s.orig, Count: n, HasCount: true})
			}
		}
	}
	for _, c := range rc {
		out = append(out, Candidate{Signal: signal.RatingValue, Value: signal.Number(c.value), Snippet: c.snippet,
			Count: c.count, HasCount: c.hasCount, Company: c.company})
	}
	return out
}

// settleRating: the rating about the company (Trustpilot, "our
// customers"), then the one with the largest count, then the first;
// Several when the page states other ratings (count-less stars beside a
// counted rating are products' or single reviews'; other counted ratings
// make a listing).
func settleRating(cs []Candidate) []Candidate {
	best := -1
	better := func(a, b Candidate) bool {
		if a.Company != b.Company {
			return a.Company
		}
		if a.HasCount != b.HasCount {
			return a.HasCount
		}
		return a.Count > b.Count
	}
	counts := map[float64]bool{}
	for i, c := range cs {
		if !c.Value.Valid() {
			counts[c.Count] = true
			continue
		}
		if best < 0 || better(c, cs[best]) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	c := cs[best]
	if !c.HasCount && len(counts) == 1 {
		for n := range counts {
			c.Count, c.HasCount = n, true
		}
	}
	v, _ := c.Value.Float()
	for _, o := range cs {
		if ov, ok := o.Value.Float(); ok && ov != v && (o.HasCount || !c.HasCount) {
			c.Several = true
			break
		}
	}
	return []Candidate{c}
}

// answer reads a plain yes or no (a) answering question q: the question's
// positive candidates of probe p count with the answer's polarity; on a
// yes, an order value in the answer is a free-shipping threshold ("Yes,
// on orders over $25").
func answer(p *probe, q, a *sentence, yes bool, kind string, out []Candidate) []Candidate {
	qc := p.read(q, kind, nil)
	snip := q.orig + " " + a.orig
	for _, c := range qc {
		b, _ := c.Value.BoolValue()
		if !b || c.ThresholdOnly {
			continue
		}
		c.Value, c.Negative, c.Snippet = signal.Bool(yes), !yes, snip
		if c.Signal == signal.PolicyFreeShipping {
			if !yes {
				c.Threshold, c.All = -1, false
			} else if th := thresholds(a.low); len(th) > 0 {
				c.Threshold, c.All, c.Implied = minOf(th), false, false
			}
		}
		if c.Signal == signal.PolicyFreeReturns {
			c.Threshold = -1
		}
		out = append(out, c)
	}
	return out
}

// conditionalAnswer reads an answer that is neither yes nor no but an
// order value ("Only on orders over $25.") to a question about free
// shipping ("Is shipping free?").
func conditionalAnswer(a *sentence, kind string, out *[]boolCand) {
	if yesAnswerRe.MatchString(a.low) || noAnswerRe.MatchString(a.low) || negWordRe.MatchString(a.low) {
		return
	}
	th := thresholds(a.low)
	if len(th) == 0 {
		return
	}
	var qc []boolCand
	freeShipping(&sentence{orig: a.qOrig, low: a.q, head: a.head, heads: a.heads}, kind, &qc)
	for _, c := range qc {
		if c.v && !c.thrOnly && !c.special {
			c.snippet, c.thresh, c.all, c.implied = a.qOrig+" "+a.orig, minOf(th), false, false
			c.special = hasSpecial(a.low, specialShipRe)
			*out = append(*out, c)
		}
	}
}

// read runs the probe's rules for the sentence's language.
func (p *probe) read(s *sentence, kind string, out []Candidate) []Candidate {
	if s.v != nil {
		if p.other == nil {
			return out
		}
		return p.other(s, kind, out)
	}
	return p.scan(s, kind, out)
}

// fallbacks returns the fallback candidates as ordinary ones.
func fallbacks(cs []Candidate) []Candidate {
	var out []Candidate
	for _, c := range cs {
		if c.Fallback {
			c.Fallback = false
			out = append(out, c)
		}
	}
	return out
}

func minOf(vs []float64) float64 {
	m := vs[0]
	for _, v := range vs[1:] {
		m = math.Min(m, v)
	}
	return m
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}
