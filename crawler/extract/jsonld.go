package extract

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds on JSON-LD parsing, so a hostile or broken page cannot make
// extraction slow or deep.
const (
	maxJSONBlock  = 1 << 20 // bytes of one <script type="application/ld+json">
	maxJSONTotal  = 4 << 20 // bytes of JSON-LD considered per page
	maxJSONBlocks = 100     // blocks considered per page
	maxJSONDepth  = 64      // nesting of objects and arrays
	maxJSONValues = 200_000 // values in one block
)

// parseLenientJSON parses JSON as found in the wild in JSON-LD blocks and
// returns every top-level value it could read. It accepts trailing and
// missing commas, // and /* */ comments, HTML comment and CDATA wrappers,
// raw control characters (newlines) inside strings, single-quoted strings,
// unquoted keys, several concatenated values and a whole block that was
// HTML-escaped. Values are map[string]any, []any, string, float64, bool or
// nil. On malformed input it keeps what it read before the error (a
// truncated object keeps its complete members). It never panics and its
// work is linear in len(src).
func parseLenientJSON(src string) []any {
	if len(src) > maxJSONBlock {
		src = src[:maxJSONBlock]
	}
	if !strings.Contains(src, `"`) && strings.Contains(src, "&quot;") {
		src = html.UnescapeString(src)
	}
	p := &jsonParser{s: src}
	var out []any
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			break
		}
		c := p.s[p.i]
		if c == ',' || c == ';' {
			p.i++
			continue
		}
		if c != '{' && c != '[' {
			// Stray text between values (e.g. "var x = "); resynchronise
			// on the next object or array.
			j := strings.IndexAny(p.s[p.i:], "{[")
			if j < 0 {
				break
			}
			p.i += j
			continue
		}
		v := p.value(0)
		if v != nil {
			out = append(out, v)
		}
		if p.failed {
			break
		}
	}
	return out
}

type jsonParser struct {
	s      string
	i      int
	values int
	failed bool
}

func (p *jsonParser) fail() { p.failed = true }

// skipSpace skips white space, comments and the wrappers sites put around
// JSON-LD (<!-- -->, <![CDATA[ ]]>).
func (p *jsonParser) skipSpace() {
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			p.i++
		case c == 0xEF && strings.HasPrefix(p.s[p.i:], "\uFEFF"):
			p.i += 3
		case c == 0xC2 && strings.HasPrefix(p.s[p.i:], "\u00a0"):
			p.i += 2
		case strings.HasPrefix(p.s[p.i:], "//"):
			j := strings.IndexByte(p.s[p.i:], '\n')
			if j < 0 {
				p.i = len(p.s)
			} else {
				p.i += j + 1
			}
		case strings.HasPrefix(p.s[p.i:], "/*"):
			j := strings.Index(p.s[p.i+2:], "*/")
			if j < 0 {
				p.i = len(p.s)
			} else {
				p.i += j + 4
			}
		case strings.HasPrefix(p.s[p.i:], "<!--"):
			p.i += 4
		case strings.HasPrefix(p.s[p.i:], "-->"):
			p.i += 3
		case strings.HasPrefix(p.s[p.i:], "<![CDATA["):
			p.i += 9
		case strings.HasPrefix(p.s[p.i:], "]]>"):
			p.i += 3
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) any {
	p.skipSpace()
	if p.i >= len(p.s) {
		p.fail()
		return nil
	}
	p.values++
	if p.values > maxJSONValues {
		p.fail()
		return nil
	}
	switch c := p.s[p.i]; {
	case c == '{':
		if depth >= maxJSONDepth {
			p.fail()
			return nil
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= maxJSONDepth {
			p.fail()
			return nil
		}
		return p.array(depth + 1)
	case c == '"' || c == '\'':
		s, ok := p.str()
		if !ok {
			p.fail()
			return nil
		}
		return s
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		w := p.ident()
		switch w {
		case "":
			p.fail()
			p.i++ // make progress
			return nil
		case "true":
			return true
		case "false":
			return false
		case "null", "undefined", "NaN", "Infinity":
			return nil
		}
		return w
	}
}

func (p *jsonParser) object(depth int) any {
	p.i++ // {
	m := map[string]any{}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			p.fail()
			return m
		}
		c := p.s[p.i]
		if c == '}' {
			p.i++
			return m
		}
		if c == ',' {
			p.i++
			continue
		}
		var key string
		if c == '"' || c == '\'' {
			k, ok := p.str()
			if !ok {
				p.fail()
				return m
			}
			key = k
		} else {
			key = p.ident()
			if key == "" {
				p.fail()
				return m
			}
		}
		p.skipSpace()
		if p.i < len(p.s) && (p.s[p.i] == ':' || p.s[p.i] == '=') {
			p.i++
		} else {
			p.fail()
			return m
		}
		v := p.value(depth)
		if p.failed {
			if v != nil {
				m[key] = v
			}
			return m
		}
		m[key] = v
	}
}

func (p *jsonParser) array(depth int) any {
	p.i++ // [
	a := []any{}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			p.fail()
			return a
		}
		c := p.s[p.i]
		if c == ']' {
			p.i++
			return a
		}
		if c == ',' {
			p.i++
			continue
		}
		v := p.value(depth)
		if v != nil {
			a = append(a, v)
		}
		if p.failed {
			return a
		}
	}
}

// closes reports whether the quote at j ends a string: what follows it
// (after white space) ends a value or a key. Valid JSON has no other
// quote in a string; shops write unescaped ones (`"name":"Harlow 84" Sofa"`),
// which are read as part of the string.
func (p *jsonParser) closes(j int) bool {
	for k := j + 1; k < len(p.s); k++ {
		switch p.s[k] {
		case ' ', '\t', '\n', '\r':
			continue
		case ',', '}', ']', ':', '/', ';':
			return true
		}
		return false
	}
	return true
}

// str reads a quoted string; raw control characters are kept, unknown
// escapes stand for the escaped character, HTML entities are decoded.
func (p *jsonParser) str() (string, bool) {
	q := p.s[p.i]
	p.i++
	start := p.i
	// Fast path: no escapes.
	for j := p.i; j < len(p.s); j++ {
		if p.s[j] == '\\' {
			break
		}
		if p.s[j] == q && p.closes(j) {
			p.i = j + 1
			return unescapeEntities(p.s[start:j]), true
		}
	}
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q && p.closes(p.i):
			p.i++
			return unescapeEntities(b.String()), true
		case c == '\\' && p.i+1 < len(p.s):
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b', 'f':
				b.WriteByte(' ')
			case 'u':
				r, n := p.hex4(p.i)
				if n == 0 {
					b.WriteByte('u')
					continue
				}
				p.i += n
				if r >= 0xD800 && r < 0xDC00 && strings.HasPrefix(p.s[p.i:], `\u`) {
					if r2, n2 := p.hex4(p.i + 2); n2 > 0 && r2 >= 0xDC00 && r2 < 0xE000 {
						r = (r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000
						p.i += 2 + n2
					}
				}
				if !utf8.ValidRune(r) {
					r = utf8.RuneError
				}
				b.WriteRune(r)
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", false
}

func (p *jsonParser) hex4(at int) (rune, int) {
	if at+4 > len(p.s) {
		return 0, 0
	}
	v, err := strconv.ParseUint(p.s[at:at+4], 16, 32)
	if err != nil {
		return 0, 0
	}
	return rune(v), 4
}

func (p *jsonParser) number() any {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' {
			p.i++
			continue
		}
		break
	}
	text := p.s[start:p.i]
	f, err := strconv.ParseFloat(strings.TrimPrefix(text, "+"), 64)
	if err != nil {
		return text // keep as text; numeric fields are parsed leniently later
	}
	return f
}

func (p *jsonParser) ident() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c == '$' || c == '@' || c == '-' || c == '.' ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

func unescapeEntities(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}
