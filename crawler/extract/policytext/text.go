package policytext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Work bounds. Extract is linear in its input, but pages are untrusted, so
// it also looks at a bounded amount of it:
//
//   - maxTextBytes: only the first 1 MiB of visible text are examined
//     (real policy pages have well under 200 KB of visible text);
//   - maxSentenceBytes: a longer run of text without a sentence break is cut
//     into pieces of at most 600 bytes at a space, so that no regular
//     expression ever sees more than that at once;
//   - maxPerSentence: at most 8 durations, amounts or phrase matches of
//     each kind are considered per sentence;
//   - maxSentences: at most 20,000 sentences are examined;
//   - maxCandidates: each signal stops collecting after 200 candidate
//     statements (a page states a policy a few times, not hundreds).
const (
	maxTextBytes     = 1 << 20
	maxSentenceBytes = 600
	maxSentences     = 20000
	// maxPerSentence bounds the durations, amounts and phrase matches looked
	// at in one sentence (real sentences state one or two).
	maxPerSentence = 8
	// maxCandidates: a signal stops collecting candidates after 200.
	maxCandidates = 200
)

// sentence is one sentence of a page (or a label/value pair of two short
// blocks, such as a table row "Return window" / "30 days").
type sentence struct {
	orig string // as written, for the snippet
	low  string // normalised, lower case, for matching
	head string // normalised text of the nearest preceding heading-like block
	prev string // normalised previous sentence ("Found it cheaper? We'll match it.")
	// label is, for a label/value pair, the length of the label part of
	// low (with its ": "); 0 otherwise.
	label int
	// question: the sentence ends with "?". A question is never evidence
	// by itself; the answer that follows decides (see answers in
	// policytext.go).
	question bool
	// ctx is, for a short block (a table cell, list item or label), the
	// normalised text of the short blocks right before it in the same run
	// of short blocks (at most maxCtxBlocks of them, "|"-separated), so
	// that a value cell can be read with its column header ("Initial
	// response" ... "15 minutes"). "" for ordinary sentences.
	ctx string
	// q is the normalised question a sentence answers: set for the
	// sentences of the block right after a block that ends with a question
	// ("How fast do you reply?" / "Pro plan: within 4 hours.").
	q string

	// Computed once, on first use.
	cs     []clause
	csDone bool
	ds     []dur
	dsDone bool
}

// clauses returns the clauses of s.low.
func (s *sentence) clauses() []clause {
	if !s.csDone {
		s.cs, s.csDone = splitClauses(s.low), true
	}
	return s.cs
}

// durations returns the durations in s.low (at most maxPerSentence).
func (s *sentence) durations() []dur {
	if !s.dsDone {
		s.ds, s.dsDone = findDurations(s.low), true
	}
	return s.ds
}

// maxCtxBlocks bounds the short blocks kept as a short block's ctx.
const maxCtxBlocks = 12

// splitSentences splits text (one block per line) into sentences.
//
// Short blocks (headings, labels, table cells) get more context: a short
// block right after a short label block is also read as one "label: value"
// sentence, the label becomes the head of the value's own sentences (so
// "Laptops, opened software" / "15 days" is a special window), and the
// run of short blocks before it is kept as ctx. A block that was the value
// of a pair is not the label of the next block (rows of a two-column table
// pair up as label/value, never as value/next label).
func splitSentences(text string) []sentence {
	if len(text) > maxTextBytes {
		cut := maxTextBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	var (
		out         []sentence
		head        string
		prevLbl     string // previous block when it was a short label, else ""
		prevLblNorm string
		lastQ       string   // the previous block's last sentence, when a question
		run         []string // normalised short blocks of the current run
	)
	for len(text) > 0 && len(out) < maxSentences {
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		short := isShortBlock(line)
		lineNorm := Normalize(line)
		ctx := ""
		if short && mayHaveUnit(lineNorm) {
			// Only durations are read with their column header.
			ctx = strings.Join(run, " | ")
		} else if !short {
			run = run[:0]
		}
		q := lastQ
		lastQ = ""
		lblNorm := ""
		if prevLbl != "" && short {
			lblNorm = prevLblNorm
		}
		for _, s := range splitLine(line) {
			for _, piece := range chunk(s) {
				if len(out) >= maxSentences {
					break
				}
				h := head
				if short {
					// A value is described by its label, not by the
					// heading above the table.
					h = lblNorm
				}
				low := lineNorm
				if piece != line {
					low = Normalize(piece)
				}
				s := sentence{orig: piece, low: low, head: h, ctx: ctx, q: q}
				s.question = strings.HasSuffix(s.low, "?")
				if s.question {
					lastQ = s.low
				} else {
					lastQ = ""
				}
				if n := len(out); n > 0 {
					s.prev = out[n-1].low
				}
				out = append(out, s)
			}
		}
		// A short block right after a short label block: also read them as
		// one "label: value" sentence (table rows, definition lists).
		paired := false
		if lblNorm != "" && len(out) < maxSentences {
			pair := prevLbl + ": " + line
			low := lblNorm + ": " + lineNorm
			out = append(out, sentence{orig: pair, low: low, head: head, label: len(lblNorm) + 2, ctx: ctx, q: q,
				question: strings.HasSuffix(low, "?"), prev: out[len(out)-1].low})
			paired = true
		}
		// A block stating a duration ("30 days after delivery") is a value,
		// never the label of the next block.
		if short && !endsSentence(line) && !paired && len(findDurations(lineNorm)) == 0 {
			prevLbl, prevLblNorm = line, lineNorm
			head = lineNorm
		} else {
			prevLbl = ""
		}
		if short {
			if len(run) == maxCtxBlocks {
				run = append(run[:0], run[1:]...)
			}
			run = append(run, lineNorm)
		}
	}
	return out
}

// isShortBlock reports whether a block looks like a heading, label or table
// cell: at most eight words and 80 bytes.
func isShortBlock(line string) bool {
	return len(line) <= 80 && len(strings.Fields(line)) <= 8
}

func endsSentence(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	return r == '.' || r == '!' || r == '?'
}

// abbrevKeep are abbreviations after which a full stop never ends a sentence.
var abbrevKeep = map[string]bool{
	"e.g": true, "i.e": true, "eg": true, "ie": true, "vs": true, "approx": true, "appr": true,
	"incl": true, "excl": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true,
	"no": true, "nos": true, "nr": true, "ca": true, "est": true, "dept": true, "fig": true,
	"min": true, "max": true, "hr": true, "hrs": true, "mins": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true, "avg": true,
	"ref": true, "tel": true, "ph": true, "pp": true, "cf": true, "al": true, "etc": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "a.m": true, "p.m": true, "u.s": true,
	"u.k": true, "e.u": true, "u.s.a": true,
}

// abbrevMayEnd are abbreviations that end a sentence when the next word is
// capitalised ("... 5 p.m. We reply ...").
var abbrevMayEnd = map[string]bool{
	"etc": true, "inc": true, "ltd": true, "co": true, "corp": true, "a.m": true, "p.m": true,
	"u.s": true, "u.k": true, "e.u": true, "u.s.a": true,
}

// splitLine splits one block into sentences on ".", "!", "?", "…" and
// bullets, minding decimals ("4.8", "$49.99") and abbreviations ("e.g.").
func splitLine(line string) []string {
	var out []string
	start := 0
	emit := func(end int) {
		if s := strings.TrimSpace(line[start:end]); s != "" {
			out = append(out, s)
		}
	}
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		next := i + size
		switch r {
		case '•', '▪', '◦':
			emit(i)
			start = next
		case '!', '?', '…', '。':
			if next >= len(line) || isSpaceAt(line, next) || line[next] == '"' || line[next] == ')' {
				emit(next)
				start = next
			}
		case '.':
			if next < len(line) && !isSpaceAt(line, next) {
				break // decimal, domain, "e.g" inside
			}
			word := strings.ToLower(lastToken(line[start:i]))
			if abbrevKeep[word] {
				nr := nextRune(line[next:])
				switch {
				case word == "no" && unicode.IsUpper(nr) && !tokenHasDigit(line[next:]):
					// "No. Returns are free": an answer, not "No. 5".
				case !abbrevMayEnd[word] || !unicode.IsUpper(nr):
					i = next
					continue
				}
			}
			emit(next)
			start = next
		}
		i = next
	}
	emit(len(line))
	return out
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// lastToken returns the trailing run of letters and inner full stops of s.
func lastToken(s string) string {
	i := len(s)
	for i > 0 {
		c := s[i-1]
		if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' {
			i--
			continue
		}
		break
	}
	return strings.Trim(s[i:], ".")
}

// tokenHasDigit reports whether the first word of s contains a digit
// ("No. A12" is a number, "No. Returns" is not).
func tokenHasDigit(s string) bool {
	s = strings.TrimLeft(s, " \t\u00a0")
	for i := 0; i < len(s) && s[i] != ' '; i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

func nextRune(s string) rune {
	s = strings.TrimLeft(s, " \t\u00a0")
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// chunk cuts s into pieces of at most maxSentenceBytes, at spaces when it can.
func chunk(s string) []string {
	if len(s) <= maxSentenceBytes {
		return []string{s}
	}
	var out []string
	for len(s) > maxSentenceBytes {
		cut := strings.LastIndexByte(s[:maxSentenceBytes], ' ')
		if cut <= maxSentenceBytes/2 {
			cut = maxSentenceBytes
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 {
				cut = maxSentenceBytes
			}
		}
		out = append(out, s[:cut])
		s = strings.TrimLeft(s[cut:], " ")
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// Normalize lower-cases s, maps dashes, quotes and odd spaces to ASCII and
// collapses white space.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII fast path.
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				space = b.Len() > 0
				continue
			case c == '`':
				c = '\''
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			r = '-'
		case '\u2018', '\u2019', '\u201b', '\u2032':
			r = '\''
		case '\u201c', '\u201d', '\u201e', '\u2033':
			r = '"'
		case '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad':
			continue
		case utf8.RuneError:
			r = ' '
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
