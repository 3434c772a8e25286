package policytext

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cxbench/cxbench/crawler/extract/lang"
	"github.com/cxbench/cxbench/signal"
)

// The rules of pages in languages other than English. They are written
// against the concepts of a vocabulary (package lang), not against words:
// a return window is a duration in a clause that names a return, where no
// word makes it a refund, delivery or processing time; a statutory
// withdrawal window counts only when nothing else is stated; a qualifier
// (sale items, members, express) makes a statement special unless an
// exclusion word introduces it; free shipping is a free word next to a
// shipping word, with a threshold after a threshold word; and so on, the
// same reasoning as the English rules with each language's words. The
// English rules (returns.go, shipping.go...) stay hand-tuned.

// vdur is a duration read with a vocabulary.
type vdur struct {
	start, end int
	n          float64
	unit       string // minute, hour, day, business_day, night, week, month, year
	ranged     bool
}

func (d vdur) days() (float64, bool) {
	switch d.unit {
	case "day", "business_day", "night":
		return d.n, true
	case "week":
		return d.n * 7, true
	case "month":
		return d.n * 30, true
	case "year":
		return d.n * 365, true
	}
	return 0, false
}

func (d vdur) hours() (float64, bool) {
	switch d.unit {
	case "minute":
		return d.n / 60, true
	case "hour":
		return d.n, true
	case "day", "business_day":
		return d.n * 24, true
	case "week":
		return d.n * 24 * 7, true
	}
	return 0, false
}

func (d vdur) months() (float64, bool) {
	switch d.unit {
	case "month":
		return d.n, true
	case "year":
		return d.n * 12, true
	}
	days, ok := d.days()
	if !ok {
		return 0, false
	}
	m := days / 30.44
	if m >= 1 {
		return math.Round(m*2) / 2, true
	}
	return math.Round(m*10) / 10, true
}

var unitNames = []string{"minute", "hour", "business_day", "day", "night", "week", "month", "year"}

// vdurations returns the durations of s.low in its page's vocabulary,
// found once per sentence (several probes read them).
func (s *sentence) vdurations() []vdur {
	if !s.vdsDone {
		s.vds, s.vdsDone = vDurations(s.low, s.v), true
	}
	return s.vds
}

// vDurations finds the durations of s: a number (digits or number words)
// before a unit word ("30 Tage", "trente jours", "14-tägige", "48 h
// ouvrées"), or a number word glued to a unit suffix ("zweijährige").
func vDurations(s string, v *lang.Vocab) []vdur {
	var out []vdur
	for _, unit := range unitNames {
		for _, m := range v.FindAll("unit:"+unit, s, maxPerSentence) {
			if d, ok := vDurationAt(s, m[0], m[1], unit, v); ok {
				out = append(out, d)
			}
		}
	}
	out = append(out, vCompoundDurations(s, v)...)
	// One duration per place: a longer match wins ("48 h" inside "48 heures").
	sortDurs(out)
	var kept []vdur
	for _, d := range out {
		if len(kept) > 0 && d.start < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, d)
	}
	if len(kept) > maxPerSentence {
		kept = kept[:maxPerSentence]
	}
	return kept
}

func sortDurs(ds []vdur) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && (ds[j].start < ds[j-1].start || ds[j].start == ds[j-1].start && ds[j].end > ds[j-1].end); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// vDurationAt reads the number before the unit at [us, ue).
func vDurationAt(s string, us, ue int, unit string, v *lang.Vocab) (vdur, bool) {
	d := vdur{end: ue, unit: unit}
	// "jours ouvrés", "días hábiles": a business modifier after the unit.
	if unit == "day" {
		rest := strings.TrimLeft(s[ue:], " ")
		for _, b := range v.BusinessAfter {
			if strings.HasPrefix(rest, b) {
				d.unit = "business_day"
				d.end = ue + (len(s[ue:]) - len(rest)) + len(b)
				break
			}
		}
	}
	p := skipSpaceBack(s, us)
	if p > 0 && s[p-1] == '-' {
		p = skipSpaceBack(s, p-1)
	}
	n, ns, ok := vPrevNumber(s, p, v)
	if !ok {
		return d, false
	}
	d.n, d.start = n, ns
	// A range: "5-7 Tage", "5 bis 7 Tage", "de 5 à 7 jours".
	q := skipSpaceBack(s, ns)
	if q > 0 && (s[q-1] == '-' || strings.HasSuffix(s[:q], "–")) {
		q = skipSpaceBack(s, q-1)
		if _, ls, ok := vPrevNumber(s, q, v); ok {
			d.ranged, d.start = true, ls
		}
	} else if w, ws := prevLetters(s, q); w != "" && len(w) <= 3 && isRangeWord(w) {
		if _, ls, ok := vPrevNumber(s, skipSpaceBack(s, ws), v); ok {
			d.ranged, d.start = true, ls
		}
	}
	return d, true
}

// isRangeWord: "bis", "à", "a", "al", "tot", "en", "und", "et", "y", "e".
func isRangeWord(w string) bool {
	switch w {
	case "bis", "à", "a", "al", "tot", "und", "et", "y", "e", "en", "o", "ou", "oder", "of":
		return true
	}
	return false
}

// vPrevNumber reads digits (a decimal comma or point) or number words
// ending at p.
func vPrevNumber(s string, p int, v *lang.Vocab) (float64, int, bool) {
	if p <= 0 {
		return 0, 0, false
	}
	if isDigit(s[p-1]) {
		i := p
		for i > 0 && (isDigit(s[i-1]) || s[i-1] == '.' || s[i-1] == ',') {
			i--
		}
		for i < p && (s[i] == '.' || s[i] == ',') {
			i++
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:i])
			if unicode.IsLetter(r) {
				return 0, 0, false
			}
		}
		num := s[i:p]
		if strings.Count(num, ",")+strings.Count(num, ".") > 1 {
			return 0, 0, false
		}
		f, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
		if err != nil {
			return 0, 0, false
		}
		return f, i, true
	}
	w, ws := prevLetters(s, p)
	if w == "" {
		return 0, 0, false
	}
	if n, ok := v.NumberWords[w]; ok {
		// "(30)": trust the digits that follow a number word.
		return n, ws, true
	}
	return 0, 0, false
}

// prevLetters returns the run of letters ending at p and its start.
func prevLetters(s string, p int) (string, int) {
	i := p
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= size
	}
	return s[i:p], i
}

// vCompoundDurations finds number words glued to a unit suffix
// ("zweijährige", "dreißigtägig").
func vCompoundDurations(s string, v *lang.Vocab) []vdur {
	if len(v.UnitSuffixes) == 0 {
		return nil
	}
	var out []vdur
	for i := 0; i < len(s) && len(out) < maxPerSentence; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		word := s[i:j]
		for unit, sufs := range v.UnitSuffixes {
			for _, suf := range sufs {
				if pre, ok := strings.CutSuffix(word, suf); ok && pre != "" {
					if n, ok := v.NumberWords[pre]; ok {
						out = append(out, vdur{start: i, end: j, n: n, unit: unit})
					}
				}
			}
		}
		i = j
	}
	// Number then hyphen then suffix: "14-tägige", "2-jährige".
	for unit, sufs := range v.UnitSuffixes {
		for _, suf := range sufs {
			for off := 0; off < len(s) && len(out) < maxPerSentence; {
				k := strings.Index(s[off:], "-"+suf)
				if k < 0 {
					break
				}
				k += off
				end := k + 1 + len(suf)
				off = end
				if end < len(s) {
					if r, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsLetter(r) {
						continue
					}
				}
				if n, ns, ok := vPrevNumber(s, k, v); ok && ns < k {
					out = append(out, vdur{start: ns, end: end, n: n, unit: unit})
				}
			}
		}
	}
	return out
}

// vClauses splits s into clauses with the vocabulary's contrast words.
func (s *sentence) vClauses() []clause {
	if !s.csDone {
		s.cs, s.csDone = splitClausesWith(s.low, s.v.ContrastSet()), true
	}
	return s.cs
}

// vRegion is the region of the clause holding pos.
func (s *sentence) vRegion(pos int) (reg string, off int, own string) {
	cs := s.vClauses()
	ci := clauseAt(cs, pos)
	reg, off = region(s.low, cs, ci)
	return reg, off, s.low[cs[ci].start:cs[ci].end]
}

// vNegatedBefore reports a negation among the few words before pos, not
// across punctuation.
func vNegatedBefore(s string, pos int, v *lang.Vocab) bool {
	before := s[:pos]
	if i := strings.LastIndexAny(before, ",;:.!?|·•"); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		before = before[i+size:]
	}
	words := strings.Fields(before)
	if len(words) > 5 {
		words = words[len(words)-5:]
	}
	return v.Has("negation", strings.Join(words, " "))
}

// vNegatedAfter reports a negation right after pos ("Gratisversand
// bieten wir nicht an").
func vNegatedAfter(s string, pos int, v *lang.Vocab) bool {
	after := s[pos:]
	if i := strings.IndexAny(after, ",;:.!?|·•"); i >= 0 {
		after = after[:i]
	}
	words := strings.Fields(after)
	if len(words) > 5 {
		words = words[:5]
	}
	return v.Has("negation", strings.Join(words, " "))
}

// vSpecialIn reports a special qualifier in s[start:end] that no
// exclusion word before it introduces ("außer Sale-Artikeln").
func vSpecialIn(s string, start, end int, v *lang.Vocab) bool {
	return vQualifiedIn("special", s, start, end, v)
}

// vQualifiedIn is vSpecialIn for the qualifiers of another concept
// ("warranty_special": batteries, accessories, used goods).
func vQualifiedIn(concept, s string, start, end int, v *lang.Vocab) bool {
	if start >= end {
		return false
	}
	for _, m := range v.FindAll(concept, s[start:end], maxPerSentence) {
		at := start + m[0]
		before := tail(s[:at], 120)
		if ex := v.FindAll("exclusion", before, maxPerSentence); len(ex) > 0 {
			last := ex[len(ex)-1]
			between := before[last[1]:]
			if !strings.ContainsAny(between, ";:.!?") && wordCount(between) <= 8 {
				continue
			}
		}
		return true
	}
	return false
}

func (s *sentence) vHeadSpecial() bool {
	return s.vHeadQualified("special")
}

func (s *sentence) vHeadQualified(concept string) bool {
	for _, h := range s.heads {
		if vQualifiedIn(concept, h, 0, len(h), s.v) {
			return true
		}
	}
	return false
}

// stripConcept blanks the matches of a concept in s (keeping offsets).
func stripConcept(s, concept string, v *lang.Vocab) string {
	ms := v.FindAll(concept, s, maxPerSentence)
	if len(ms) == 0 {
		return s
	}
	b := []byte(s)
	for _, m := range ms {
		for i := m[0]; i < m[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// Return windows.
func vReturnWindows(s *sentence, kind string, out []Candidate) []Candidate {
	v, low := s.v, s.low
	askedHowLong := s.q != "" && v.Has("how_long", s.q) && (v.Has("return", s.q) || v.Has("statutory", s.q)) && !v.Has("refund", s.q)
	if !askedHowLong && !v.Has("return", low) && !v.Has("statutory", low) && !v.Has("trial", low) && !v.Has("no_returns", low) &&
		kind != signal.KindReturns {
		return out
	}
	refused := v.FindAll("no_returns", low, maxPerSentence)
	// "Eine Rückgabe oder ein Umtausch ist ausgeschlossen": a return word
	// and an exclusion in one clause.
	for _, m := range v.FindAll("excluded", low, maxPerSentence) {
		_, off, own := s.vRegion(m[0])
		if v.Has("return", own) && !v.Has("statutory", own) {
			refused = append(refused, []int{off, off + len(own)})
		}
	}
	for _, m := range refused {
		_, off, own := s.vRegion(m[0])
		if !vSpecialIn(low, off, off+len(own), v) && !s.vHeadSpecial() && len(vDurations(own, v)) == 0 {
			out = append(out, Candidate{Signal: signal.PolicyReturnDays, Value: signal.Number(0), Snippet: s.orig, Negative: true})
			break
		}
	}
	for _, d := range s.vdurations() {
		if d.start < s.label || d.ranged {
			continue
		}
		days, ok := d.days()
		if !ok || days <= 0 || days > 1100 {
			continue
		}
		reg, off, own := s.vRegion(d.start)
		stripped := stripConcept(own, "anchor", v)
		statutory := v.Has("statutory", reg) || v.Has("statutory", s.head)
		if v.Has("window_veto", stripped) {
			continue
		}
		if v.Has("warranty", own) && !v.Has("return", own) && !statutory {
			continue
		}
		cue := v.Has("return", reg) || statutory || (askedHowLong && s.label == 0)
		if !cue && v.Has("trial", reg) && (d.unit == "night" || v.Has("return", low)) {
			cue = true
		}
		if !cue && v.Has("anchor", own) && (kind == signal.KindReturns || v.Has("return", s.head)) {
			cue = true
		}
		if !cue {
			continue
		}
		special := s.vHeadSpecial() || vSpecialIn(low, off, off+len(reg), v)
		out = append(out, Candidate{Signal: signal.PolicyReturnDays, Value: signal.Number(days), Snippet: s.orig,
			Special: special, Fallback: statutory})
	}
	return out
}

// Free returns.
func vFreeReturns(s *sentence, kind string, out []Candidate) []Candidate {
	v, low := s.v, s.low
	if !v.Has("return", low) && !v.Has("return_cost", low) && kind != signal.KindReturns {
		return out
	}
	cs := s.vClauses()
	for ci, c := range cs {
		own := low[c.start:c.end]
		reg, off := region(low, cs, ci)
		returnish := v.Has("return_cost", own) || v.Has("return", own) || v.Has("return_cost", reg) || (kind == signal.KindReturns && v.Has("return", reg))
		if !returnish {
			continue
		}
		special := s.vHeadSpecial() || vSpecialIn(low, off, off+len(reg), v)
		add := func(val bool) {
			out = append(out, Candidate{Signal: signal.PolicyFreeReturns, Value: signal.Bool(val), Snippet: s.orig, Special: special, Negative: !val})
		}
		switch {
		case v.Has("customer_pays", own) || v.Has("deducted", own):
			add(false)
		case v.Has("fee", own) && len(findAmounts(own)) > 0 && !v.Has("free", own):
			add(false)
		case v.Has("free", own) || v.Has("shop_pays", own):
			ms := v.FindAll("free", own, 2)
			if len(ms) > 0 && (vNegatedBefore(own, ms[0][0], v) || vNegatedAfter(own, ms[0][1], v)) {
				add(false)
				continue
			}
			if len(ms) > 0 && v.Has("shipping", own) && !v.Has("return_cost", own) && !v.Has("return", tail(own[:ms[0][0]], 30)+head(own[ms[0][1]:], 30)) {
				continue // free shipping, not free returns
			}
			add(true)
		}
	}
	return out
}

// Free shipping and its threshold.
func vFreeShipping(s *sentence, kind string, out []Candidate) []Candidate {
	v, low := s.v, s.low
	if s.cell != nil && s.label == 0 {
		out = vTableFreeShipping(s, out)
	}
	if !v.Has("free_shipping", low) && !(v.Has("free", low) && v.Has("shipping", low)) && !v.Has("shipping_paid", low) {
		return out
	}
	cs := s.vClauses()
	for ci, c := range cs {
		own := low[c.start:c.end]
		reg, off := region(low, cs, ci)
		pos := -1
		if m := v.FindAll("free_shipping", own, 1); len(m) > 0 {
			pos = c.start + m[0][0]
		} else if fm := v.FindAll("free", own, 4); len(fm) > 0 {
			for _, f := range fm {
				if nearConcept(own, f, "shipping", v, 4) && !nearConcept(own, f, "return", v, 2) && !nearConcept(own, f, "return_cost", v, 2) {
					pos = c.start + f[0]
					break
				}
			}
		}
		if pos < 0 {
			if v.Has("shipping_paid", own) && v.Has("shipping", reg) {
				out = append(out, Candidate{Signal: signal.PolicyFreeShipping, Value: signal.Bool(false), Snippet: s.orig, Negative: true, Threshold: -1,
					Special: s.vHeadSpecial() || vSpecialIn(low, off, off+len(reg), v)})
			}
			continue
		}
		if v.Has("pickup", own) && !v.Has("shipping", stripConcept(own, "free_shipping", v)) {
			continue // free pick-up is no shipping
		}
		cand := Candidate{Signal: signal.PolicyFreeShipping, Value: signal.Bool(true), Snippet: s.orig, Threshold: -1}
		cand.Special = s.vHeadSpecial() || vSpecialIn(low, off, off+len(reg), v) || (v.Has("speed", own) && !v.Has("all_orders", own))
		if vNegatedBefore(low, pos, v) || vNegatedAfter(low, pos, v) || v.Has("shipping_paid", own) {
			if u, ok := vUnderAmount(reg, v); ok {
				cand.Threshold = u // "unter 50 € nicht versandkostenfrei": free from 50
				out = append(out, cand)
				continue
			}
			cand.Value, cand.Negative = signal.Bool(false), true
			out = append(out, cand)
			continue
		}
		if th := vThresholds(reg, v); len(th) > 0 {
			cand.Threshold = minOf(th)
		} else if v.Has("all_orders", reg) {
			cand.All = true
		} else if len(findAmounts(reg)) == 0 && wordCount(reg) >= 4 {
			cand.All, cand.Implied = true, true
		}
		out = append(out, cand)
	}
	return out
}

// nearConcept reports a word of the concept within n words of the match m
// in s.
func nearConcept(s string, m []int, concept string, v *lang.Vocab, n int) bool {
	before := strings.Fields(s[:m[0]])
	after := strings.Fields(s[m[1]:])
	if len(before) > n {
		before = before[len(before)-n:]
	}
	if len(after) > n {
		after = after[:n]
	}
	return v.Has(concept, strings.Join(before, " ")+" "+s[m[0]:m[1]]+" "+strings.Join(after, " ")) &&
		(v.Has(concept, strings.Join(before, " ")) || v.Has(concept, strings.Join(after, " ")) || v.Has(concept, s[m[0]:m[1]]))
}

// vThresholds returns the order values stated after a threshold word.
func vThresholds(reg string, v *lang.Vocab) []float64 {
	var out []float64
	re := v.Re("threshold")
	under := v.Re("under")
	for _, a := range findAmounts(reg) {
		before := tail(reg[:a.start], 40)
		if under != nil && endsWith(under, before) {
			continue
		}
		if (re != nil && endsWith(re, before)) || strings.HasPrefix(strings.TrimSpace(reg[a.end:]), "+") {
			if a.v >= 0 && a.v <= 1e7 {
				out = append(out, a.v)
			}
		}
	}
	return out
}

// vUnderAmount finds an order value after an "under" word.
func vUnderAmount(reg string, v *lang.Vocab) (float64, bool) {
	under := v.Re("under")
	if under == nil {
		return 0, false
	}
	for _, a := range findAmounts(reg) {
		if endsWith(under, tail(reg[:a.start], 30)) && a.v > 0 {
			return a.v, true
		}
	}
	return 0, false
}

// endsWith reports a match of re at the end of s (a few fill words may
// follow it: "ab einem Bestellwert von 50 €", "dès 60 €", "a partir de 49 €").
func endsWith(re *regexp.Regexp, s string) bool {
	ms := re.FindAllStringSubmatchIndex(s, -1)
	if len(ms) == 0 {
		return false
	}
	last := ms[len(ms)-1]
	rest := strings.Fields(s[last[3]:])
	return len(rest) <= 2
}

// vTableFreeShipping reads a free cell of a shipping table.
func vTableFreeShipping(s *sentence, out []Candidate) []Candidate {
	v, c := s.v, s.cell
	text := strings.TrimRight(s.low, ".!* ")
	free := (v.Has("free", text) || v.Has("free_shipping", text)) && wordCount(text) <= 4
	if !free {
		return out
	}
	context := c.row + " | " + c.col + " | " + c.caption + " | " + s.head
	if !v.Has("shipping", context) || v.Has("return", c.caption+" "+c.col+" "+s.head) {
		return out
	}
	headers := c.row + " | " + c.col
	if v.Has("pickup", headers) {
		return out
	}
	cand := Candidate{Signal: signal.PolicyFreeShipping, Value: signal.Bool(true), Threshold: -1,
		Snippet: strings.TrimSpace(strings.Trim(c.col+", "+c.row, ", ")) + ": " + s.orig}
	cand.Special = s.vHeadSpecial() || vSpecialIn(headers, 0, len(headers), v) || v.Has("speed", headers)
	for _, h := range []string{c.row, c.col} {
		if th := vThresholds(h, v); len(th) > 0 && (cand.Threshold < 0 || minOf(th) < cand.Threshold) {
			cand.Threshold = minOf(th)
		}
	}
	return append(out, cand)
}

// Warranty.
func vWarranties(s *sentence, kind string, out []Candidate) []Candidate {
	v, low := s.v, s.low
	if !v.Has("warranty", low) && !v.Has("lifetime", low) {
		return out
	}
	warrantyPage := kind == signal.KindWarranty || v.Has("warranty", s.head)
	for _, d := range s.vdurations() {
		if d.ranged || d.start < s.label {
			continue
		}
		months, ok := d.months()
		if !ok || months <= 0 || months > 1200 {
			continue
		}
		reg, off, own := s.vRegion(d.start)
		if !v.Has("warranty", reg) && !(warrantyPage && v.Has("warranty", s.head)) {
			continue
		}
		if v.Has("not_warranty", own) && !v.Has("legal_warranty", own) {
			continue
		}
		if v.Has("warranty_veto", stripConcept(own, "anchor", v)) || v.Has("return", stripConcept(own, "not_warranty", v)) && !v.Has("warranty", tail(low[:d.start], 40)+head(low[d.end:], 40)) {
			continue
		}
		special := s.vHeadQualified("warranty_special") || vQualifiedIn("warranty_special", low, off, off+len(reg), v) || v.Has("extended_warranty", reg)
		out = append(out, Candidate{Signal: signal.PolicyWarrantyMonths, Value: signal.Number(months), Snippet: s.orig, Special: special})
	}
	for _, m := range v.FindAll("lifetime", low, maxPerSentence) {
		reg, off, own := s.vRegion(m[0])
		if !v.Has("warranty", own) || v.Has("not_warranty", own) || vNegatedBefore(low, m[0], v) {
			continue
		}
		special := s.vHeadQualified("warranty_special") || vQualifiedIn("warranty_special", low, off, off+len(reg), v) || v.Has("extended_warranty", reg)
		out = append(out, Candidate{Signal: signal.PolicyWarrantyMonths, Value: signal.Number(1200), Snippet: s.orig, Special: special})
	}
	return out
}

// Support reply time.
func vSupportHours(s *sentence, _ string, out []Candidate) []Candidate {
	v, low := s.v, s.low
	answer := s.q != "" && v.Has("reply", s.q) && v.Has("how_long", s.q) && !v.Has("reply_veto", s.q)
	if !v.Has("reply", low) && !answer {
		return out
	}
	for _, d := range s.vdurations() {
		if d.start < s.label {
			continue
		}
		h, ok := d.hours()
		if !ok || h <= 0 || h > maxReplyHours {
			continue
		}
		_, _, own := s.vRegion(d.start)
		if v.Has("reply_veto", own) {
			continue
		}
		if !v.Has("reply", own) && !answer {
			continue
		}
		before := tail(low[:d.start], 40)
		conn := v.Re("reply_connector")
		if conn == nil || !endsWith(conn, before) {
			continue
		}
		out = append(out, Candidate{Signal: signal.SupportResponseHours, Value: signal.Number(h), Snippet: s.orig})
	}
	return out
}

// Price match and loyalty.
func vPresence(name, pos, neg string) func(*sentence, string, []Candidate) []Candidate {
	return func(s *sentence, _ string, out []Candidate) []Candidate {
		v, low := s.v, s.low
		if v.Has(neg, low) {
			return append(out, Candidate{Signal: name, Value: signal.Bool(false), Snippet: s.orig, Negative: true})
		}
		if name == signal.LoyaltyProgram && (v.Has("price_match", low) || v.Has("price_match", s.title) || v.Has("price_match", s.head)) {
			return out // others' programmes listed on a price-match page
		}
		for _, m := range v.FindAll(pos, low, maxPerSentence) {
			if vNegatedBefore(low, m[0], v) || vNegatedAfter(low, m[1], v) {
				continue
			}
			weak := wordCount(low) <= 4
			out = append(out, Candidate{Signal: name, Value: signal.Bool(true), Snippet: s.orig, Weak: weak})
			return out
		}
		return out
	}
}

// Ratings in prose: "4,8 von 5", "4,7/5 sur 1 234 avis", "9,2/10".
var vRatingValueRe = regexp.MustCompile(`(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:/\s*|\s+(\p{L}+)\s+)(5|10|100)(?:[.,]0+)?\b`)

func vRating(s *sentence, _ string, out []Candidate) []Candidate {
	v, low := s.v, s.low
	if !hasDigit(low) || employerRe.MatchString(low) {
		return out
	}
	before := len(out) // candidates of earlier sentences
	for _, m := range vRatingValueRe.FindAllStringSubmatchIndex(low, maxPerSentence) {
		if m[4] >= 0 && !v.Has("rating_scale", low[m[4]:m[5]]) {
			continue
		}
		if m[0] > 0 && (low[m[0]-1] == '/' || isDigit(low[m[0]-1])) {
			continue
		}
		val, err1 := strconv.ParseFloat(strings.Replace(low[m[2]:m[3]], ",", ".", 1), 64)
		best, err2 := strconv.ParseFloat(low[m[6]:m[7]], 64)
		if err1 != nil || err2 != nil || val <= 0 || val > best || m[2] < s.label {
			continue
		}
		c := Candidate{Signal: signal.RatingValue, Value: signal.Number(math.Round(val/best*5*1000) / 1000), Snippet: s.orig,
			Company: v.Has("company_rating", low)}
		// The count: a number before a count noun, nearest the value.
		bestDist := -1
		for _, cm := range v.FindAll("rating_count", low, maxPerSentence) {
			numEnd := skipSpaceBack(low, cm[0])
			if numEnd > 0 && low[numEnd-1] == '-' {
				numEnd--
			}
			if numEnd > 0 && !isDigit(low[numEnd-1]) {
				// One word may stand between: "312 Google-Rezensionen".
				if _, ws := prevLetters(low, numEnd); ws < numEnd {
					numEnd = skipSpaceBack(low, ws)
				}
			}
			i := numEnd
			for i > 0 && (isDigit(low[i-1]) || low[i-1] == '.' || low[i-1] == ',' || low[i-1] == ' ' && i >= 2 && isDigit(low[i-2]) && i < numEnd) {
				i--
			}
			for i < numEnd && !isDigit(low[i]) {
				i++
			}
			if i >= numEnd || (i > 0 && isDigit(low[i-1])) {
				continue
			}
			n, ok := parseCount(low[i:numEnd])
			if !ok || n <= 0 || n > MaxReviewCount || (i < m[1] && numEnd > m[0]) {
				continue
			}
			dist := i - m[1]
			if i < m[0] {
				dist = m[0] - numEnd
			}
			if dist < 0 || dist > 80 {
				continue
			}
			if bestDist < 0 || dist < bestDist {
				c.Count, c.HasCount, bestDist = n, true, dist
			}
		}
		out = append(out, c)
	}
	if len(out) == before {
		// A count standing alone ("2.417 Bewertungen"), when this
		// sentence states no rating.
		for _, cm := range v.FindAll("rating_count", low, 1) {
			numPart := strings.TrimSpace(low[:cm[0]])
			if n, ok := parseCount(numPart); ok && n > 0 && n <= MaxReviewCount && wordCount(low) <= 3 {
				out = append(out, Candidate{Signal: signal.RatingValue, Snippet: s.orig, Count: n, HasCount: true})
			}
		}
	}
	return out
}
