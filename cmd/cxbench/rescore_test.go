package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

const rescoreConfig = `competitors:
  - {id: acme, name: Acme, url: "https://acme.example/", self: true}
  - {id: rival, name: Rival, url: "https://rival.example/"}
history: {dir: runs}
rubric:
  categories:
    - id: policies
      weight: 1
      criteria: [{signal: policy.return_days, weight: 1, score: {linear: {worst: 0, best: 60}}}]
`

// archiveRuns archives one run per return window of acme, a day apart.
func archiveRuns(t *testing.T, dir string, days ...float64) []history.Run {
	t.Helper()
	arch, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)
	var runs []history.Run
	for i, d := range days {
		at := start.Add(time.Duration(i) * 24 * time.Hour)
		f := &signal.File{Schema: signal.Schema, StartedAt: at, FinishedAt: at.Add(time.Minute), Competitors: []signal.Competitor{
			{ID: "acme", Name: "Acme", Self: true, Signals: map[string]signal.Signal{signal.PolicyReturnDays: {Value: signal.Number(d)}}},
			{ID: "rival", Name: "Rival", Signals: map[string]signal.Signal{signal.PolicyReturnDays: {Value: signal.Number(30)}}},
		}}
		sc := &scoring.Scorecard{Schema: scoring.Schema, Competitors: []scoring.Competitor{{ID: "acme", Name: "Acme", Self: true, Overall: 1, Rank: 1}}}
		r, err := arch.Save(history.Input{Signals: f, Scorecard: sc})
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, r)
	}
	return runs
}

// TestRescoreSkipsUnreadableRuns: one run with a corrupt signals.json and
// one with an unreadable manifest are skipped with their errors; the
// others are rescored; the exit status is 1, after a summary.
func TestRescoreSkipsUnreadableRuns(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "benchmarks.yaml")
	if err := os.WriteFile(conf, []byte(rescoreConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	runs := archiveRuns(t, filepath.Join(dir, "runs"), 60, 45, 30, 15)
	if err := os.WriteFile(filepath.Join(runs[1].Dir, history.SignalsFile), []byte(`{"schema": "cxbench.signals/v1", "competitors": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(runs[2].Dir, history.ManifestFile), []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}

	r := cxbenchAt(t, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), "rescore", "-c", conf)
	if r.code != exitFailed {
		t.Errorf("rescore exited %d, want 1", r.code)
	}
	for _, want := range []string{"rescored " + runs[0].ID + ": Acme 100.0 (rank 1)", "rescored " + runs[3].ID + ": Acme 25.0 (rank 2)", "2 runs rescored with rubric"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, want := range []string{
		"cxbench: 2 of 4 archived runs could not be rescored (the others were):",
		"  reading " + filepath.Join(runs[2].Dir, history.ManifestFile) + ": invalid character",
		"  " + runs[1].ID + ": reading " + filepath.Join(runs[1].Dir, history.SignalsFile) + ": unexpected end of JSON input",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	for _, i := range []int{0, 3} {
		run, err := history.ReadRun(runs[i].Dir)
		if err != nil || run.Manifest.Rescored == nil {
			t.Errorf("run %s was not rescored: %v", runs[i].ID, err)
		}
	}
	if run, _ := history.ReadRun(runs[1].Dir); run.Manifest.Rescored != nil {
		t.Errorf("run %s, whose signals are unreadable, is marked rescored", runs[1].ID)
	}
	if _, err := os.Stat(filepath.Join(runs[1].Dir, history.OrigScorecardFile)); err == nil {
		t.Errorf("run %s, whose signals are unreadable, was touched", runs[1].ID)
	}
}
