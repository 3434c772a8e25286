// Package lang holds the vocabularies that let extraction read pages in
// languages other than English: one YAML file per language (de.yaml,
// fr.yaml...), embedded, with the words and phrases of each concept the
// rules need (duration units and number words, money conventions,
// negation, the words of returns, shipping, warranties and support
// replies, the qualifiers that make a statement special, the statutory
// withdrawal right, presence and contact words) and the readability
// formula that fits the language.
//
// Adding a language means adding a file here (and labelled sites to the
// corpus), not code: the rules are written against concepts, and For
// finds the file by its language code.
package lang

import (
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var files embed.FS

// Vocab is one language's vocabulary, as written in its YAML file. Word
// lists are lower case; a word ending in "*" matches any word it begins
// ("rücksend*" matches "Rücksendung" and "Rücksendekosten"), a word
// starting with "~" any word it ends ("~versand" matches "Expressversand");
// several words match a phrase. Matching is on word boundaries, a hyphen
// being one ("30-Tage-Rückgaberecht").
type Vocab struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`

	// Numbers.
	NumberWords map[string]float64 `yaml:"number_words"`
	// DecimalComma: "4,7" is four point seven, "1.234" one thousand two
	// hundred and thirty-four.
	DecimalComma bool `yaml:"decimal_comma"`

	// Durations: unit words by unit (minute, hour, day, business_day,
	// night, week, month, year); compound suffixes glued to a number
	// word or a number ("dreißigtägig", "2-jährige") by unit.
	Units         map[string][]string `yaml:"units"`
	UnitSuffixes  map[string][]string `yaml:"unit_suffixes"`
	BusinessAfter []string            `yaml:"business_after"` // "jours ouvrés": modifiers after a day unit

	Words map[string][]string `yaml:"words"`

	// Readability is the reading-ease formula of the language: base -
	// sentence × words per sentence - syllable × syllables per word.
	Readability *Formula `yaml:"readability"`
	// Vowels are the letters that make syllables (runs of them count
	// one); SilentFinalE drops a final "e" ("route" is one syllable).
	Vowels       string `yaml:"vowels"`
	SilentFinalE bool   `yaml:"silent_final_e"`
	// Hiatus are vowels that are a syllable of their own next to another
	// vowel ("envío", "naïf", "België").
	Hiatus string `yaml:"hiatus"`

	// Abbreviations after which a full stop does not end a sentence.
	Abbreviations []string `yaml:"abbreviations"`

	// Kinds are the words that name a page's kind in its URL or in the
	// text of a link to it, by kind (returns, shipping, privacy...).
	Kinds map[string][]string `yaml:"kinds"`

	compiled map[string]*regexp.Regexp
	mu       sync.Mutex
	contrast map[string]bool
	abbrevs  map[string]bool
}

// Formula is a Flesch-style reading-ease formula.
type Formula struct {
	Name     string  `yaml:"name"`
	Base     float64 `yaml:"base"`
	Sentence float64 `yaml:"sentence"` // per word per sentence
	Syllable float64 `yaml:"syllable"` // per syllable per word
}

// concepts every file must define (the rules use them all).
var requiredWords = []string{
	"negation", "return", "refund", "statutory", "window_veto", "anchor", "special", "exclusion", "contrast",
	"free", "free_shipping", "shipping", "shipping_paid", "threshold", "under", "all_orders", "speed", "pickup",
	"return_cost", "customer_pays", "shop_pays", "deducted", "fee", "no_returns",
	"warranty", "legal_warranty", "lifetime", "not_warranty", "extended_warranty", "warranty_veto", "warranty_special",
	"reply", "reply_connector", "reply_veto", "price_match", "no_price_match", "loyalty", "no_loyalty", "excluded",
	"sustainability_heading", "sustainability_terms", "accessibility_heading", "accessibility_terms",
	"rating_scale", "rating_count", "company_rating", "yes", "no", "how_long", "trial",
}

// knownKinds are the page kinds a file may name words for.
var knownKinds = map[string]bool{"returns": true, "shipping": true, "warranty": true, "privacy": true, "accessibility": true,
	"contact": true, "faq": true, "sustainability": true, "loyalty": true, "pricing": true, "terms": true, "reviews": true}

// optionalWords are concepts a file may define: page furniture read in
// every language (presence pages, contact labels).
var optionalWords = []string{
	"presence_privacy", "presence_accessibility", "presence_sustainability", "presence_faq", "presence_loyalty",
	"presence_price_match", "phone_label", "no_phone", "chat",
}

var (
	loadOnce sync.Once
	vocabs   map[string]*Vocab
	loadErr  error
)

func load() {
	vocabs = map[string]*Vocab{}
	entries, err := files.ReadDir(".")
	if err != nil {
		loadErr = err
		return
	}
	for _, e := range entries {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			loadErr = err
			return
		}
		var v Vocab
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&v); err != nil {
			loadErr = fmt.Errorf("lang/%s: %w", e.Name(), err)
			return
		}
		if want := strings.TrimSuffix(e.Name(), ".yaml"); v.Code != want {
			loadErr = fmt.Errorf("lang/%s: code is %q, want %q", e.Name(), v.Code, want)
			return
		}
		vocabs[v.Code] = &v
	}
}

// Check loads every vocabulary and reports the first problem: a file
// that does not parse, or one without a concept the rules use.
func Check() error {
	loadOnce.Do(load)
	if loadErr != nil {
		return loadErr
	}
	known := map[string]bool{}
	for _, w := range append(append([]string{}, requiredWords...), optionalWords...) {
		known[w] = true
	}
	for _, code := range Codes() {
		v := vocabs[code]
		for w := range v.Words {
			if !known[w] {
				return fmt.Errorf("lang/%s.yaml: unknown concept %q (the rules read %s)", code, w, strings.Join(append(append([]string{}, requiredWords...), optionalWords...), ", "))
			}
		}
		for k := range v.Kinds {
			if !knownKinds[k] {
				return fmt.Errorf("lang/%s.yaml: unknown page kind %q", code, k)
			}
		}
		if code == "en" {
			continue // English is read by the hand-tuned rules; its file holds readability and presence words
		}
		for _, w := range requiredWords {
			if len(v.Words[w]) == 0 {
				return fmt.Errorf("lang/%s.yaml: no words for %q", code, w)
			}
		}
		for _, u := range []string{"hour", "day", "week", "month", "year"} {
			if len(v.Units[u]) == 0 {
				return fmt.Errorf("lang/%s.yaml: no words for the unit %q", code, u)
			}
		}
		for _, w := range v.Words {
			for _, x := range w {
				if x != strings.ToLower(x) {
					return fmt.Errorf("lang/%s.yaml: %q is not lower case", code, x)
				}
			}
		}
	}
	return nil
}

// For returns the vocabulary of a language code ("de"), nil when there is
// none (or the files are broken: Check says why).
func For(code string) *Vocab {
	loadOnce.Do(load)
	if loadErr != nil {
		return nil
	}
	return vocabs[code]
}

// Codes lists the languages with a vocabulary, sorted.
func Codes() []string {
	loadOnce.Do(load)
	var out []string
	for c := range vocabs {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Re returns the compiled matcher of a concept (nil when the file has no
// words for it). Matches are whole words or phrases of the lower-case
// text; see Vocab for the wildcards.
func (v *Vocab) Re(concept string) *regexp.Regexp {
	if v == nil {
		return nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if re, ok := v.compiled[concept]; ok {
		return re
	}
	if v.compiled == nil {
		v.compiled = map[string]*regexp.Regexp{}
	}
	var words []string
	if u, ok := strings.CutPrefix(concept, "unit:"); ok {
		words = v.Units[u]
	} else {
		words = v.Words[concept]
	}
	re := Compile(words)
	v.compiled[concept] = re
	return re
}

// Compile turns a word list into a regular expression matching any of the
// words or phrases on word boundaries. nil for an empty list.
func Compile(words []string) *regexp.Regexp {
	if len(words) == 0 {
		return nil
	}
	// Longer alternatives first, so that a phrase wins over its first word.
	ws := append([]string(nil), words...)
	sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	alts := make([]string, 0, len(ws))
	for _, w := range ws {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		prefix, suffix := strings.HasPrefix(w, "~"), strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(strings.TrimPrefix(w, "~"), "*")
		parts := strings.Fields(w)
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		alt := strings.Join(parts, `\s+`)
		if prefix {
			alt = `\p{L}*` + alt
		}
		if suffix {
			alt += `\p{L}*`
		}
		alts = append(alts, alt)
	}
	return regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(` + strings.Join(alts, "|") + `)(?:$|[^\p{L}\p{N}])`)
}

// ContrastSet returns the one-word contrast words ("aber", "mais"), which
// end a clause.
func (v *Vocab) ContrastSet() map[string]bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.contrast == nil {
		v.contrast = map[string]bool{}
		for _, w := range v.Words["contrast"] {
			if !strings.ContainsAny(w, " *~") {
				v.contrast[w] = true
			}
		}
	}
	return v.contrast
}

// AbbreviationSet returns the abbreviations (without their final full
// stop) after which a full stop does not end a sentence.
func (v *Vocab) AbbreviationSet() map[string]bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.abbrevs == nil {
		v.abbrevs = map[string]bool{}
		for _, a := range v.Abbreviations {
			v.abbrevs[strings.TrimSuffix(a, ".")] = true
		}
	}
	return v.abbrevs
}

// FindAll returns the [start, end) of each match of the concept in s
// (at most n), the word itself without its boundaries.
func (v *Vocab) FindAll(concept, s string, n int) [][]int {
	re := v.Re(concept)
	if re == nil {
		return nil
	}
	var out [][]int
	for _, m := range re.FindAllStringSubmatchIndex(s, n) {
		out = append(out, []int{m[2], m[3]})
	}
	return out
}

// Has reports whether s contains a word of the concept.
func (v *Vocab) Has(concept, s string) bool {
	re := v.Re(concept)
	return re != nil && re.MatchString(s)
}

var (
	unionMu sync.Mutex
	unions  = map[string]*regexp.Regexp{}
)

// Union returns a matcher of the concept's words in every language (for
// page furniture read before a page's language is known: link texts,
// headings, URLs). Kind words are concepts "kind:returns" and so on. nil
// when no vocabulary has words for it.
func Union(concept string) *regexp.Regexp {
	unionMu.Lock()
	defer unionMu.Unlock()
	if re, ok := unions[concept]; ok {
		return re
	}
	re := Compile(unionWords(concept))
	unions[concept] = re
	return re
}

// URLUnion is Union for URLs: the words folded to ASCII ("rückgabe" as
// "ruckgabe" and "rueckgabe"), without wildcards at word ends, matched
// anywhere in a path.
func URLUnion(concept string) *regexp.Regexp {
	key := "url:" + concept
	unionMu.Lock()
	defer unionMu.Unlock()
	if re, ok := unions[key]; ok {
		return re
	}
	var alts []string
	seen := map[string]bool{}
	for _, w := range unionWords(concept) {
		w = strings.Trim(w, "*~")
		for _, f := range []string{Fold(w), FoldGerman(w)} {
			f = strings.Join(strings.Fields(f), "-")
			if len(f) < 4 || seen[f] {
				continue
			}
			seen[f] = true
			alts = append(alts, regexp.QuoteMeta(f))
		}
	}
	var re *regexp.Regexp
	if len(alts) > 0 {
		sort.Strings(alts)
		re = regexp.MustCompile(strings.Join(alts, "|"))
	}
	unions[key] = re
	return re
}

func unionWords(concept string) []string {
	loadOnce.Do(load)
	var words []string
	for _, code := range Codes() {
		v := vocabs[code]
		if k, ok := strings.CutPrefix(concept, "kind:"); ok {
			words = append(words, v.Kinds[k]...)
			continue
		}
		words = append(words, v.Words[concept]...)
	}
	return words
}

// Fold lower-cases s and strips its accents ("rückgabe" -> "ruckgabe",
// "accessibilité" -> "accessibilite", "ß" -> "ss").
func Fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := folds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FoldGerman is Fold with the German transliteration of umlauts
// ("rückgabe" -> "rueckgabe").
func FoldGerman(s string) string {
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue").Replace(strings.ToLower(s))
	return Fold(s)
}

var folds = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'œ': "oe", 'ø': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss", '’': "'",
}
