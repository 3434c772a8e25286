package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

const manualConfig = `crawl: {delay: 0, retries: 0, timeout: 5s, ignore_robots: true, no_sitemaps: true}
manual_max_age: 30d
competitors:
  - id: acme
    name: Acme
    url: "%s/"
    self: true
    manual:
%s
  - id: rival
    name: Rival
    url: "%s/"
    manual:
      - {signal: survey.nps, value: 20, source: "panel", as_of: 2026-11-01}
history: {dir: runs}
rubric:
  categories:
    - id: policies
      weight: 1
      criteria: [{signal: policy.return_days, weight: 1, score: {linear: {worst: 0, best: 90}}}]
    - id: survey
      weight: 1
      criteria: [{signal: survey.nps, weight: 1, score: {linear: {worst: -100, best: 100}}}]
`

// criterion is one competitor's criterion in a scorecard, as a line.
func criterion(t *testing.T, sc *scoring.Scorecard, id, sig string) string {
	t.Helper()
	for _, c := range sc.Competitors {
		for _, cat := range c.Categories {
			for _, cr := range cat.Criteria {
				if c.ID == id && cr.Signal == sig {
					return fmt.Sprintf("%s manual=%v stale=%v", cr.Value, cr.Manual, cr.Stale)
				}
			}
		}
	}
	t.Fatalf("no criterion %s for %s", sig, id)
	return ""
}

// TestManualSignalsRoundTrip edits, then removes, a manual signal that
// replaces a crawled one, and checks that score, run, diff and rescore
// follow the configuration while signals.json keeps the crawled value.
func TestManualSignalsRoundTrip(t *testing.T) {
	for _, k := range []string{"COLLY_USER_AGENT", "COLLY_IGNORE_ROBOTSTXT", "COLLY_MAX_DEPTH", "COLLY_ALLOWED_DOMAINS"} {
		t.Setenv(k, "")
	}
	acme := newShop(t, 30, 4.2, true)
	rival := newShop(t, 20, 4.5, false)
	dir := t.TempDir()
	conf := filepath.Join(dir, "benchmarks.yaml")
	write := func(acmeManual string) {
		t.Helper()
		if err := os.WriteFile(conf, fmt.Appendf(nil, manualConfig, acme.srv.URL, acmeManual, rival.srv.URL), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const (
		stated = `      - {signal: policy.return_days, value: 90, source: "phone call", as_of: 2026-11-01}
      - {signal: survey.nps, value: 41, source: "Q3 survey", as_of: 2026-09-30}`
		edited = `      - {signal: policy.return_days, value: 45, source: "phone call", as_of: 2026-11-15}
      - {signal: survey.nps, value: 50, source: "Q4 survey", as_of: 2026-11-15}`
		removed = `      []`
	)
	day := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	signals := filepath.Join(dir, "signals.json")
	scorecard := filepath.Join(dir, "scorecard.json")

	write(stated)
	if r := cxbenchAt(t, day, "crawl", "-q", "-c", conf, "-o", signals); r.code != 0 {
		t.Fatalf("crawl exited %d: %s", r.code, r.stderr)
	}
	var f signal.File
	readJSONFile(t, signals, &f)
	for _, c := range f.Competitors {
		for name, s := range c.Signals {
			if s.Manual {
				t.Errorf("signals.json holds %s's manual %s", c.ID, name)
			}
		}
		if v := c.Signals[signal.PolicyReturnDays].Value; c.ID == "acme" && !v.Equal(signal.Number(30)) {
			t.Errorf("signals.json: acme policy.return_days = %v, want the crawled 30", v)
		}
	}

	score := func(step string, want map[string]string) {
		t.Helper()
		if r := cxbenchAt(t, day, "score", "-q", "-c", conf, "--signals", signals, "-o", scorecard); r.code != 0 {
			t.Fatalf("%s: score exited %d: %s", step, r.code, r.stderr)
		}
		var sc scoring.Scorecard
		readJSONFile(t, scorecard, &sc)
		got := map[string]string{}
		for k := range want {
			id, sig, _ := strings.Cut(k, " ")
			got[k] = criterion(t, &sc, id, sig)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: scored values (-want +got):\n%s", step, diff)
		}
	}
	score("stated", map[string]string{
		"acme policy.return_days": "90 manual=true stale=false",
		"acme survey.nps":         "41 manual=true stale=true", // 51 days old at the crawl, past manual_max_age 30d
		"rival survey.nps":        "20 manual=true stale=false",
	})
	write(edited)
	score("edited", map[string]string{
		"acme policy.return_days": "45 manual=true stale=false",
		"acme survey.nps":         "50 manual=true stale=false",
	})
	write(removed)
	score("removed", map[string]string{
		"acme policy.return_days": "30 manual=false stale=false",
		"acme survey.nps":         "— manual=false stale=false",
		"rival survey.nps":        "20 manual=true stale=false",
	})

	// A signals.json written by an earlier version, with the manual value
	// stored in place of the crawled one: the configuration decides, so
	// without a manual signal there is no value (the crawled one was lost).
	legacy := f
	legacy.Competitors = append([]signal.Competitor(nil), f.Competitors...)
	legacy.Competitors[0].Signals = map[string]signal.Signal{
		signal.PolicyReturnDays: {Value: signal.Number(99), Manual: true, Source: "old config", AsOf: "2025-01-01",
			Evidence: []signal.Evidence{{Snippet: "old config (as of 2025-01-01)", Method: signal.MethodManual}}},
	}
	data, _ := json.Marshal(legacy)
	os.WriteFile(signals, data, 0o644)
	score("legacy signals.json, manual removed", map[string]string{"acme policy.return_days": "— manual=false stale=false"})
	write(edited)
	score("legacy signals.json, manual edited", map[string]string{"acme policy.return_days": "45 manual=true stale=false"})

	// The archive: two runs, the manual figures edited in between.
	out := filepath.Join(dir, "report")
	write(stated)
	if r := cxbenchAt(t, day, "run", "-q", "-c", conf, "-o", out); r.code != 0 {
		t.Fatalf("run 1 exited %d: %s", r.code, r.stderr)
	}
	write(edited)
	if r := cxbenchAt(t, day.Add(24*time.Hour), "run", "-q", "-c", conf, "-o", out); r.code != 0 {
		t.Fatalf("run 2 exited %d: %s", r.code, r.stderr)
	}
	r := cxbenchAt(t, day, "diff", "-c", conf)
	for _, want := range []string{"policy.return_days 90 → 45 (worse)", "survey.nps 41 → 50"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("diff after a manual edit lacks %q:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	arch, _ := history.Open(filepath.Join(dir, "runs"))
	runs, _, _ := arch.List()
	if len(runs) != 2 {
		t.Fatalf("%d archived runs, want 2", len(runs))
	}
	for _, run := range runs {
		crawled, _ := run.Signals()
		if s := crawled.Competitors[0].Signals[signal.PolicyReturnDays]; s.Manual || !s.Value.Equal(signal.Number(30)) {
			t.Errorf("archived signals.json of %s: policy.return_days %+v, want the crawled 30", run.ID, s)
		}
	}

	// Remove the manual signals and rescore: every archived run follows.
	write(removed)
	if r := cxbenchAt(t, day, "rescore", "-q", "-c", conf); r.code != 0 {
		t.Fatalf("rescore exited %d: %s", r.code, r.stderr)
	}
	for _, run := range runs {
		sc, _ := run.Scorecard()
		if got := criterion(t, sc, "acme", signal.PolicyReturnDays); got != "30 manual=false stale=false" {
			t.Errorf("rescored %s: acme policy.return_days %s, want the crawled 30", run.ID, got)
		}
		if got := criterion(t, sc, "rival", "survey.nps"); got != "20 manual=true stale=false" {
			t.Errorf("rescored %s: rival survey.nps %s", run.ID, got)
		}
	}
	r = cxbenchAt(t, day, "diff", "-c", conf)
	if r.code != 0 || strings.Contains(r.stdout, "policy.return_days") || strings.Contains(r.stdout, "survey.nps") {
		t.Errorf("diff after rescoring without manual signals still shows them:\n%s%s", r.stdout, r.stderr)
	}
}
