package document

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// textWriter collapses white space in one run of inline text.
//
// Adjacent inline elements with no text between them are rendered apart by
// browsers' styling more often than not ("<a>Platform</a><a>Pricing</a>"
// in a flex menu, "<span>2-year warranty</span><span>EN | DE</span>"), but
// glued markup also splits words ("<b>W</b>arranty", "<span>12</span>
// <span>.99</span>"). The rule: a space is inserted at the boundary between
// two sibling elements (or their descendants) when no text node stands
// between them, the text before ends with a letter or digit, and the text
// after starts with an upper-case letter (or with a digit after a letter).
// A text node that is itself the sibling ("<b>W</b>arranty") never gets a
// space, nor do lower-case continuations or "12" + ".99".
type textWriter struct {
	b         strings.Builder
	limit     int
	pendingSp bool
	// boundary is set when an inline element ended; boundaryParent is
	// its parent. Cleared by the next rune written or by a text node of
	// the same parent.
	boundary       bool
	boundaryParent *html.Node
	last           rune
	// bold and plain count the letters and digits written inside and
	// outside <b>/<strong>, to tell a line wholly in bold.
	bold, plain int
	inBold      int
}

func (w *textWriter) full() bool { return w.b.Len() >= w.limit }

func (w *textWriter) space() {
	if w.b.Len() > 0 {
		w.pendingSp = true
	}
}

func (w *textWriter) reset() {
	w.b.Reset()
	w.pendingSp, w.boundary, w.boundaryParent, w.last = false, false, nil, 0
	w.bold, w.plain = 0, 0
}

func (w *textWriter) text(s string) {
	for _, r := range s {
		if isSpace(r) {
			w.space()
			continue
		}
		if r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' {
			continue
		}
		if w.pendingSp || (w.boundary && gluedWords(w.last, r)) {
			if w.b.Len() > 0 {
				w.b.WriteByte(' ')
			}
			w.pendingSp = false
		}
		w.boundary = false
		w.b.WriteRune(r)
		w.last = r
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if w.inBold > 0 {
				w.bold++
			} else {
				w.plain++
			}
		}
		if w.full() {
			return
		}
	}
}

// gluedWords reports whether a and b, written on both sides of an element
// boundary, are two words a browser shows apart: a letter or digit, then
// an upper-case letter ("warranty" + "EN"), or a letter then a digit.
func gluedWords(a, b rune) bool {
	if !unicode.IsLetter(a) && !unicode.IsDigit(a) {
		return false
	}
	return unicode.IsUpper(b) || (unicode.IsLetter(a) && unicode.IsDigit(b))
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0' ||
		r == '\u202f' || r == '\u2009' || r == '\u2002' || r == '\u2003' || (r > 0x7f && unicode.IsSpace(r))
}

// Invisible reports elements whose content is not shown to readers: no
// script, style, noscript, template, head, svg, form controls, and hidden
// elements (hidden attribute, inline display:none or visibility:hidden),
// except collapsed accordion and tab panels, which readers open (see
// disclosurePanel).
func Invisible(n *html.Node) bool {
	switch n.Data {
	case "script", "style", "noscript", "template", "head", "title", "meta", "link",
		"svg", "iframe", "object", "embed", "canvas", "video", "audio", "select",
		"datalist", "textarea", "input", "map":
		return true
	}
	hidden := false
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			hidden = hidden || !strings.EqualFold(a.Val, "until-found")
		case "style":
			if hiddenStyle(a.Val) {
				hidden = true
			}
		}
	}
	return hidden && !disclosurePanel(n)
}

// hiddenStyle reports an inline style that hides the element.
func hiddenStyle(style string) bool {
	if !strings.Contains(style, "none") && !strings.Contains(style, "hidden") &&
		!strings.Contains(style, "NONE") && !strings.Contains(style, "HIDDEN") {
		return false
	}
	st := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// disclosurePanel reports a collapsed accordion or tab panel: hidden until
// the reader opens it, but content the page shows them on a click (FAQ
// answers, policy sections). A panel names itself with role=tabpanel or
// region, or points at its button with aria-labelledby.
//
// Themes often leave the markup to the button: a panel right after a
// button that says whether it is expanded (aria-expanded), or a panel
// whose class names an accordion, a collapsible or an FAQ answer, is one
// too.
func disclosurePanel(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "aria-labelledby":
			return strings.TrimSpace(a.Val) != ""
		case "role":
			if r := strings.ToLower(strings.TrimSpace(a.Val)); r == "tabpanel" || r == "region" {
				return true
			}
		case "class":
			if panelClass(a.Val) {
				return true
			}
		}
	}
	prev := n.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	if prev != nil {
		for _, a := range prev.Attr {
			if a.Key == "aria-expanded" {
				return true
			}
		}
	}
	return false
}

// panelWords name accordion and FAQ panels in class attributes.
var panelWords = []string{"accordion", "collapse", "collapsible", "faq", "answer", "disclosure", "expandable", "tab-pane", "tabpanel", "toggle-content"}

func panelClass(v string) bool {
	v = strings.ToLower(v)
	for _, w := range panelWords {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// IsBlock reports elements that start and end a block of text.
func IsBlock(tag string) bool {
	switch tag {
	case "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
		"dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
		"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html", "legend", "li", "main",
		"nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
		"thead", "tr", "ul", "option", "menu":
		return true
	}
	return false
}

// VisibleText returns the text a reader sees in the subtrees roots, one
// block per line, at most about limit bytes: the same text Parse splits
// into blocks.
func VisibleText(roots []*html.Node, limit int) string {
	var lines strings.Builder
	w := &textWriter{limit: limit}
	flush := func() {
		if w.b.Len() == 0 {
			return
		}
		if lines.Len() > 0 {
			lines.WriteByte('\n')
		}
		lines.WriteString(w.b.String())
		w.limit = max(0, limit-lines.Len())
		w.reset()
	}
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := make([]frame, 0, 64)
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, frame{n: roots[i]})
	}
	for len(stack) > 0 && lines.Len()+w.b.Len() < limit {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			inlineExit(w, n, flush)
			continue
		}
		switch n.Type {
		case html.TextNode:
			if w.boundary && n.Parent == w.boundaryParent {
				w.boundary = false // "<b>W</b>arranty"
			}
			w.text(n.Data)
			continue
		case html.ElementNode:
			if Invisible(n) {
				continue
			}
			if !inlineEnter(w, n, flush) {
				continue
			}
			stack = append(stack, frame{n: n, exit: true})
		case html.DocumentNode:
		default:
			continue
		}
		last := len(stack)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, frame{n: c})
		}
		for i, j := last, len(stack)-1; i < j; i, j = i+1, j-1 {
			stack[i], stack[j] = stack[j], stack[i]
		}
	}
	flush()
	return lines.String()
}

// inlineEnter handles entering element n in a text walk: block elements
// and line breaks flush the current block. It reports whether n's
// children are to be walked.
func inlineEnter(w *textWriter, n *html.Node, flush func()) bool {
	switch {
	case n.Data == "br" || n.Data == "hr":
		flush()
		return false
	case n.Data == "img":
		return false
	case IsBlock(n.Data):
		flush()
	case n.Data == "sup" || n.Data == "sub":
		w.boundary = false
	case n.Data == "b" || n.Data == "strong":
		w.inBold++
	}
	return true
}

// inlineExit handles leaving element n in a text walk.
func inlineExit(w *textWriter, n *html.Node, flush func()) {
	switch {
	case IsBlock(n.Data):
		flush()
	case n.Data == "button" || n.Data == "label":
		w.space()
	case n.Data == "sup" || n.Data == "sub":
		// "CO<sub>2</sub>", "m<sup>2</sup>": part of the word.
	default:
		if n.Data == "b" || n.Data == "strong" {
			w.inBold--
		}
		w.boundary, w.boundaryParent = true, n.Parent
	}
}
