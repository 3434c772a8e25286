package policytext

// clause is a part of a normalised sentence. Commas (and spaced dashes)
// are soft breaks: a clause may borrow the context of the clause before a
// soft break ("You may return items, unworn and with tags, within 30
// days"). Semicolons and contrast words ("but", "while", "whereas",
// "however", "except", "otherwise") are hard breaks, and so are the
// separators of banners and menus ("·", "•", "|": "Free delivery from 49 €
// · 60 days free returns · 2-year warranty" states three facts).
type clause struct {
	start, end int
	soft       bool // the break before this clause is soft
}

var hardBreakWords = map[string]bool{
	"but": true, "while": true, "whereas": true, "however": true, "except": true,
	"excluding": true, "otherwise": true, "unless": true,
}

func splitClauses(s string) []clause {
	return splitClausesWith(s, hardBreakWords)
}

// splitClausesWith splits s into clauses, breaking hard before the
// contrast words of words.
func splitClausesWith(s string, words map[string]bool) []clause {
	var out []clause
	start, soft := 0, false
	brk := func(at, next int, isSoft bool) {
		if at > start {
			out = append(out, clause{start: start, end: at, soft: soft})
		}
		soft = isSoft
		start = at
		if isSoft {
			start = next
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ';' || c == '|':
			brk(i, i+1, false)
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0xb7: // "·"
			brk(i, i+2, false)
			i++
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0xa2: // "•"
			brk(i, i+3, false)
			i += 2
		case c == ',' && i+1 < len(s) && s[i+1] == ' ':
			brk(i, i+2, true)
		case c == '-' && i > 0 && s[i-1] == ' ' && i+1 < len(s) && s[i+1] == ' ':
			brk(i-1, i+2, true)
		case isLetter(c) && (i == 0 || !isLetter(s[i-1])):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			if j-i <= 12 && words[s[i:j]] && (i == 0 || s[i-1] == ' ') {
				brk(i, i, false)
			}
			i = j - 1
		}
	}
	if start < len(s) {
		out = append(out, clause{start: start, end: len(s), soft: soft})
	}
	return out
}

// clauseAt returns the index of the clause containing byte offset pos.
func clauseAt(cs []clause, pos int) int {
	for i, c := range cs {
		if pos >= c.start && pos < c.end {
			return i
		}
	}
	return len(cs) - 1
}

// region is the text of clause i together with up to two clauses before it
// across soft breaks; off is the offset of the region in s.
func region(s string, cs []clause, i int) (text string, off int) {
	if i < 0 || i >= len(cs) {
		return "", 0
	}
	j := i
	for k := 0; k < 2 && j > 0 && cs[j].soft; k++ {
		j--
	}
	return s[cs[j].start:cs[i].end], cs[j].start
}
