package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/signal"
	"golang.org/x/net/html"
)

// customRule is a custom signal ready to run.
type customRule struct {
	name  string
	typ   signal.Type
	sel   cascadia.Matcher
	attr  string
	re    *regexp.Regexp
	lower string // the phrase, normalised like the text (policytext.Normalize)
	kinds map[string]bool
}

// maxRawHTML bounds the markup a custom regex falls back to (bytes).
const maxRawHTML = 2 << 20

// compileCustom prepares custom signals: per-competitor ones replace global
// ones of the same name. A selector or regex that was not compiled by
// config validation is compiled here; one that does not compile, or a
// signal with nothing to look for, is skipped.
func compileCustom(global, own []config.CustomSignal) []customRule {
	ownNames := map[string]bool{}
	for _, c := range own {
		ownNames[c.Name] = true
	}
	var list []config.CustomSignal
	for _, c := range global {
		if !ownNames[c.Name] {
			list = append(list, c)
		}
	}
	list = append(list, own...)
	seen := map[string]bool{}
	var rules []customRule
	for _, c := range list {
		if c.Name == "" || seen[c.Name] {
			continue
		}
		r := customRule{name: c.Name, typ: customType(c), attr: strings.TrimSpace(c.Attr)}
		switch {
		case c.CompiledSelector != nil:
			r.sel = c.CompiledSelector
		case strings.TrimSpace(c.Selector) != "":
			sel, err := cascadia.ParseGroup(c.Selector)
			if err != nil {
				continue
			}
			r.sel = sel
		case c.CompiledRegex != nil:
			r.re = c.CompiledRegex
		case c.Regex != "":
			re, err := regexp.Compile(c.Regex)
			if err != nil {
				continue
			}
			r.re = re
		case strings.TrimSpace(c.Phrase) != "":
			r.lower = policytext.Normalize(c.Phrase)
			r.typ = signal.TypeBool
		default:
			continue
		}
		if len(c.Kinds) > 0 {
			r.kinds = map[string]bool{}
			for _, k := range c.Kinds {
				r.kinds[k] = true
			}
		}
		seen[c.Name] = true
		rules = append(rules, r)
	}
	return rules
}

func customType(c config.CustomSignal) signal.Type {
	switch t := signal.Type(strings.ToLower(c.Type)); t {
	case signal.TypeNumber, signal.TypeBool, signal.TypeString:
		return t
	}
	if c.Phrase != "" {
		return signal.TypeBool
	}
	return signal.TypeString
}

// customHit is a custom signal's value on one page.
type customHit struct {
	value signal.Value
	ev    signal.Evidence
}

// pageSource gives lazy access to a page's texts, so custom rules only pay
// for what they use.
type pageSource struct {
	doc     *goquery.Document
	text    string // visible text
	lowText string // visible text, normalised (policytext.Normalize)
	raw     *string
}

func (s *pageSource) lower() string {
	if s.lowText == "" && s.text != "" {
		s.lowText = policytext.Normalize(s.text)
	}
	return s.lowText
}

func (s *pageSource) markup() string {
	if s.raw == nil {
		var b strings.Builder
		lw := &limitWriter{b: &b, n: maxRawHTML}
		for _, n := range s.doc.Nodes {
			_ = html.Render(lw, n) // the limit error just stops rendering
		}
		str := b.String()
		s.raw = &str
	}
	return *s.raw
}

type limitWriter struct {
	b *strings.Builder
	n int
}

type errLimit struct{}

func (errLimit) Error() string { return "rendering page markup: size limit reached" }

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > w.n {
		w.b.Write(p[:max(0, w.n-w.b.Len())])
		return 0, errLimit{}
	}
	return w.b.Write(p)
}

// run applies the rule to one page. ok is false when nothing matched.
func (r customRule) run(src *pageSource, pageURL string) (customHit, bool) {
	switch {
	case r.sel != nil:
		return r.runSelector(src, pageURL)
	case r.re != nil:
		if h, ok := r.runRegex(src.text, pageURL); ok {
			return h, true
		}
		return r.runRegex(src.markup(), pageURL)
	default:
		low := src.lower()
		i := strings.Index(low, r.lower)
		if i < 0 || r.lower == "" {
			return customHit{}, false
		}
		return customHit{signal.Bool(true), signal.Evidence{URL: pageURL,
			Snippet: snippetAround(low, i, len(r.lower)), Method: signal.MethodText}}, true
	}
}

func (r customRule) runSelector(src *pageSource, pageURL string) (customHit, bool) {
	if src.doc == nil {
		return customHit{}, false
	}
	var hit customHit
	found := false
	src.doc.FindMatcher(selMatcher{r.sel}).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var text string
		if r.attr != "" {
			v, ok := s.Attr(r.attr)
			if !ok {
				return true
			}
			text = strings.TrimSpace(v)
		} else {
			text = document.VisibleText(s.Nodes, 1<<16)
		}
		v, ok := typed(r.typ, text)
		if !ok {
			return true
		}
		hit = customHit{v, signal.Evidence{URL: pageURL, Snippet: signal.Snip(text), Method: signal.MethodSelector}}
		found = true
		return false
	})
	return hit, found
}

func (r customRule) runRegex(text, pageURL string) (customHit, bool) {
	for _, m := range r.re.FindAllStringSubmatchIndex(text, 50) {
		whole := text[m[0]:m[1]]
		val := whole
		if len(m) >= 4 && m[2] >= 0 {
			val = text[m[2]:m[3]]
		}
		v, ok := typed(r.typ, val)
		if !ok {
			continue
		}
		return customHit{v, signal.Evidence{URL: pageURL, Snippet: snippetAround(text, m[0], m[1]-m[0]), Method: signal.MethodRegex}}, true
	}
	return customHit{}, false
}

// typed converts matched text to the signal's type: a number read from the
// text ("1,234.5", "€ 12,50"), true for a bool (it matched), or the text.
func typed(t signal.Type, text string) (signal.Value, bool) {
	switch t {
	case signal.TypeNumber:
		f, ok := parseNumber(text)
		if !ok {
			return signal.Value{}, false
		}
		return signal.Number(f), true
	case signal.TypeBool:
		return signal.Bool(true), true
	default:
		text = strings.Join(strings.Fields(text), " ")
		if text == "" {
			return signal.Value{}, false
		}
		if r := []rune(text); len(r) > 500 {
			text = string(r[:500])
		}
		return signal.String(text), true
	}
}

// selMatcher adapts a cascadia matcher to goquery's Matcher.
type selMatcher struct{ sel cascadia.Matcher }

func (m selMatcher) Match(n *html.Node) bool            { return m.sel.Match(n) }
func (m selMatcher) MatchAll(n *html.Node) []*html.Node { return cascadia.QueryAll(n, m.sel) }
func (m selMatcher) Filter(ns []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range ns {
		if m.sel.Match(n) {
			out = append(out, n)
		}
	}
	return out
}
