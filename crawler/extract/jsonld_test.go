package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseLenientJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []any
	}{
		{"plain object", `{"a": 1, "b": "x"}`, []any{map[string]any{"a": 1.0, "b": "x"}}},
		{"array", `[1, "two", true, null]`, []any{[]any{1.0, "two", true}}},
		{"trailing commas", `{"a": [1, 2,], "b": 3,}`, []any{map[string]any{"a": []any{1.0, 2.0}, "b": 3.0}}},
		{"missing comma between members", `{"a": 1 "b": 2}`, []any{map[string]any{"a": 1.0, "b": 2.0}}},
		{"line and block comments", "// head\n{/* c */\"a\": 1 // tail\n}", []any{map[string]any{"a": 1.0}}},
		{"CDATA wrapper", "/*<![CDATA[*/{\"a\":1}/*]]>*/", []any{map[string]any{"a": 1.0}}},
		{"bare CDATA and HTML comment", "<!--<![CDATA[{\"a\":1}]]>-->", []any{map[string]any{"a": 1.0}}},
		{"raw newline in string", "{\"a\": \"one\ntwo\"}", []any{map[string]any{"a": "one\ntwo"}}},
		{"escapes and surrogate pair", `{"a": "caf\u00e9 \ud83d\ude00 \q \/"}`, []any{map[string]any{"a": "café 😀 q /"}}},
		{"entities in strings", `{"a": "Ben &amp; Jerry&#39;s"}`, []any{map[string]any{"a": "Ben & Jerry's"}}},
		{"whole block escaped", `{&quot;a&quot;: &quot;b&quot;}`, []any{map[string]any{"a": "b"}}},
		{"single quotes and unquoted keys", `{a: 'x', "b": 'it\'s'}`, []any{map[string]any{"a": "x", "b": "it's"}}},
		{"several values", `{"a":1}{"b":2},[3]`, []any{map[string]any{"a": 1.0}, map[string]any{"b": 2.0}, []any{3.0}}},
		{"truncated keeps complete members", `{"a": 1, "b": {"c": 2`, []any{map[string]any{"a": 1.0, "b": map[string]any{"c": 2.0}}}},
		{"stray text before the value", `var data = {"a": 1};`, []any{map[string]any{"a": 1.0}}},
		{"literals", `{"t": true, "f": false, "n": null, "u": undefined}`, []any{map[string]any{"t": true, "f": false, "n": nil, "u": nil}}},
		{"number forms", `[-1.5e2, +3, .5]`, []any{[]any{-150.0, 3.0, 0.5}}},
		{"bad number kept as text", `[1.2.3]`, []any{[]any{"1.2.3"}}},
		{"empty", ``, nil},
		{"garbage", `<<<>>>`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, parseLenientJSON(tc.in)); diff != "" {
				t.Errorf("parseLenientJSON(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestParseLenientJSONBounds(t *testing.T) {
	deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	got := parseLenientJSON(deep)
	// Nesting beyond maxJSONDepth is cut off: the result is at most
	// maxJSONDepth arrays deep.
	depth := 0
	for v := any(nil); len(got) > 0; {
		if v == nil {
			v = got[0]
		}
		a, ok := v.([]any)
		if !ok || len(a) == 0 {
			break
		}
		depth++
		v = a[0]
	}
	if depth > maxJSONDepth {
		t.Errorf("nesting depth %d exceeds the cap %d", depth, maxJSONDepth)
	}
	huge := `{"a": "` + strings.Repeat("x", 2*maxJSONBlock) + `"}`
	if got := parseLenientJSON(huge); len(got) != 1 || len(got[0].(map[string]any)) != 0 {
		t.Errorf("a block over the size cap should be truncated to an empty object, got %d values", len(got))
	}
}

func FuzzJSONLD(f *testing.F) {
	for _, s := range []string{
		`{"@context":"https://schema.org","@type":"Organization","aggregateRating":{"ratingValue":"4.6","reviewCount":"1,234"}}`,
		`{"@graph":[{"@type":"Product","@id":"#p","aggregateRating":{"@id":"#r"}},{"@id":"#r","ratingValue":4}]}`,
		`[{"@type":"Product"},]`,
		"//<![CDATA[\n{\"a\":1,}\n//]]>",
		`{&quot;a&quot;:1}`,
		`{"a":"\ud83d`,
		`{'a':[[[[{"b":}]]]]`,
		`{"aggregateRating":{"ratingValue":"NaN","bestRating":0}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		vals := parseLenientJSON(src)
		set := &itemSet{}
		set.addJSONLD(vals)
		for _, r := range structuredRatings(set, "https://x.test/", false, false) {
			if r.value < 0 || r.value > 5 || r.count < 0 {
				t.Fatalf("rating out of range: %+v", r)
			}
		}
		offerPrice(set)
	})
}
