package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSchemaUpToDate keeps the committed schema in step with the Go types.
func TestSchemaUpToDate(t *testing.T) {
	got, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	const path = "../schema/benchmarks.schema.json"
	if *update {
		if err := os.MkdirAll("../schema", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./config -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./config -update", path)
	}
	var s map[string]any
	if err := json.Unmarshal(got, &s); err != nil {
		t.Fatal(err)
	}
	if s["$schema"] != "http://json-schema.org/draft-07/schema#" {
		t.Errorf("$schema = %v, want draft-07", s["$schema"])
	}
	if strings.Contains(string(got), "$defs") || strings.Contains(string(got), `"Loc"`) {
		t.Error("schema must be self-contained (no $defs) and must not expose internal fields")
	}
	props := s["properties"].(map[string]any)
	for _, k := range []string{"crawl", "competitors", "signals", "rubric", "manual_max_age"} {
		if _, ok := props[k]; !ok {
			t.Errorf("schema has no property %q", k)
		}
	}
	if s["additionalProperties"] != false {
		t.Error("unknown keys must be flagged by editors (additionalProperties: false)")
	}
}

func TestTemplatePointsAtSchema(t *testing.T) {
	data, err := os.ReadFile("../benchmarks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	if first != "# yaml-language-server: $schema=./schema/benchmarks.schema.json" {
		t.Errorf("first line of benchmarks.yaml = %q", first)
	}
}
