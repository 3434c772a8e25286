package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cxbench/cxbench/signal"
	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a configuration, at a position.
type Problem struct {
	Pos Pos
	Msg string
}

// String is "FILE:LINE:COL: message", safe to print: control characters
// and escape sequences in a file name or an echoed value are removed.
func (p Problem) String() string { return signal.Printable(p.Pos.String() + ": " + p.Msg) }

// Problems is every problem found in a configuration; it is the error
// returned by Parse and Load when the configuration is invalid.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// without drops problems at the positions of earlier ones: a value that
// was already reported as malformed is not reported again as, say, zero.
func (ps Problems) without(earlier Problems) Problems {
	at := map[Pos]bool{}
	for _, p := range earlier {
		at[p.Pos] = true
	}
	var out Problems
	for _, p := range ps {
		if !at[p.Pos] {
			out = append(out, p)
		}
	}
	return out
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return ps
}

// MaxFileSize is the largest configuration or rubric file read, 4 MiB: a
// benchmark of thousands of competitors fits in a tenth of it, and a wrong
// path (-c /dev/zero) fails at once instead of reading forever.
const MaxFileSize = 4 << 20

var errTooLarge = errors.New("larger than 4 MiB, the limit for a configuration file")

// readLimited reads r to its end, or fails with errTooLarge after
// MaxFileSize bytes.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, errTooLarge
	}
	return data, nil
}

func readFileLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f)
}

// Load reads and validates the configuration at path.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// read reads a configuration or rubric file's bytes; a file too large is
// a problem of that file.
func read(r io.Reader, name string) ([]byte, error) {
	data, err := readLimited(r)
	if errors.Is(err, errTooLarge) {
		return nil, Problems{{Pos{File: name}, "the file is " + errTooLarge.Error() + "; is it the right file?"}}
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return data, nil
}

// Parse reads and validates a configuration; name is used in messages and
// to resolve a separate rubric file (relative to name's directory). At most
// MaxFileSize bytes are read.
func Parse(r io.Reader, name string) (*Config, error) {
	data, err := read(r, name)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: name}
	root := d.document(data)
	if root == nil {
		return nil, d.problems.sorted()
	}
	hash := sha256.New()
	hash.Write(data)

	cfg := &Config{File: name}
	var rubric Rubric
	// A rubric given as a file name is read on its own, so its problems
	// carry its own file name.
	if n := take(root, "rubric"); n != nil {
		cfg.rubricGiven = true
		switch {
		case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
			path := n.Value
			if !filepath.IsAbs(path) {
				path = filepath.Join(filepath.Dir(name), path)
			}
			rdata, err := readFileLimited(path)
			if errors.Is(err, errTooLarge) {
				d.add(n, "rubric file %s is %v", clip(n.Value), err)
				break
			}
			if err != nil {
				if u := errors.Unwrap(err); u != nil {
					err = u
				}
				d.add(n, "reading rubric file %s: %v", clip(n.Value), err)
				break
			}
			hash.Write(rdata)
			rd := &decoder{file: path}
			if rn := rd.document(rdata); rn != nil {
				rd.decode(rn, &rubric)
				rubric.File = path
			}
			d.problems = append(d.problems, rd.problems...)
		default:
			d.decode(n, &rubric)
		}
	}
	d.decode(root, cfg)
	cfg.Rubric = rubric
	cfg.Loc = Loc{file: name, node: root}
	cfg.Hash = hex.EncodeToString(hash.Sum(nil))[:12]
	// Defaults whose zero value is meaningful are set only when the key
	// is absent: delay: 0 and retries: 0 mean what they say.
	if !cfg.Crawl.Has("delay") {
		cfg.Crawl.Delay = Duration(DefaultDelay)
	}
	if !cfg.Crawl.Has("retries") {
		cfg.Crawl.Retries = DefaultRetries
	}
	ps := append(d.problems, cfg.validate().without(d.problems)...)
	if len(ps) > 0 {
		return nil, ps.sorted()
	}
	return cfg, nil
}

// ParseRubric reads and validates a rubric file on its own, checking its
// signal names against the built-in catalog plus extra (custom and manual
// signal types by name).
func ParseRubric(r io.Reader, name string, extra map[string]string) (*Rubric, error) {
	data, err := read(r, name)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: name}
	root := d.document(data)
	if root == nil {
		return nil, d.problems.sorted()
	}
	var rb Rubric
	d.decode(root, &rb)
	rb.File = name
	v := &validator{types: builtinTypes()}
	for n, t := range extra {
		v.types[n] = t
	}
	v.rubric(&rb)
	if ps := append(d.problems, v.problems.without(d.problems)...); len(ps) > 0 {
		return nil, ps.sorted()
	}
	return &rb, nil
}

// decoder turns YAML nodes into config structs strictly, collecting
// problems with positions instead of stopping at the first.
type decoder struct {
	file     string
	problems Problems
}

// prune turns a node that does not fit into null, after its problem was
// reported, so decoding skips it.
func prune(n *yaml.Node) {
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
}

func (d *decoder) add(n *yaml.Node, format string, args ...any) {
	d.problems = append(d.problems, Problem{Pos{d.file, n.Line, n.Column}, fmt.Sprintf(format, args...)})
}

var yamlLine = regexp.MustCompile(`(?s)^yaml: (?:line (\d+): )?(.*)$`)

// maxNodes bounds a document's size with its aliases expanded: a few lines
// of anchors and aliases (&a, *a) can otherwise stand for billions of
// values, which checking would visit one by one.
const maxNodes = 1 << 20

// document parses data into its root node, which must be a mapping. The
// file must hold one YAML document: a second one is an error, not ignored.
func (d *decoder) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		d.yamlError(err)
		return nil
	}
	if len(doc.Content) == 0 {
		d.problems = append(d.problems, Problem{Pos{d.file, 1, 1}, "the file is empty"})
		return nil
	}
	// Empty documents after the first (a stray --- or a comment) are
	// allowed; any document with content is an error, however many empty
	// ones come before it.
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if err == io.EOF {
			break
		}
		if err != nil {
			d.yamlError(err)
			return nil
		}
		if len(next.Content) > 0 && !isEmpty(next.Content[0]) {
			d.problems = append(d.problems, Problem{Pos{d.file, next.Line, next.Column},
				"a second YAML document starts here (after ---); a configuration is one document: remove the --- or move what follows into the first"})
			return nil
		}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.add(root, "expected a mapping of keys at the top level, got %s", describe(root))
		return nil
	}
	if expandedSize(root, map[*yaml.Node]int{}) > maxNodes {
		d.problems = append(d.problems, Problem{Pos{d.file, root.Line, root.Column},
			fmt.Sprintf("the document expands to more than %d values through its aliases (*name); write the repeated parts out", maxNodes)})
		return nil
	}
	return root
}

func (d *decoder) yamlError(err error) {
	pos := Pos{File: d.file, Line: 1, Col: 1}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			pos.Line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	d.problems = append(d.problems, Problem{pos, "invalid YAML: " + clip(msg)})
}

// isEmpty reports a document with nothing in it (a trailing --- or
// comments only).
func isEmpty(n *yaml.Node) bool { return isNull(n) && n.Value == "" }

// expandedSize counts n's nodes with aliases expanded, stopping just above
// maxNodes; memo holds the size of every node already counted.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	for n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return 1
		}
		n = n.Alias
	}
	if s, ok := memo[n]; ok {
		return s
	}
	memo[n] = maxNodes + 1 // a node reached again while being counted
	s := 1
	for _, c := range n.Content {
		if s += expandedSize(c, memo); s > maxNodes {
			s = maxNodes + 1
			break
		}
	}
	memo[n] = s
	return s
}

// take removes key from a mapping node and returns its value.
func take(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			m.Content = append(m.Content[:i:i], m.Content[i+2:]...)
			return v
		}
	}
	return nil
}

// decode checks n against out's type, prunes what does not fit (so the
// rest can still be decoded and validated) and decodes it into out.
func (d *decoder) decode(n *yaml.Node, out any) {
	v := reflect.ValueOf(out).Elem()
	d.check(n, v.Type(), "")
	if err := n.Decode(out); err != nil {
		d.add(n, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
		return
	}
	d.bind(n, v)
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	nodeType        = reflect.TypeFor[yaml.Node]()
	locType         = reflect.TypeFor[Loc]()
)

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return quote(n.Value)
}

// maxEcho is the most of a user's text a message repeats, in runes: a
// mistyped key is shown, a 10 MB one is cut.
const maxEcho = 80

// clip cuts s after maxEcho runes, marking the cut with "…".
func clip(s string) string {
	n := 0
	for i := range s {
		if n == maxEcho {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// quote is user text in a message: clipped and quoted, with control
// characters escaped.
func quote(s string) string { return strconv.Quote(clip(s)) }

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// yamlKeys maps a struct's YAML keys to field indexes.
func yamlKeys(t reflect.Type) (map[string]int, []string) {
	keys := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		keys[tag] = i
		names = append(names, tag)
	}
	return keys, names
}

// check walks n against t, reporting unknown keys and values of the
// wrong kind where they are.
func (d *decoder) check(n *yaml.Node, t reflect.Type, key string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if t.Kind() == reflect.Pointer {
		if isNull(n) {
			return
		}
		t = t.Elem()
	}
	if t == nodeType {
		return
	}
	what := "value"
	if key != "" {
		what = key
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		if err := reflect.New(t).Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
			d.add(n, "%s: %v", what, err)
			prune(n)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.MappingNode {
			d.add(n, "%s must be a mapping of keys, got %s", what, describe(n))
			prune(n)
			return
		}
		keys, names := yamlKeys(t)
		seen := map[string]*yaml.Node{}
		kept := n.Content[:0:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if first, dup := seen[k.Value]; dup {
				d.add(k, "duplicate key %s (first at line %d)", quote(k.Value), first.Line)
				continue
			}
			seen[k.Value] = k
			idx, ok := keys[k.Value]
			if !ok {
				msg := "unknown key " + quote(k.Value)
				if key != "" {
					msg += " in " + key
				}
				if s := Suggest(k.Value, names); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				d.add(k, "%s", msg)
				continue
			}
			d.check(v, t.Field(idx).Type, k.Value)
			kept = append(kept, k, v)
		}
		n.Content = kept
	case reflect.Slice:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.add(n, "%s must be a list, got %s", what, describe(n))
			prune(n)
			return
		}
		for _, e := range n.Content {
			d.check(e, t.Elem(), key)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.add(n, "%s must be text, got %s", what, describe(n))
			prune(n)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.add(n, "%s must be true or false, got %s", what, describe(n))
			prune(n)
		}
	case reflect.Int, reflect.Int64:
		switch {
		case n.Kind != yaml.ScalarNode || n.Tag != "!!int" && !(n.Tag == "!!float" && looksWhole(n.Value)):
			d.add(n, "%s must be a whole number, got %s", what, describe(n))
			prune(n)
		case n.Decode(reflect.New(t).Interface()) != nil:
			d.add(n, "%s is too large, got %s", what, describe(n))
			prune(n)
		}
	case reflect.Float64:
		var f float64
		switch {
		case n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil:
			d.add(n, "%s must be a number, got %s", what, describe(n))
			prune(n)
		case math.IsNaN(f) || math.IsInf(f, 0):
			d.add(n, "%s must be a finite number, got %s", what, describe(n))
			prune(n)
		case math.Abs(f) > MaxNumber:
			d.add(n, "%s must be between -1e15 and 1e15, got %s", what, describe(n))
			prune(n)
		}
	}
}

// MaxNumber bounds every number in a configuration: weights, scale ends,
// thresholds and tolerances beyond ±1e15 mean nothing, and sums and
// products of such numbers stay finite in scoring.
const MaxNumber = 1e15

// looksWhole reports digits only: an integer YAML resolved as a float
// because it is too large for an int64.
func looksWhole(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// bind records each struct's node in its Loc, for positioned validation.
func (d *decoder) bind(n *yaml.Node, v reflect.Value) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			d.bind(n, v.Elem())
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return
		}
		if f := v.FieldByName("Loc"); f.IsValid() && f.Type() == locType {
			f.Set(reflect.ValueOf(Loc{file: d.file, node: n}))
		}
		if v.Type() == nodeType || reflect.PointerTo(v.Type()).Implements(unmarshalerType) {
			return
		}
		keys, _ := yamlKeys(v.Type())
		for i := 0; i+1 < len(n.Content); i += 2 {
			if idx, ok := keys[n.Content[i].Value]; ok {
				d.bind(n.Content[i+1], v.Field(idx))
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i := 0; i < v.Len() && i < len(n.Content); i++ {
			d.bind(n.Content[i], v.Index(i))
		}
	}
}

// maxSuggest is the longest text Suggest looks at, in bytes: no key or
// name is longer, and edit distance costs the product of the lengths.
const maxSuggest = 128

// Suggest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a likely typo.
func Suggest(s string, candidates []string) string {
	if len(s) > maxSuggest {
		return ""
	}
	best, bestDist := "", len(s)/3+2
	for _, c := range candidates {
		if len(c) > maxSuggest || abs(utf8.RuneCountInString(c)-utf8.RuneCountInString(s)) > bestDist {
			continue // the distance is at least the difference in length
		}
		if dist := levenshtein(s, c); dist < bestDist || (dist == bestDist && best != "" && c < best) {
			best, bestDist = c, dist
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Hash returns a short SHA-256 of data, as used for Config.Hash.
func Hash(data ...[]byte) string {
	h := sha256.Sum256(bytes.Join(data, nil))
	return hex.EncodeToString(h[:])[:12]
}
