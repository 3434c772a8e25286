package signal

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestValueJSON(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		json string
	}{
		{"number", Number(4.6), "4.6"},
		{"whole number", Number(30), "30"},
		{"bool", Bool(false), "false"},
		{"string", String(`a "quoted" </script>`), `"a \"quoted\" \u003c/script\u003e"`},
		{"absent", Value{}, "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != tt.json {
				t.Errorf("marshal = %s, want %s", data, tt.json)
			}
			var back Value
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if !back.Equal(tt.v) {
				t.Errorf("round trip = %#v, want %#v", back, tt.v)
			}
		})
	}
	if _, err := json.Marshal(Number(math.NaN())); err == nil {
		t.Error("NaN marshals; want an error, not invalid JSON")
	}
	var v Value
	if err := json.Unmarshal([]byte(`{"a":1}`), &v); err == nil {
		t.Error("an object unmarshals into a Value; want an error")
	}
}

func TestSnip(t *testing.T) {
	if got := Snip("  Returns\n\t within   30\u00a0days  "); got != "Returns within 30 days" {
		t.Errorf("Snip collapses to %q", got)
	}
	long := Snip(strings.Repeat("é", 500))
	if n := utf8.RuneCountInString(long); n != MaxSnippet || !strings.HasSuffix(long, "…") {
		t.Errorf("long snippet has %d runes, ends %q; want %d ending in …", n, long[len(long)-4:], MaxSnippet)
	}
}

func TestCatalog(t *testing.T) {
	if len(Builtins()) != 23 {
		t.Errorf("%d built-in signals, want the 23 of signals.md", len(Builtins()))
	}
	s, ok := Lookup(PolicyReturnDays)
	if !ok || s.Type != TypeNumber || s.Better != HigherIsBetter {
		t.Errorf("Lookup(%s) = %+v, %v", PolicyReturnDays, s, ok)
	}
	if s, _ := Lookup(ContactChat); s.Falsity != Presence {
		t.Errorf("contact.chat falsity = %v, want Presence", s.Falsity)
	}
	if s, _ := Lookup(PolicyFreeShipping); s.Falsity != Policy {
		t.Errorf("policy.free_shipping falsity = %v, want Policy", s.Falsity)
	}
}

func TestTitles(t *testing.T) {
	seen := map[string]string{}
	for _, s := range Builtins() {
		title := Title(s.Name)
		if title == "" {
			t.Errorf("built-in signal %s has no title", s.Name)
			continue
		}
		if other, dup := seen[title]; dup {
			t.Errorf("signals %s and %s share the title %q", other, s.Name, title)
		}
		seen[title] = s.Name
	}
	if len(titles) != len(Builtins()) {
		t.Errorf("%d titles for %d built-in signals: a title names a signal outside the catalog", len(titles), len(Builtins()))
	}
	if got := Title("custom.slogan"); got != "" {
		t.Errorf("Title(custom.slogan) = %q, want empty", got)
	}
}
