package document

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Language detection.
//
// A page says its language in its <html lang> attribute or the response's
// Content-Language header, but shop templates often leave "en" on pages
// written in another language. So the words of the main content are
// checked too: the share of each language's most frequent function words
// among the first textWords words. When the text clearly says one
// language (at least minHits function words, and 1.5 times the score of
// the runner-up) it wins over the declaration; otherwise the declaration
// stands (html lang first, then Content-Language), and without one the
// language is unknown.

// stopWords are frequent function words of the languages the text check
// knows. A word that several languages share counts for each of them
// divided by how many share it.
var stopWords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "in", "for", "you", "your", "with", "on", "are", "we", "our", "this",
		"that", "be", "it", "or", "from", "will", "can", "have", "not", "by", "if", "within", "any", "all", "an"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sie", "ein", "eine", "den", "dem", "zu", "von",
		"für", "auf", "wir", "ihr", "ihre", "bei", "auch", "oder", "werden", "sind", "innerhalb", "nach", "wenn", "ihnen", "des", "uns"},
	"fr": {"le", "la", "les", "et", "des", "du", "une", "est", "pour", "vous", "votre", "vos", "nous", "dans",
		"sur", "pas", "avec", "sont", "au", "aux", "qui", "que", "ou", "un", "en", "ne", "ce", "sous", "nos", "être"},
	"es": {"el", "la", "los", "las", "y", "de", "del", "que", "en", "es", "para", "por", "con", "su", "sus",
		"una", "no", "se", "al", "tu", "nuestro", "nuestra", "usted", "un", "o", "lo", "te", "nuestros", "más", "días"},
	"it": {"il", "la", "le", "gli", "di", "e", "che", "per", "con", "non", "un", "una", "del", "della", "dei",
		"sono", "è", "ai", "al", "nel", "nella", "tuo", "tua", "nostro", "nostra", "ti", "alla", "delle", "giorni", "entro"},
	"nl": {"de", "het", "een", "en", "van", "is", "niet", "met", "voor", "op", "je", "jouw", "uw", "wij", "we",
		"ons", "onze", "zijn", "dat", "die", "binnen", "bij", "worden", "ook", "naar", "wordt", "kun", "kunt", "dagen", "te"},
}

// Languages lists the languages the text check knows.
func Languages() []string { return []string{"de", "en", "es", "fr", "it", "nl"} }

var stopWeights = func() map[string]map[string]float64 {
	count := map[string]int{}
	for _, ws := range stopWords {
		for _, w := range ws {
			count[w]++
		}
	}
	out := map[string]map[string]float64{}
	for lang, ws := range stopWords {
		for _, w := range ws {
			if out[w] == nil {
				out[w] = map[string]float64{}
			}
			out[w][lang] = 1 / float64(count[w])
		}
	}
	return out
}()

const (
	textWords = 1500
	minHits   = 8
)

// TextLanguage guesses the language of text from its function words; ok
// is false when the text does not clearly say one.
func TextLanguage(text string) (lang string, ok bool) {
	scores := map[string]float64{}
	words := 0
	for len(text) > 0 && words < textWords {
		// One word at a time (no slice of every word of a long page).
		i := strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || r == '\'' })
		if i < 0 {
			break
		}
		text = text[i:]
		j := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
		if j < 0 {
			j = len(text)
		}
		f := text[:j]
		text = text[j:]
		words++
		if len(f) > 12 {
			continue
		}
		for l, w := range stopWeights[strings.ToLower(f)] {
			scores[l] += w
		}
		if words%200 == 0 && clearWinner(scores) {
			break // the language is plain already
		}
	}
	best, second := "", 0.0
	for _, l := range Languages() {
		s := scores[l]
		switch {
		case best == "" || s > scores[best]:
			if best != "" {
				second = scores[best]
			}
			best = l
		case s > second:
			second = s
		}
	}
	if best == "" || scores[best] < minHits || scores[best] < 1.5*second {
		return "", false
	}
	return best, true
}

// clearWinner reports scores that no more words would change: one
// language far ahead of all others.
func clearWinner(scores map[string]float64) bool {
	best, second := 0.0, 0.0
	for _, s := range scores {
		switch {
		case s > best:
			best, second = s, best
		case s > second:
			second = s
		}
	}
	return best >= 40 && best >= 4*second
}

// primaryTag reduces a language tag to its primary subtag: "de-AT" ->
// "de"; "" for "*", "x-..." and malformed tags.
func primaryTag(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, ",;"); i >= 0 {
		tag = tag[:i]
	}
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(strings.TrimSpace(tag))
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for i := 0; i < len(tag); i++ {
		if tag[i] < 'a' || tag[i] > 'z' {
			return ""
		}
	}
	return tag
}

// htmlLang returns the lang attribute of the <html> element.
func htmlLang(roots []*html.Node) string {
	for _, r := range roots {
		n := r
		if n.Type == html.DocumentNode {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "html" {
					n = c
					break
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "html" {
			return attr(n, "lang")
		}
	}
	return ""
}

func detectLanguage(doc *Document, roots []*html.Node, contentLanguage string) {
	declared, source := primaryTag(htmlLang(roots)), "html"
	if declared == "" {
		declared, source = primaryTag(contentLanguage), "header"
	}
	text, ok := TextLanguage(doc.MainText())
	switch {
	case ok && text != declared:
		doc.Lang, doc.LangSource = text, "text"
	case declared != "":
		doc.Lang, doc.LangSource = declared, source
	}
}
