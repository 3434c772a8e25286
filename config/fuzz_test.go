package config_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// Seeds of the fuzz targets: the values a careless or hostile user tried
// (issue 13), plus every configuration in testdata. In CI they run as
// ordinary tests; go test -fuzz FuzzParse ./config explores further.
var (
	durationSeeds = []string{"1s", "250ms", "12h", "30d", "2w", "1.5d", ".5d", "0", "106751d", "106752d", "1e300d",
		"NaNd", "Infd", "-Infd", "+1d", "-1d", "-1s", "3000000h", "2562047h47m16.854775807s", "0x10d", "1_000d", "d", " 7d "}
	sizeSeeds = []string{"0", "1048576", "5MiB", "512KB", "1.5GiB", "1GB", "9223372036854775807", "9000000000GiB",
		"1e30", "NaN", "InfMB", "-5MiB", "5 MiB", "B"}
	numberSeeds = []string{".nan", ".NaN", ".inf", "-.Inf", "+.inf", "1e300", "-1e300", "99999999999999999999", "0x7fffffffffffffff", "1e15", "5e-324"}
)

const fuzzBase = `crawl: {delay: %D, timeout: %D, max_body: %S}
manual_max_age: %D
competitors:
  - id: acme
    url: "https://acme.example/"
    self: true
    manual: [{signal: survey.nps, value: %N, source: panel, as_of: 2026-01-01}]
  - {id: rival, url: "https://rival.example/"}
rubric:
  min_coverage: %N
  categories:
    - id: c
      weight: %N
      criteria:
        - {signal: rating.value, weight: %N, score: {linear: {worst: %N, best: 5}}}
        - {signal: rating.count, weight: 1, score: {log: {worst: 1, best: %N}}}
        - {signal: support.response_hours, weight: 1, score: {target: {goal: %N, worst: 72}}}
        - {signal: policy.return_days, weight: 1, score: {bands: {bands: [{min: %N, score: %N}, {min: 60, score: 100}]}}}
        - {signal: survey.nps, weight: 1, score: {relative: {}}}
        - id: shrunk
          signal: rating.value
          weight: 1
          score: {bayesian: {prior_mean: 4, prior_count: %N, worst: 3, best: 5}}
`

func fill(durations, sizes, numbers string) string {
	return strings.NewReplacer("%D", durations, "%S", sizes, "%N", numbers).Replace(fuzzBase)
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, "../benchmarks.yaml", "../examples/history-alerts.yaml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for i := range max(len(durationSeeds), len(sizeSeeds), len(numberSeeds)) {
		f.Add([]byte(fill(durationSeeds[i%len(durationSeeds)], sizeSeeds[i%len(sizeSeeds)], numberSeeds[i%len(numberSeeds)])))
	}
	f.Add([]byte(fill("1s", "5MiB", "1") + "---\ncrawl: {delay: 0}\n"))
	f.Add([]byte(fill("1s", "5MiB", "1") + "\nextra: &a [*a]\n"))
	f.Add([]byte("rubric: /dev/zero\ncompetitors: [{id: a, url: \"https://a.example/\"}]\n"))
	f.Add([]byte("crawl: {\"\x1b]0;title\x07\": 1}\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.Parse(bytes.NewReader(data), "fuzz.yaml")
		if err != nil {
			var ps config.Problems
			if errors.As(err, &ps) {
				for _, p := range ps {
					if s := p.String(); strings.ContainsAny(s, "\x1b\x07\r\n") {
						t.Fatalf("problem carries control characters: %q", s)
					}
				}
			}
			return
		}
		checkValid(t, cfg)
	})
}

// checkValid asserts what a validated configuration promises: no negative
// or overflowing duration or size, only finite numbers, and scores that
// are finite whatever the signals.
func checkValid(t *testing.T, cfg *config.Config) {
	t.Helper()
	for _, d := range []config.Duration{cfg.Crawl.Delay, cfg.Crawl.Timeout, cfg.ManualMaxAge} {
		if d < 0 {
			t.Fatalf("negative duration %v validates", d.D())
		}
	}
	if cfg.Crawl.MaxBody < 0 || cfg.Crawl.MaxBody > config.MaxMaxBody {
		t.Fatalf("max_body %d validates", cfg.Crawl.MaxBody)
	}
	if w := cfg.Crawl.WithDefaults(); w.Delay < 0 || w.Timeout <= 0 || w.MaxBody <= 0 || w.Concurrency <= 0 {
		t.Fatalf("settings after defaults: %+v", w)
	}
	rb := cfg.Rubric
	if math.IsNaN(rb.MinCoverage) || rb.MinCoverage < 0 || rb.MinCoverage > 1 {
		t.Fatalf("min_coverage %v validates", rb.MinCoverage)
	}
	f := &signal.File{}
	for i, c := range cfg.Competitors {
		sigs := map[string]signal.Signal{
			signal.RatingValue:          {Value: signal.Number(float64(i) * 2.5)},
			signal.RatingCount:          {Value: signal.Number(math.Pow(10, float64(i*7)))},
			signal.SupportResponseHours: {Value: signal.Number(float64(i) * 48)},
			signal.PolicyReturnDays:     {Value: signal.Number(float64(i) * 90)},
			signal.ContactChat:          {Value: signal.Bool(i%2 == 0)},
		}
		f.Competitors = append(f.Competitors, signal.Competitor{ID: c.ID, Signals: sigs})
	}
	sc := scoring.Score(&rb, cfg.WithManual(f, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)), scoring.Options{Trials: -1})
	for _, c := range sc.Competitors {
		if math.IsNaN(c.Overall) || math.IsInf(c.Overall, 0) || c.Overall < 0 || c.Overall > 100 {
			t.Fatalf("%s scores %v", c.ID, c.Overall)
		}
	}
	if _, err := json.Marshal(sc); err != nil {
		t.Fatalf("the scorecard of a valid configuration cannot be written: %v", err)
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range durationSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := config.ParseDuration(s)
		if err != nil {
			if len(err.Error()) > 1000 { // 80 runes, each escaped to at most 10 bytes
				t.Fatalf("a %d-byte message", len(err.Error()))
			}
			return
		}
		if d < 0 {
			t.Fatalf("ParseDuration(%q) = %v, negative", s, d)
		}
		back, err := config.ParseDuration(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDuration(%q) = %v, whose String %q parses as %v, %v", s, d, d.String(), back, err)
		}
	})
}

func FuzzParseByteSize(f *testing.F) {
	for _, s := range sizeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := config.ParseByteSize(s)
		if err != nil {
			if len(err.Error()) > 1000 { // 80 runes, each escaped to at most 10 bytes
				t.Fatalf("a %d-byte message", len(err.Error()))
			}
			return
		}
		if n < 0 {
			t.Fatalf("ParseByteSize(%q) = %d, negative", s, n)
		}
		back, err := config.ParseByteSize(strconv.FormatInt(n, 10))
		if err != nil || back != n {
			t.Fatalf("ParseByteSize(%q) = %d, which parses back as %d, %v", s, n, back, err)
		}
	})
}
