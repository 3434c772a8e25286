package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cxbench/cxbench/demo"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

type result struct {
	code           int
	stdout, stderr string
}

func cxbench(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, &stdout, &stderr)
	code := exitCode(err, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// TestDemoEndToEnd runs the demo in-process: bundled sites on loopback,
// the real crawler, the default rubric, the report files.
func TestDemoEndToEnd(t *testing.T) {
	for _, k := range []string{"COLLY_USER_AGENT", "COLLY_IGNORE_ROBOTSTXT", "COLLY_MAX_DEPTH", "COLLY_ALLOWED_DOMAINS"} {
		t.Setenv(k, "")
	}
	dir := t.TempDir()
	r := cxbench(t, "demo", "-o", dir)
	if r.code != 0 {
		t.Fatalf("demo exited %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, filepath.Join(dir, "index.html")) {
		t.Errorf("demo does not print the report's path:\n%s", r.stdout)
	}
	var sc scoring.Scorecard
	readJSONFile(t, filepath.Join(dir, "scorecard.json"), &sc)
	ids, err := demo.IDs()
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 5 {
		t.Fatalf("only %d demo sites", len(ids))
	}
	if len(sc.Competitors) != len(ids) {
		t.Fatalf("scorecard has %d competitors, want %d", len(sc.Competitors), len(ids))
	}
	report, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	selfSeen := false
	for _, c := range sc.Competitors {
		if c.Rank < 1 || c.Rank > len(ids) {
			t.Errorf("%s has rank %d", c.ID, c.Rank)
		}
		if c.Pages < 4 {
			t.Errorf("%s: only %d pages crawled", c.ID, c.Pages)
		}
		if len(c.Errors) > 0 {
			t.Errorf("%s: crawl errors %+v", c.ID, c.Errors)
		}
		if !bytes.Contains(report, []byte(html.EscapeString(c.Name))) {
			t.Errorf("report does not name %q", c.Name)
		}
		selfSeen = selfSeen || c.Self
	}
	if !selfSeen {
		t.Error("no self competitor in the demo scorecard")
	}
	checkDemoTruth(t, filepath.Join(dir, "signals.json"))

	// The profiles differ: the demo must separate the field.
	first, last := sc.Competitors[0], sc.Competitors[len(sc.Competitors)-1]
	if first.Overall-last.Overall < 15 {
		t.Errorf("demo spread %0.1f..%0.1f is too narrow to show anything", last.Overall, first.Overall)
	}

	// score reproduces scorecard.json from signals.json, without network
	// (the demo's sites are gone by now).
	confPath := filepath.Join(dir, "demo.yaml")
	rescored := filepath.Join(dir, "rescored.json")
	r = cxbench(t, "score", "-q", "-c", confPath, "--signals", filepath.Join(dir, "signals.json"), "-o", rescored)
	if r.code != 0 {
		t.Fatalf("score exited %d: %s", r.code, r.stderr)
	}
	want, _ := os.ReadFile(filepath.Join(dir, "scorecard.json"))
	got, _ := os.ReadFile(rescored)
	if !bytes.Equal(want, got) {
		t.Error("cxbench score does not reproduce scorecard.json from signals.json")
	}

	// Every report format renders from the stored scorecard.
	for _, name := range []string{"r.html", "r.md", "r.csv", "r.json"} {
		out := filepath.Join(dir, name)
		r := cxbench(t, "report", "-q", "--scorecard", filepath.Join(dir, "scorecard.json"), "-o", out)
		if r.code != 0 {
			t.Errorf("report -o %s exited %d: %s", name, r.code, r.stderr)
			continue
		}
		data, _ := os.ReadFile(out)
		if !bytes.Contains(data, []byte("Summit")) {
			t.Errorf("%s does not mention the leader", name)
		}
	}
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestValidate(t *testing.T) {
	r := cxbench(t, "validate", "-c", "../../benchmarks.yaml")
	if r.code != 0 || !strings.Contains(r.stdout, "ok (3 competitors, 6 categories") {
		t.Errorf("validate template: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	bad := filepath.Join(t.TempDir(), "benchmarks.yaml")
	os.WriteFile(bad, []byte("crawl:\n  max_pagez: 3\ncompetitors: [{id: a, url: 'https://a.example/'}]\n"+
		"rubric: {categories: [{id: c, weight: 1, criteria: [{signal: rating.valu, weight: 1, score: {linear: {worst: 3, best: 5}}}]}]}\n"), 0o644)
	r = cxbench(t, "validate", "-c", bad)
	wantLines := []string{
		bad + `:2:3: unknown key "max_pagez" in crawl (did you mean "max_pages"?)`,
		bad + `:4:62: unknown signal "rating.valu" (did you mean rating.value?)`,
		bad + ": 2 problems",
	}
	if r.code != 1 || r.stderr != strings.Join(wantLines, "\n")+"\n" {
		t.Errorf("validate bad config: exit %d, stderr:\n%s\nwant exit 1, stderr:\n%s", r.code, r.stderr, strings.Join(wantLines, "\n"))
	}
	r = cxbench(t, "validate", "-c", filepath.Join(t.TempDir(), "missing.yaml"))
	if r.code != 1 || !strings.Contains(r.stderr, "no such file") {
		t.Errorf("missing config: exit %d, %s", r.code, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown command", []string{"frobnicate"}},
		{"unknown flag", []string{"validate", "--frobnicate"}},
		{"stray argument", []string{"validate", "extra"}},
		{"bad format", []string{"report", "--format", "pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := cxbench(t, tt.args...); r.code != exitUsage {
				t.Errorf("exit %d, want %d (stderr %s)", r.code, exitUsage, r.stderr)
			}
		})
	}
	for _, cmd := range []string{"run", "crawl", "score", "report", "validate", "demo"} {
		if r := cxbench(t, cmd, "--help"); r.code != 0 || !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("%s --help: exit %d", cmd, r.code)
		}
	}
}

// checkDemoTruth compares the crawled signals with the demo sites' truth
// files: the crawler and the extractors together must get them right.
func checkDemoTruth(t *testing.T, path string) {
	t.Helper()
	var f signal.File
	readJSONFile(t, path, &f)
	right, total := 0, 0
	for _, c := range f.Competitors {
		truth, err := demo.Truth(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range truth {
			total++
			got, ok := c.Signals[name]
			switch {
			case want == nil && !ok:
				right++
			case want == nil:
				t.Logf("%s %s: want absent, got %v (%v)", c.ID, name, got.Value, got.Evidence)
			case !ok:
				t.Logf("%s %s: want %v, got absent", c.ID, name, want)
			case fmt.Sprint(got.Value.Interface()) == fmt.Sprint(want):
				right++
			default:
				t.Logf("%s %s: want %v, got %v (%v)", c.ID, name, want, got.Value, got.Evidence)
			}
		}
	}
	acc := float64(right) / float64(total)
	t.Logf("demo extraction accuracy: %d/%d = %.1f%%", right, total, acc*100)
	if acc < 0.95 {
		t.Errorf("demo extraction accuracy %.1f%% is below 95%%", acc*100)
	}
}

// TestInterruptWritesNothing: Ctrl-C during a crawl leaves no output.
func TestInterruptWritesNothing(t *testing.T) {
	farm, err := demo.Serve()
	if err != nil {
		t.Fatal(err)
	}
	defer farm.Close()
	conf, err := farm.Config()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// A long delay: the crawl is certainly still running when cancelled.
	conf = bytes.Replace(conf, []byte("delay: 40ms"), []byte("delay: 10s"), 1)
	path := filepath.Join(dir, "b.yaml")
	if err := os.WriteFile(path, conf, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"run", "-q", "-c", path, "-o", filepath.Join(dir, "out")}, &stdout, &stderr)
	}()
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if code := exitCode(err, &stderr); code != exitFailed || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("exit %d, stderr %q; want 1 and an interrupted message", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not stop within 5s of cancellation")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "out")); len(entries) > 0 {
		t.Errorf("interrupted run left %d files in its output directory", len(entries))
	}
}

// TestDemoGates: the gates apply to demo like to run: outputs first, then
// exit status 3 when a gate fails.
func TestDemoGates(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"passing rank", []string{"--assert-rank", "overall<=6"}, exitOK},
		{"failing score", []string{"--fail-under", "99"}, exitGate},
		{"failing category rank", []string{"--assert-rank", "reputation<=1"}, exitGate},
		{"bad gate is usage", []string{"--assert-rank", "overall=1"}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			r := cxbench(t, append([]string{"demo", "-q", "-o", dir}, tt.args...)...)
			if r.code != tt.want {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tt.want, r.stderr)
			}
			if tt.want == exitGate && !strings.Contains(r.stderr, "gate failed") {
				t.Errorf("stderr %q does not say which gate failed", r.stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "index.html")); (err == nil) != (tt.want != exitUsage) {
				t.Errorf("report written = %v, want %v", err == nil, tt.want != exitUsage)
			}
		})
	}
}
