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
	return splitLineWith(line, nil)
}

// splitLineWith is splitLine with more abbreviations (a language's).
func splitLineWith(line string, extra map[string]bool) []string {
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
			if abbrevKeep[word] || extra[word] {
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
