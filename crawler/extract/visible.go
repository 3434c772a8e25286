package extract

import (
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// maxText bounds the visible text kept for one page (bytes).
const maxText = 1 << 20

// VisibleText returns the text a reader sees on the page: no script, style,
// noscript, template, head, svg, form-control or hidden (hidden attribute,
// inline display:none or visibility:hidden) content, except collapsed
// accordion and tab panels, which readers open (see disclosurePanel). Each block (paragraph,
// heading, list item, table cell, div...) is on its own line; white space
// inside a line is collapsed. At most 1 MiB of text is returned.
//
// Adjacent inline elements with no text between them are rendered apart by
// browsers' styling more often than not ("<a>Platform</a><a>Pricing</a>"
// in a flex menu, "<span>2-year warranty</span><span>EN | DE</span>"), but
// glued markup also splits words ("<b>W</b>arranty", "<span>12</span>
// <span>.99</span>"). The rule: a space is inserted at the boundary between
// two sibling elements (or their descendants) when no text node stands
// between them, the text before ends with a letter or digit, and the text
// after starts with an upper-case letter (or with a digit after a letter).
// A text node that is itself the sibling ("<b>W</b>arranty") never gets
// a space, nor do lower-case continuations or "12" + ".99".
func VisibleText(doc *goquery.Document) string {
	if doc == nil {
		return ""
	}
	return visibleText(doc.Nodes, false, maxText)
}

// mainText returns the visible text of the page's main content: <main>,
// role=main or <article> when present and substantial, else the body;
// navigation, header, footer, aside and dialogs are left out.
func mainText(doc *goquery.Document) string {
	if doc == nil {
		return ""
	}
	body := visibleText(doc.Nodes, true, maxText)
	for _, sel := range []string{"main", "[role=main]", "article"} {
		s := doc.Find(sel)
		if s.Length() == 0 {
			continue
		}
		t := visibleText(s.Nodes, true, maxText)
		// A <main> that holds only a heading is not the main text.
		if len(strings.Fields(t))*10 >= len(strings.Fields(body))*3 {
			return t
		}
	}
	return body
}

// textWriter collapses white space and separates blocks with newlines.
type textWriter struct {
	b         strings.Builder
	limit     int
	pendingNL bool
	pendingSp bool
	// boundary is set when an inline element ended; boundaryParent is
	// its parent. Cleared by the next rune written or by a text node of
	// the same parent.
	boundary       bool
	boundaryParent *html.Node
	last           rune
}

func (w *textWriter) full() bool { return w.b.Len() >= w.limit }

func (w *textWriter) newline() {
	if w.b.Len() > 0 {
		w.pendingNL = true
	}
}

func (w *textWriter) space() {
	if w.b.Len() > 0 && !w.pendingNL {
		w.pendingSp = true
	}
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
		if w.pendingNL {
			w.b.WriteByte('\n')
			w.pendingNL, w.pendingSp = false, false
		} else if w.pendingSp || (w.boundary && gluedWords(w.last, r)) {
			w.b.WriteByte(' ')
			w.pendingSp = false
		}
		w.boundary = false
		w.b.WriteRune(r)
		w.last = r
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

// visibleText walks the nodes iteratively (no recursion, so any depth is
// safe) and writes at most about limit bytes. With dropBoilerplate, page
// chrome (nav, header, footer, aside, dialogs, forms) is left out too.
func visibleText(roots []*html.Node, dropBoilerplate bool, limit int) string {
	w := &textWriter{limit: limit}
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := make([]frame, 0, 64)
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, frame{n: roots[i]})
	}
	for len(stack) > 0 && !w.full() {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			switch {
			case isBlock(n.Data):
				w.newline()
			case n.Data == "button" || n.Data == "label":
				w.space()
			case n.Data == "sup" || n.Data == "sub":
				// "CO<sub>2</sub>", "m<sup>2</sup>": part of the word.
			default:
				w.boundary, w.boundaryParent = true, n.Parent
			}
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
			if invisible(n) || (dropBoilerplate && boilerplate(n)) {
				continue
			}
			switch {
			case n.Data == "br" || n.Data == "hr":
				w.newline()
				continue
			case isBlock(n.Data):
				w.newline()
			case n.Data == "img":
				continue
			case n.Data == "sup" || n.Data == "sub":
				w.boundary = false
			}
			stack = append(stack, frame{n: n, exit: true})
		case html.DocumentNode:
		default:
			continue
		}
		// Push children in reverse so the first child is visited first.
		last := len(stack)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, frame{n: c})
		}
		for i, j := last, len(stack)-1; i < j; i, j = i+1, j-1 {
			stack[i], stack[j] = stack[j], stack[i]
		}
	}
	return w.b.String()
}

// invisible reports elements whose content is not shown to readers.
func invisible(n *html.Node) bool {
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
			st := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				hidden = true
			}
		case "type":
			if n.Data == "input" && strings.EqualFold(a.Val, "hidden") {
				return true
			}
		}
	}
	return hidden && !disclosurePanel(n)
}

// disclosurePanel reports a collapsed accordion or tab panel: hidden until
// the reader opens it, but content the page shows them on a click (FAQ
// answers, policy sections). A panel names itself with role=tabpanel or
// region, or points at its button with aria-labelledby.
func disclosurePanel(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "aria-labelledby":
			return strings.TrimSpace(a.Val) != ""
		case "role":
			if r := strings.ToLower(strings.TrimSpace(a.Val)); r == "tabpanel" || r == "region" {
				return true
			}
		}
	}
	return false
}

// boilerplate reports navigation and page chrome, left out of main text.
func boilerplate(n *html.Node) bool {
	switch n.Data {
	case "nav", "header", "footer", "aside", "dialog", "form":
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "complementary", "dialog", "search":
		return true
	}
	return false
}

func isBlock(tag string) bool {
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
