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
	"encoding/binary"
	"hash/maphash"
	"math"
	"regexp"
	"strings"

	"github.com/cxbench/cxbench/crawler/extract/document"

	"github.com/cxbench/cxbench/signal"
)

// Candidate is one statement of a policy fact in a page: a return window,
// a free-shipping offer, a reply-time promise... Pages state a policy
// several times, in the main text and in banners, sometimes for some goods
// only; Pick settles the candidates of one signal.
type Candidate struct {
	Signal  string       // a built-in signal name from package signal
	Value   signal.Value // typed per the catalog: number or bool
	Snippet string       // the sentence that states it, signal.Snip'd (<= 200 runes)
	// Negative: explicit negative evidence ("we do not offer free
	// shipping", "we do not accept returns").
	Negative bool
	// Special: the statement applies to some goods or customers only (sale
	// items, members, express delivery); it never decides.
	Special bool
	// Weak: a bare heading or label ("Price match"), for presence signals.
	Weak bool
	// Fallback: a statement that counts only when nothing else is stated
	// (the statutory withdrawal window beside a shop's own return window).
	Fallback bool

	// For policy.free_shipping: the order value from which shipping is
	// free (-1 when none is stated); All, free on every order; Implied,
	// All read from a plain statement ("We offer free shipping.") rather
	// than said ("on all orders"): any stated threshold beats it;
	// ThresholdOnly, a threshold implied by a fee below it ("orders under
	// $49 ship for $6.95"), which never makes shipping free by itself.
	Threshold                   float64
	All, Implied, ThresholdOnly bool

	// For rating.value: the count behind it (HasCount), whether the
	// sentence says the rating is about the company, its shop or service,
	// or its customers overall ("our customers rate us", "TrustScore"),
	// and whether the page states several different ratings (a listing of
	// products), so an uncued one is not the company's.
	Count                      float64
	HasCount, Company, Several bool

	// Chrome: stated in the page's chrome (navigation, banner, footer).
	// Block: the hash of the stating block, to recognise blocks repeated
	// on most pages of a site.
	Chrome bool
	Block  uint64
}

// Extract finds the candidates of every policy signal in one page's
// document. kind is the page's kind (signal.KindReturns, KindShipping, ...
// or KindOther): a hint.
func Extract(doc *document.Document, kind string) []Candidate {
	return extractSentences(sentencesOf(doc), kind)
}

func extractSentences(sentences []sentence, kind string) []Candidate {
	var out []Candidate
	count := make([]int, len(probes))
	// seen skips a sentence already read with the same context: pages
	// repeat banners and boilerplate, and a repeat adds nothing.
	seen := make(map[uint64]bool, len(sentences))
	asks := map[string]*asked{}
	for i := range sentences {
		s := &sentences[i]
		if s.q != "" && s.ask == nil {
			if asks[s.q] == nil {
				asks[s.q] = &asked{}
			}
			s.ask = asks[s.q]
		}
		k := s.key()
		if seen[k] || s.question {
			// A question is not evidence ("Do you price match?"); the
			// answer is (see answer).
			continue
		}
		seen[k] = true
		var yes, no bool
		var q *sentence
		if s.first && s.q != "" {
			yes, no = answerPolarity(s)
			q = &sentence{orig: s.qOrig, low: s.q, head: s.head, heads: s.heads, v: s.v, title: s.title}
		}
		for pi := range probes {
			p := &probes[pi]
			// Each signal stops looking once it has maxCandidates
			// candidates (a page states a policy a handful of times, not
			// hundreds). Cheap keyword tests in each rule spare most
			// sentences the regular expressions.
			if count[pi] >= maxCandidates || (p.skip != nil && p.skip(kind)) {
				continue
			}
			n := len(out)
			if (yes || no) && p.answerable {
				out = answer(p, q, s, yes, kind, out)
			}
			out = p.read(s, kind, out)
			if len(out) > n && template(s) {
				out = out[:n] // a template's instruction or placeholder states no policy
				continue
			}
			for j := n; j < len(out); j++ {
				out[j].Snippet = signal.Snip(out[j].Snippet)
				out[j].Chrome, out[j].Block = s.chrome, s.block
			}
			count[pi] += len(out) - n
		}
	}
	return out
}

// Settle settles what one page states, signal by signal, from the
// candidates of one part of it (its main content, or its chrome): each
// probe picks its signal's statement (see probes).
func Settle(cs []Candidate) []Candidate {
	var out []Candidate
	for i := range probes {
		p := &probes[i]
		var mine []Candidate
		for _, c := range cs {
			if c.Signal == p.signal {
				mine = append(mine, c)
			}
		}
		if len(mine) > 0 {
			out = append(out, p.settle(mine)...)
		}
	}
	return out
}

// pickNum is the largest (or smallest) ordinary positive number; the
// first of equals.
func pickNum(cs []Candidate, name string, largest bool) (Candidate, bool) {
	best := -1
	var bv float64
	for i, c := range cs {
		if c.Signal != name || c.Special || c.Negative || c.Fallback {
			continue
		}
		v, ok := c.Value.Float()
		if !ok || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if best < 0 || (largest && v > bv) || (!largest && v < bv) {
			best, bv = i, v
		}
	}
	if best < 0 {
		return Candidate{}, false
	}
	return cs[best], true
}

// pickBool returns the first ordinary candidate of the winning polarity
// (true when positiveWins), else the first ordinary one. Thresholds
// implied by a fee never decide.
func pickBool(cs []Candidate, name string, positiveWins bool) (Candidate, bool) {
	first := -1
	for i, c := range cs {
		if c.Signal != name || c.Special || c.ThresholdOnly {
			continue
		}
		b, ok := c.Value.BoolValue()
		if !ok || (!b && !c.Negative) {
			continue
		}
		if b == positiveWins {
			return c, true
		}
		if first < 0 {
			first = i
		}
	}
	if first < 0 {
		return Candidate{}, false
	}
	return cs[first], true
}

// pickPresence: a full-sentence positive beats a negative, which beats a
// weak (heading) positive.
func pickPresence(cs []Candidate, name string) (Candidate, bool) {
	neg, weak := -1, -1
	for i, c := range cs {
		if c.Signal != name {
			continue
		}
		b, _ := c.Value.BoolValue()
		switch {
		case b && !c.Weak:
			return c, true
		case !b && neg < 0:
			neg = i
		case b && weak < 0:
			weak = i
		}
	}
	if neg >= 0 {
		return cs[neg], true
	}
	if weak >= 0 {
		return cs[weak], true
	}
	return Candidate{}, false
}

// threshold is the free-shipping threshold of free-shipping candidates:
// Signal policy.free_shipping_threshold, a number Value, Implied when a 0
// was read from a plain statement, ThresholdOnly when it came from a fee
// below the threshold.
func threshold(cs []Candidate) (Candidate, bool) {
	stated := false
	for _, x := range cs {
		if x.Signal == signal.PolicyFreeShipping && !x.Special && isTrue(x) && (x.Threshold >= 0 || (x.All && !x.Implied)) {
			stated = true
		}
	}
	best, bv := -1, 0.0
	for i, x := range cs {
		if x.Signal != signal.PolicyFreeShipping || x.Special || !isTrue(x) || (stated && x.Implied && x.Threshold < 0) {
			continue
		}
		v := x.Threshold
		if v < 0 {
			if !x.All {
				continue
			}
			v = 0
		}
		if best < 0 || v < bv {
			best, bv = i, v
		}
	}
	if best < 0 {
		return Candidate{}, false
	}
	c := cs[best]
	c.Signal, c.Value, c.Negative = signal.PolicyFreeShippingThreshold, signal.Number(bv), false
	c.Implied = c.Implied && c.Threshold < 0
	return c, true
}

func isTrue(c Candidate) bool {
	b, ok := c.Value.BoolValue()
	return ok && b
}

// key identifies a sentence read in its context (its text, headings,
// previous sentence, header, question, label and region), hashed: two
// sentences with the same key yield the same candidates.
func (s *sentence) key() uint64 {
	var h maphash.Hash
	h.SetSeed(keySeed)
	for _, f := range [...]string{s.low, s.head, s.prev, s.ctx, s.q} {
		h.WriteString(f)
		h.WriteByte(0)
	}
	var b [9]byte
	binary.LittleEndian.PutUint64(b[:8], uint64(s.label))
	if s.chrome {
		b[8] = 1
	}
	h.Write(b[:])
	return h.Sum64()
}

var keySeed = maphash.MakeSeed()

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

// answerPolarity says whether a sentence opens with a plain yes or no.
func answerPolarity(s *sentence) (yes, no bool) {
	if s.v == nil {
		yes = yesAnswerRe.MatchString(s.low)
		return yes, !yes && noAnswerRe.MatchString(s.low)
	}
	first := s.low
	if i := strings.IndexAny(first, ",.!;:–-"); i >= 0 {
		first = first[:i]
	}
	first = strings.TrimSpace(first)
	if wordCount(first) > 3 {
		return false, false
	}
	no = s.v.Has("no", first) && !s.v.Has("yes", first)
	return !no && s.v.Has("yes", first), no
}
