package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/signal"
	"golang.org/x/net/html"
)

// item is one structured-data node (schema.org vocabulary) from JSON-LD,
// microdata or RDFa, with type and property names reduced to lower-case
// local names ("https://schema.org/AggregateRating" -> "aggregaterating").
type item struct {
	types  []string
	id     string
	props  map[string][]any // values: string, float64, bool or *item
	method signal.Method
}

// Bounds on structured data per page.
const (
	maxItems    = 20_000 // items kept per page and method
	maxDOMDepth = 512    // element nesting walked for microdata and RDFa
	maxPropText = 2000   // bytes of text kept for one property value
)

func (it *item) add(prop string, v any) {
	if it.props == nil {
		it.props = map[string][]any{}
	}
	it.props[prop] = append(it.props[prop], v)
}

func (it *item) is(types ...string) bool {
	for _, t := range it.types {
		for _, u := range types {
			if t == u {
				return true
			}
		}
	}
	return false
}

// text returns the first non-empty text or number of prop.
func (it *item) text(prop string) string {
	for _, v := range it.props[prop] {
		switch x := v.(type) {
		case string:
			if s := strings.TrimSpace(x); s != "" {
				return s
			}
		case float64:
			return signal.FormatNumber(x)
		}
	}
	return ""
}

// number returns the first value of prop that reads as a number.
func (it *item) number(prop string, count bool) (float64, bool) {
	for _, v := range it.props[prop] {
		switch x := v.(type) {
		case float64:
			return x, true
		case string:
			if count {
				if f, ok := parseCount(x); ok {
					return f, true
				}
			} else if f, ok := parseNumber(x); ok {
				return f, true
			}
		case *item:
			// {"@type": "QuantitativeValue", "value": 4.6}
			if f, ok := x.number("value", count); ok {
				return f, true
			}
		}
	}
	return 0, false
}

// name is a human name for the item, for snippets and de-duplication.
func (it *item) name() string {
	for _, p := range []string{"name", "legalname", "alternatename", "headline", "sku", "url"} {
		if s := it.text(p); s != "" {
			return s
		}
	}
	return it.id
}

// localName reduces a schema.org IRI, CURIE or term to its lower-case local
// name: "http://schema.org/Product", "schema:Product", "Product" -> "product".
func localName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
		s = s[i+1:]
	}
	return strings.ToLower(s)
}

func localNames(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if n := localName(f); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// itemSet is the structured data of one page.
type itemSet struct {
	all  []*item          // every item, in document order, parents first
	byID map[string]*item // JSON-LD nodes with an @id and content
}

func (s *itemSet) push(it *item) bool {
	if len(s.all) >= maxItems*3 {
		return false
	}
	s.all = append(s.all, it)
	return true
}

// resolve follows a reference ({"@id": "#org"}) to the node it names.
func (s *itemSet) resolve(v any) *item {
	it, ok := v.(*item)
	if !ok {
		return nil
	}
	if len(it.types) == 0 && len(it.props) == 0 && it.id != "" {
		if t, ok := s.byID[it.id]; ok {
			return t
		}
	}
	return it
}

// ---- JSON-LD ----

// addJSONLD converts parsed JSON-LD values into items.
func (s *itemSet) addJSONLD(values []any) {
	n := 0
	for _, v := range values {
		s.jsonValue(v, &n)
	}
}

// jsonValue converts v and returns the item (or nil); n counts items made.
func (s *itemSet) jsonValue(v any, n *int) any {
	switch x := v.(type) {
	case map[string]any:
		if *n >= maxItems {
			return nil
		}
		*n++
		return s.jsonObject(x, n)
	case []any:
		for _, e := range x {
			s.jsonValue(e, n)
		}
	}
	return nil
}

func (s *itemSet) jsonObject(m map[string]any, n *int) any {
	if v, ok := m["@value"]; ok {
		switch v.(type) {
		case string, float64, bool:
			return v
		}
		return nil
	}
	it := &item{method: signal.MethodJSONLD}
	switch t := m["@type"].(type) {
	case string:
		it.types = localNames(t)
	case []any:
		for _, e := range t {
			if str, ok := e.(string); ok {
				it.types = append(it.types, localNames(str)...)
			}
		}
	}
	if id, ok := m["@id"].(string); ok {
		it.id = strings.TrimSpace(id)
	}
	if !s.push(it) {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic item order
	for _, k := range keys {
		v := m[k]
		if strings.HasPrefix(k, "@") {
			if k == "@graph" {
				s.jsonValue(v, n)
			}
			continue
		}
		prop := localName(k)
		if prop == "" {
			continue
		}
		s.jsonProp(it, prop, v, n)
	}
	if it.id != "" && (len(it.types) > 0 || len(it.props) > 0) {
		if s.byID == nil {
			s.byID = map[string]*item{}
		}
		if _, dup := s.byID[it.id]; !dup {
			s.byID[it.id] = it
		}
	}
	return it
}

func (s *itemSet) jsonProp(it *item, prop string, v any, n *int) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if _, nested := e.([]any); nested {
				continue
			}
			s.jsonProp(it, prop, e, n)
		}
	case map[string]any:
		if *n >= maxItems {
			return
		}
		*n++
		if c := s.jsonObject(x, n); c != nil {
			it.add(prop, c)
		}
	case string, float64, bool:
		it.add(prop, x)
	}
}

// ---- microdata ----

// addMicrodata walks the document for itemscope/itemprop (WHATWG
// microdata), following itemref to properties marked up elsewhere in the
// page (an aggregateRating in the footer referenced by the Organization).
func (s *itemSet) addMicrodata(root *html.Node) {
	var byID map[string]*html.Node
	s.addMarkup(root, markup{
		prop: "itemprop",
		start: func(c *html.Node) *item {
			if !hasAttr(c, "itemscope") {
				return nil
			}
			return &item{types: localNames(attr(c, "itemtype")), id: attr(c, "itemid"), method: signal.MethodMicrodata}
		},
		value: microdataValue,
		refs: func(c *html.Node) []*html.Node {
			ref := strings.Fields(attr(c, "itemref"))
			if len(ref) == 0 {
				return nil
			}
			if byID == nil {
				byID = elementsByID(root)
			}
			var out []*html.Node
			for _, id := range ref {
				if n, ok := byID[id]; ok && len(out) < maxItemRefs {
					out = append(out, n)
				}
			}
			return out
		},
	})
}

// maxItemRefs bounds the elements one item refers to; maxRefVisits the
// elements visited through references on one page (many items referring
// to one large element would otherwise walk it once each).
const (
	maxItemRefs  = 32
	maxRefVisits = 20000
)

// elementsByID indexes the elements with an id (the first of duplicates).
func elementsByID(root *html.Node) map[string]*html.Node {
	out := map[string]*html.Node{}
	stack := []*html.Node{root}
	for len(stack) > 0 && len(out) < maxItems {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				if _, dup := out[id]; !dup {
					out[id] = n
				}
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

// markup is how an attribute syntax (microdata, RDFa Lite) marks items
// and their properties in the DOM.
type markup struct {
	prop  string                  // attribute naming an element's properties
	start func(*html.Node) *item  // the item an element starts, or nil
	value func(*html.Node) string // an element's property value
	// refs, when set, returns the elements whose properties also belong
	// to the item an element starts (microdata itemref).
	refs func(*html.Node) []*html.Node
}

// addMarkup walks the document collecting the items m marks: an element
// starting an item is a property value of the enclosing item (when it has
// properties) and the scope of its descendants.
func (s *itemSet) addMarkup(root *html.Node, m markup) {
	var walk func(n *html.Node, scope *item, depth int)
	following := map[*html.Node]bool{}
	inRef, refVisits := 0, 0 // references being followed; elements visited through them
	// visit reads one element c within scope.
	var visit func(c *html.Node, scope *item, depth int) bool
	visit = func(c *html.Node, scope *item, depth int) bool {
		if c.Type != html.ElementNode || skipStructured(c) {
			return true
		}
		if inRef > 0 {
			if refVisits++; refVisits > maxRefVisits {
				return false
			}
		}
		props := localNames(attr(c, m.prop))
		if it := m.start(c); it != nil {
			if !s.push(it) {
				return false
			}
			if scope != nil {
				for _, p := range props {
					scope.add(p, it)
				}
			}
			walk(c, it, depth+1)
			if m.refs != nil && !following[c] {
				following[c] = true // a cycle of references is followed once
				inRef++
				ok := true
				for _, r := range m.refs(c) {
					// A reference into the item itself, or around it, adds nothing.
					if !document.Contains(r, c) && !document.Contains(c, r) && !visit(r, it, depth+1) {
						// Past the budget of referenced elements, references
						// are no longer followed but the page is read on; past
						// the number of items, reading stops.
						ok = refVisits > maxRefVisits
						break
					}
				}
				inRef--
				delete(following, c)
				if !ok {
					return false
				}
			}
			return true
		}
		if scope != nil && len(props) > 0 {
			v := m.value(c)
			for _, p := range props {
				scope.add(p, v)
			}
		}
		walk(c, scope, depth+1)
		return true
	}
	walk = func(n *html.Node, scope *item, depth int) {
		if depth > maxDOMDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !visit(c, scope, depth) {
				return
			}
		}
	}
	walk(root, nil, 0)
}

func microdataValue(n *html.Node) string {
	if v, ok := attrOK(n, "content"); ok {
		return v
	}
	switch n.Data {
	case "meta":
		return attr(n, "content")
	case "a", "link", "area":
		return attr(n, "href")
	case "img", "audio", "embed", "iframe", "source", "track", "video":
		return attr(n, "src")
	case "object":
		return attr(n, "data")
	case "data", "meter":
		return attr(n, "value")
	case "time":
		if v, ok := attrOK(n, "datetime"); ok {
			return v
		}
	}
	return nodeText(n, maxPropText)
}

// ---- RDFa Lite ----

// addRDFa walks the document for RDFa Lite (vocab, typeof, property,
// resource).
func (s *itemSet) addRDFa(root *html.Node) {
	s.addMarkup(root, markup{
		prop: "property",
		start: func(c *html.Node) *item {
			typeof, ok := attrOK(c, "typeof")
			if !ok {
				return nil
			}
			return &item{types: localNames(typeof), id: attr(c, "resource"), method: signal.MethodRDFa}
		},
		value: rdfaValue,
	})
}

func rdfaValue(n *html.Node) string {
	if v, ok := attrOK(n, "content"); ok {
		return v
	}
	if v, ok := attrOK(n, "resource"); ok {
		return v
	}
	switch n.Data {
	case "a", "link", "area":
		if v, ok := attrOK(n, "href"); ok {
			return v
		}
	case "img", "audio", "video", "source", "iframe", "embed":
		if v, ok := attrOK(n, "src"); ok {
			return v
		}
	case "time":
		if v, ok := attrOK(n, "datetime"); ok {
			return v
		}
	}
	return nodeText(n, maxPropText)
}

// skipStructured reports elements whose content is never markup
// (scripts, styles, templates).
func skipStructured(n *html.Node) bool {
	switch n.Data {
	case "script", "style", "template", "noscript":
		return true
	}
	return false
}

// ---- small DOM helpers ----

// contains reports whether n is m or one of m's ancestors.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

// nodeText is the text content of n (without scripts and styles), white
// space collapsed, at most limit bytes.
func nodeText(n *html.Node, limit int) string {
	var b strings.Builder
	space := false
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDOMDepth || b.Len() >= limit {
			return
		}
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if unicode.IsSpace(r) {
					space = b.Len() > 0
					continue
				}
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteRune(r)
				if b.Len() >= limit {
					return
				}
			}
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "template", "noscript", "svg":
				return
			}
			if document.IsBlock(n.Data) || n.Data == "br" || n.Data == "td" || n.Data == "th" {
				space = b.Len() > 0
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, depth+1)
			}
			if document.IsBlock(n.Data) {
				space = b.Len() > 0
			}
		}
	}
	walk(n, 0)
	return b.String()
}
