package scoring

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

var update = flag.Bool("update", false, "rewrite the golden scorecards in testdata")

// loadRubric reads a rubric written as YAML straight into config.Rubric.
func loadRubric(t testing.TB, name string) *config.Rubric {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var r config.Rubric
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return &r
}

func loadSignals(t testing.TB, name string) *signal.File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var f signal.File
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return &f
}

func marshal(t testing.TB, sc *Scorecard) []byte {
	t.Helper()
	data, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		t.Fatalf("encoding the scorecard: %v", err)
	}
	return append(data, '\n')
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		rubric func(*config.Rubric)
		file   func(*signal.File)
		opt    Options
	}{
		{
			name: "retail",
			opt:  Options{RubricHash: "9c1e0f3a", ConfigHash: "3f9a2c1d", SignalsHash: "77b2d4e0"},
		},
		{
			// Every criterion without data scores 0 instead of being skipped.
			name:   "retail-missing-zero",
			rubric: func(r *config.Rubric) { r.Missing = config.MissingZero },
			opt:    Options{Seed: 7, Trials: 60},
		},
		{
			// No competitor is marked self: no self analysis.
			name: "retail-no-self",
			file: func(f *signal.File) {
				for i := range f.Competitors {
					f.Competitors[i].Self = false
				}
			},
			opt: Options{Trials: -1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := loadRubric(t, "rubric.yaml")
			f := loadSignals(t, "signals.json")
			if tt.rubric != nil {
				tt.rubric(r)
			}
			if tt.file != nil {
				tt.file(f)
			}
			got := marshal(t, Score(r, f, tt.opt))
			path := filepath.Join("testdata", tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./scoring -run TestGolden -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("scorecard differs from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}
