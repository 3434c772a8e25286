package document

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Options are what Parse knows besides the DOM.
type Options struct {
	// ContentLanguage is the Content-Language header of the response.
	ContentLanguage string
}

// heading is one entry of a heading stack.
type heading struct {
	level int
	text  string
}

// walker is the state of one Parse.
type walker struct {
	doc   *Document
	w     textWriter
	total int // bytes of block text kept

	depth int
	// Context of the text being written, saved on entering an element
	// that changes it and restored on leaving it.
	kind       Kind
	hasKind    bool
	chrome     string
	inMain     int // open <main> / role=main elements
	inArticle  int // open article / section / main elements (header and footer inside are not chrome)
	question   string
	panelHead  string // heading of an accordion panel named by a button that is no question
	cell       *cellInfo
	caption    string
	blockDepth int // depth of the innermost open block element
	level      int // level of the open heading element

	mainPath   []heading // heading stack of the main content
	chromePath []heading // heading stack of the current chrome region

	// A short paragraph ending in "?" opens a question that holds until
	// its container closes, a heading or another question.
	paraQ      string
	paraQDepth int
	paraQLeft  int // blocks it may still answer
	// The last term (dt) of the open definition list.
	term      string
	termDepth int

	tables   map[*html.Node]*tableInfo
	byID     map[string]*html.Node
	labels   map[*html.Node]string // label text by labelling element (see label)
	controls map[string]string     // id of a panel -> text of the button controlling it
	sawMain  bool
}

// frame is one step of the iterative walk.
type frame struct {
	n    *html.Node
	exit bool
	// Saved context, restored on exit.
	saved savedCtx
}

type savedCtx struct {
	kind        Kind
	hasKind     bool
	chrome      string
	question    string
	panelHead   string
	cell        *cellInfo
	caption     string
	blockDepth  int
	chromePath  []heading
	restorePath bool
	main, art   int
	level       int
}

// Parse builds the document of a parsed page (the root is usually the
// *html.Node of a goquery.Document).
func Parse(roots []*html.Node, opts Options) *Document {
	doc := &Document{}
	wk := &walker{doc: doc, tables: map[*html.Node]*tableInfo{}}
	wk.w.limit = maxBlock
	wk.index(roots)
	wk.walk(roots)
	wk.flush()
	wk.finish()
	detectLanguage(doc, roots, opts.ContentLanguage)
	return doc
}

// index finds the elements accordions refer to by id (aria-controls) and
// the title.
func (wk *walker) index(roots []*html.Node) {
	stack := append([]*html.Node(nil), roots...)
	var controllers []*html.Node
	seen := 0
	for len(stack) > 0 && seen < 200000 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		seen++
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				if wk.doc.Title == "" {
					wk.doc.Title = collapse(textContent(n, 500))
				}
			case "main":
				wk.sawMain = true
			case "script", "style", "template", "svg":
				continue
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					if wk.byID == nil {
						wk.byID = map[string]*html.Node{}
					}
					if _, dup := wk.byID[a.Val]; !dup && a.Val != "" {
						wk.byID[a.Val] = n
					}
				case "aria-controls":
					controllers = append(controllers, n)
				case "role":
					if strings.EqualFold(strings.TrimSpace(a.Val), "main") {
						wk.sawMain = true
					}
				}
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	for _, c := range controllers {
		t := collapse(VisibleText([]*html.Node{c}, 500))
		if t == "" {
			t = collapse(attr(c, "aria-label"))
		}
		if t == "" {
			continue
		}
		for _, id := range strings.Fields(attr(c, "aria-controls")) {
			if wk.controls == nil {
				wk.controls = map[string]string{}
			}
			if _, dup := wk.controls[id]; !dup {
				wk.controls[id] = t
			}
		}
	}
}

func (wk *walker) full() bool {
	return wk.total >= MaxText || len(wk.doc.Blocks) >= MaxBlocks
}

func (wk *walker) walk(roots []*html.Node) {
	stack := make([]frame, 0, 64)
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, frame{n: roots[i]})
	}
	for len(stack) > 0 {
		if wk.full() {
			return
		}
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			wk.leave(n, f.saved)
			continue
		}
		switch n.Type {
		case html.TextNode:
			if wk.w.boundary && n.Parent == wk.w.boundaryParent {
				wk.w.boundary = false // "<b>W</b>arranty"
			}
			wk.w.text(n.Data)
			continue
		case html.ElementNode:
			if Invisible(n) {
				continue
			}
			saved, walkChildren := wk.enter(n)
			if !walkChildren {
				continue
			}
			stack = append(stack, frame{n: n, exit: true, saved: saved})
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
}

func (wk *walker) save() savedCtx {
	return savedCtx{kind: wk.kind, hasKind: wk.hasKind, chrome: wk.chrome, question: wk.question, panelHead: wk.panelHead,
		cell: wk.cell, caption: wk.caption, blockDepth: wk.blockDepth, main: wk.inMain, art: wk.inArticle, level: wk.level}
}

// enter handles entering element n: it flushes the text before a block
// element and sets the context n opens. It reports whether n's children
// are walked.
func (wk *walker) enter(n *html.Node) (savedCtx, bool) {
	switch n.Data {
	case "br", "hr":
		wk.flush()
		return savedCtx{}, false
	case "img":
		return savedCtx{}, false
	case "sup", "sub":
		wk.w.boundary = false
	case "b", "strong":
		wk.w.inBold++
	}
	s := wk.save()
	wk.depth++
	if !opensBlock(n) {
		return s, true
	}
	wk.flush()
	wk.blockDepth = wk.depth
	switch n.Data {
	case "main":
		wk.inMain++
		wk.inArticle++
	case "article", "section":
		wk.inArticle++
	}
	if strings.EqualFold(attr(n, "role"), "main") {
		wk.inMain++
		wk.inArticle++
	}
	if wk.chrome == "" {
		if c := wk.chromeOf(n); c != "" {
			wk.chrome = c
			s.chromePath, s.restorePath = wk.chromePath, true
			wk.chromePath = nil
		}
	}
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		wk.kind, wk.hasKind = Heading, true
		wk.level = int(n.Data[1] - '0')
	case "li":
		wk.kind, wk.hasKind = ListItem, true
	case "td", "th":
		wk.kind, wk.hasKind = Cell, true
		wk.cell = nil
		if t := wk.tableOf(n); t != nil {
			if ci, ok := t.cells[n]; ok {
				wk.cell = ci
			}
			wk.caption = t.caption
		}
	case "dt":
		wk.kind, wk.hasKind = Term, true
	case "dd":
		wk.kind, wk.hasKind = Definition, true
	case "summary":
		wk.kind, wk.hasKind = Question, true
	case "caption":
		wk.kind, wk.hasKind = Caption, true
	case "details":
		if q := summaryText(n); q != "" {
			wk.question = q
			wk.panelHead = ""
		}
	case "table":
		wk.caption = ""
		if _, ok := wk.tables[n]; !ok {
			wk.tables[n] = buildTable(n)
		}
	case "dl":
		wk.term, wk.termDepth = "", wk.depth
	}
	if toggle(n) && !(wk.hasKind && wk.kind == Heading) {
		// An accordion's button names the panel it opens: a heading.
		wk.kind, wk.hasKind, wk.level = Heading, true, 7
	}
	if isHeadingRole(n) {
		wk.kind, wk.hasKind = Heading, true
		wk.level = 2
		if l := strings.TrimSpace(attr(n, "aria-level")); len(l) == 1 && l[0] >= '1' && l[0] <= '6' {
			wk.level = int(l[0] - '0')
		}
	}
	// An accordion panel: the button controlling it names it.
	if id := attr(n, "id"); id != "" && wk.controls != nil {
		if t, ok := wk.controls[id]; ok {
			wk.openPanel(t)
		}
	}
	if ids := strings.Fields(attr(n, "aria-labelledby")); len(ids) > 0 && wk.byID != nil {
		if ln, ok := wk.byID[ids[0]]; ok && !Contains(ln, n) {
			if t := wk.label(ln); t != "" {
				wk.openPanel(t)
			}
		}
	}
	return s, true
}

// label returns the visible text of a labelling element, read once per
// element: many panels may name one label, and an empty label's subtree
// would otherwise be walked again for each of them.
func (wk *walker) label(ln *html.Node) string {
	if t, ok := wk.labels[ln]; ok {
		return t
	}
	if wk.labels == nil {
		wk.labels = map[*html.Node]string{}
	}
	t := collapse(VisibleText([]*html.Node{ln}, 500))
	wk.labels[ln] = t
	return t
}

// openPanel sets the context of an accordion or tab panel named t: a
// question when t is one, else a heading the panel stands under.
func (wk *walker) openPanel(t string) {
	wk.paraQ = ""
	if strings.HasSuffix(t, "?") {
		wk.question, wk.panelHead = t, ""
		return
	}
	wk.panelHead = t
}

// leave handles leaving element n.
func (wk *walker) leave(n *html.Node, s savedCtx) {
	switch n.Data {
	case "button", "label":
		wk.w.space()
	case "sup", "sub":
	case "b", "strong":
		wk.w.inBold--
		wk.w.boundary, wk.w.boundaryParent = true, n.Parent
	default:
		if !opensBlock(n) {
			wk.w.boundary, wk.w.boundaryParent = true, n.Parent
		}
	}
	if opensBlock(n) {
		wk.flush()
	}
	if wk.paraQ != "" && wk.depth <= wk.paraQDepth {
		wk.paraQ = ""
	}
	if n.Data == "dl" {
		wk.term = ""
	}
	wk.depth--
	wk.kind, wk.hasKind, wk.chrome, wk.question, wk.panelHead = s.kind, s.hasKind, s.chrome, s.question, s.panelHead
	wk.cell, wk.caption, wk.blockDepth, wk.inMain, wk.inArticle, wk.level = s.cell, s.caption, s.blockDepth, s.main, s.art, s.level
	if s.restorePath {
		wk.chromePath = s.chromePath
	}
}

// flush turns the text written so far into a block.
func (wk *walker) flush() {
	w := &wk.w
	if w.b.Len() == 0 {
		w.reset()
		return
	}
	text := w.b.String()
	bold := w.bold > 0 && w.plain == 0
	w.reset()
	if wk.full() {
		return
	}
	b := Block{Kind: Paragraph, Text: text, Hash: hashText(text)}
	if wk.hasKind {
		b.Kind = wk.kind
	}
	if wk.chrome != "" {
		b.Region, b.Chrome = Chrome, wk.chrome
	} else if wk.sawMain && wk.inMain == 0 {
		// Decided in finish, once it is known whether <main> holds the
		// page's content.
		b.Chrome = "outside-main"
	}
	if wk.cell != nil {
		b.Label, b.Column, b.Header = wk.cell.label, wk.cell.column, wk.cell.header
		b.Caption = wk.caption
		if b.Kind == Paragraph {
			b.Kind = Cell
		}
	}
	// A short line wholly in bold, or a short paragraph ending in "?", in
	// the flow of a text: a heading, or a question.
	words := 0
	if b.Kind == Paragraph || b.Kind == Heading {
		words = len(strings.Fields(text))
	}
	if b.Kind == Paragraph && wk.cell == nil {
		last, _ := utf8.DecodeLastRuneInString(text)
		switch {
		case last == '?' && words <= 30:
			b.Kind = Question
		case bold && words <= 12 && len(text) <= 120 && last != '.' && last != '!' && last != ':' && last != ',':
			b.Kind, b.Level = Heading, 7
		}
	}
	if b.Kind == Heading && b.Level == 0 {
		b.Level = 7
		if wk.hasKind && wk.kind == Heading {
			b.Level = wk.headingLevel()
		}
		if strings.HasSuffix(text, "?") {
			b.Kind = Question
		}
	}
	path := &wk.mainPath
	if b.Region == Chrome {
		path = &wk.chromePath
	}
	if b.Kind == Heading || (b.Kind == Question && wk.hasKind && wk.kind == Heading) {
		b.Path = pathTexts(popTo(*path, b.Level))
	} else {
		b.Path = pathTexts(*path)
	}
	if wk.panelHead != "" && b.Heading() != wk.panelHead && b.Kind != Heading {
		b.Path = append(b.Path[:len(b.Path):len(b.Path)], wk.panelHead)
	}
	switch b.Kind {
	case Heading:
		wk.push(path, b.Level, text)
		wk.paraQ = ""
	case Question:
		if wk.hasKind && wk.kind == Heading {
			// A heading that asks: the blocks under it answer it.
			wk.push(path, wk.headingLevel(), text)
			wk.paraQ = ""
		} else if !wk.hasKind || wk.kind == Paragraph {
			wk.paraQ, wk.paraQDepth, wk.paraQLeft = text, wk.blockDepth-1, maxAnswerBlocks
		}
	case Term:
		wk.term = text
	default:
		switch {
		case wk.question != "":
			b.Question = wk.question
		case wk.paraQ != "":
			b.Question = wk.paraQ
			if wk.paraQLeft--; wk.paraQLeft <= 0 {
				wk.paraQ = ""
			}
		case strings.HasSuffix(b.Heading(), "?"):
			b.Question = b.Heading()
		}
		if b.Kind == Definition && wk.term != "" {
			b.Label = wk.term
			if strings.HasSuffix(wk.term, "?") {
				b.Question = wk.term
			}
		}
	}
	if b.Kind == Heading || b.Kind == Question {
		if wk.doc.H1 == "" && b.Region == Main && b.Chrome == "" && wk.hasKind && wk.kind == Heading && wk.headingLevel() == 1 {
			wk.doc.H1 = text
		}
	}
	wk.total += len(text)
	wk.doc.Blocks = append(wk.doc.Blocks, b)
}

// headingLevel is the level of the open heading element: h1–h6 give
// their number, role=heading its aria-level (default 2).
func (wk *walker) headingLevel() int {
	if wk.level == 0 {
		return 7
	}
	return wk.level
}

// maxAnswerBlocks is how many blocks a question asked in a plain
// paragraph can answer.
const maxAnswerBlocks = 4

// push puts a heading on a stack: headings of the same or a deeper level
// end.
func (wk *walker) push(path *[]heading, level int, text string) {
	p := popTo(*path, level)
	*path = append(p[:len(p):len(p)], heading{level: level, text: text})
}

// popTo drops the headings of level or deeper from a stack.
func popTo(p []heading, level int) []heading {
	for len(p) > 0 && p[len(p)-1].level >= level {
		p = p[:len(p)-1]
	}
	return p
}

// pathTexts returns the texts of a heading stack.
func pathTexts(p []heading) []string {
	if len(p) == 0 {
		return nil
	}
	out := make([]string, len(p))
	for i, h := range p {
		out[i] = h.text
	}
	return out
}

// finish marks the text outside <main> as chrome when <main> holds the
// page's content (at least 30 % of its words); otherwise <main> was only a
// part of it, and the rest is content too.
func (wk *walker) finish() {
	inside, outside := 0, 0
	for i := range wk.doc.Blocks {
		b := &wk.doc.Blocks[i]
		if b.Region != Main {
			continue
		}
		n := strings.Count(b.Text, " ") + 1
		if b.Chrome == "outside-main" {
			outside += n
		} else {
			inside += n
		}
	}
	mainHolds := inside > 0 && inside*10 >= (inside+outside)*3
	for i := range wk.doc.Blocks {
		b := &wk.doc.Blocks[i]
		if b.Chrome != "outside-main" || b.Region != Main {
			continue
		}
		if mainHolds {
			b.Region = Chrome
		} else {
			b.Chrome = ""
		}
	}
}

// summaryText is the visible text of a <details> element's summary.
func summaryText(details *html.Node) string {
	for c := details.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "summary" {
			return collapse(VisibleText([]*html.Node{c}, 500))
		}
	}
	return ""
}

// contains reports whether n is an ancestor of (or is) m.
// Contains reports whether m is n or lies inside it.
func Contains(n, m *html.Node) bool {
	for p := m; p != nil; p = p.Parent {
		if p == n {
			return true
		}
	}
	return false
}

// opensBlock reports elements whose text is a block of its own: block
// elements, role=heading and accordion toggles.
func opensBlock(n *html.Node) bool {
	return IsBlock(n.Data) || isHeadingRole(n) || toggle(n)
}

// toggle reports an accordion's or tab's button: an element that controls
// another (aria-controls) or says whether it is expanded.
func toggle(n *html.Node) bool {
	if n.Data == "summary" {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "aria-controls" || a.Key == "aria-expanded" {
			return true
		}
	}
	return false
}

// isHeadingRole reports an element with role=heading.
func isHeadingRole(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "role" && strings.EqualFold(strings.TrimSpace(a.Val), "heading") {
			return true
		}
	}
	return false
}

// textContent is all text under n (script and style included), bounded.
func textContent(n *html.Node, limit int) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 && b.Len() < limit {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return cutUTF8(b.String(), limit)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
