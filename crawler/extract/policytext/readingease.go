package policytext

import (
	"strings"
	"unicode"

	"github.com/cxbench/cxbench/crawler/extract/lang"
)

// ReadingEase is the Flesch reading ease of English text
// (206.835 − 1.015·words/sentences − 84.6·syllables/words), clamped to 0–100.
//
// Sentences are split as in Extract (a block without a final full stop is a
// sentence too); words are runs of non-space characters containing a
// letter; syllables are counted with the usual English heuristic (vowel
// groups, silent final "e", at least one per word). Text without words
// scores 0. It runs in linear time over the whole text.
func ReadingEase(text string) float64 {
	score, _, _ := ReadingEaseIn(text, "en")
	return score
}

// ReadingEaseIn is the reading ease of text in the language code, by the
// Flesch-style formula its vocabulary names (Amstad for German, Kandel &
// Moles for French, Fernández Huerta for Spanish, Flesch–Vacca for
// Italian, Flesch–Douma for Dutch), with syllables counted as runs of the
// language's vowels. formula is the formula's name; ok is false for a
// language without one: no score is better than an English formula on
// German words.
func ReadingEaseIn(text, code string) (score float64, formula string, ok bool) {
	if code == "" {
		code = "en"
	}
	v := lang.For(code)
	if v == nil || v.Readability == nil {
		return 0, "", false
	}
	count := syllableCount
	var abbrevs map[string]bool
	if code != "en" {
		count = func(w string) int { return vowelGroups(w, v) }
		abbrevs = v.AbbreviationSet()
	}
	words, sentences, syllables := textCounts(text, count, abbrevs)
	if words == 0 {
		return 0, v.Readability.Name, true
	}
	f := v.Readability
	score = f.Base - f.Sentence*float64(words)/float64(sentences) - f.Syllable*float64(syllables)/float64(words)
	return min(max(score, 0), 100), f.Name, true
}

// textCounts counts the words, sentences and syllables of text.
func textCounts(text string, syllablesOf func(string) int, abbrevs map[string]bool) (words, sentences, syllables int) {
	for len(text) > 0 {
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		for _, s := range splitLineWith(strings.TrimSpace(line), abbrevs) {
			n := 0
			for _, w := range strings.Fields(s) {
				if syl := syllablesOf(w); syl > 0 {
					n++
					syllables += syl
				}
			}
			if n > 0 {
				words += n
				sentences++
			}
		}
	}
	return words, sentences, syllables
}

// vowelGroups counts the syllables of a word as runs of the language's
// vowels (at least one; a silent final "e" where the language has one).
func vowelGroups(w string, v *lang.Vocab) int {
	var letters []rune
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToLower(r))
		}
	}
	if len(letters) == 0 {
		return 0
	}
	isVowel := func(r rune) bool { return strings.ContainsRune(v.Vowels, r) }
	hiatus := func(r rune) bool { return v.Hiatus != "" && strings.ContainsRune(v.Hiatus, r) }
	count, prev, prevHiatus := 0, false, false
	for _, r := range letters {
		vw := isVowel(r)
		if vw && (!prev || hiatus(r) || prevHiatus) {
			count++
		}
		prev, prevHiatus = vw, vw && hiatus(r)
	}
	n := len(letters)
	if v.SilentFinalE && n > 2 && count > 1 && (letters[n-1] == 'e' || (letters[n-1] == 's' && letters[n-2] == 'e')) {
		count-- // "route", "routes"
	}
	return max(count, 1)
}

// syllableCount estimates the syllables of an English word; 0 when w has
// no letters.
func syllableCount(w string) int {
	var letters []rune
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToLower(r))
		}
	}
	if len(letters) == 0 {
		return 0
	}
	isVowel := func(r rune) bool {
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'à', 'á', 'â', 'ä', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï', 'ò', 'ó', 'ô', 'ö', 'ù', 'ú', 'û', 'ü':
			return true
		}
		return false
	}
	count, prev := 0, false
	for _, r := range letters {
		v := isVowel(r)
		if v && !prev {
			count++
		}
		prev = v
	}
	n := len(letters)
	// Silent final "e" ("make", "use"), but not "-le" after a consonant ("table").
	if n > 2 && letters[n-1] == 'e' && !isVowel(letters[n-2]) && count > 1 &&
		(letters[n-2] != 'l' || isVowel(letters[n-3])) {
		count--
	}
	// "-es"/"-ed" endings are usually silent ("makes", "shipped"), except after t/d or s/x/z/ch/sh.
	if n > 3 && letters[n-2] == 'e' && count > 1 && !isVowel(letters[n-3]) {
		switch letters[n-1] {
		case 'd':
			if letters[n-3] != 't' && letters[n-3] != 'd' {
				count--
			}
		case 's':
			switch letters[n-3] {
			case 's', 'x', 'z', 'h', 'c', 'g':
			default:
				count--
			}
		}
	}
	if count < 1 {
		count = 1
	}
	return count
}
