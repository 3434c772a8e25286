package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// TestExtractReproducesRun: run keeps its pages in DIR/pages; extract
// reads them back offline into the same signals.json, and --compare lists
// what differs from another file.
func TestExtractReproducesRun(t *testing.T) {
	farm, cfg := farmConfig(t, 3, 6)
	out := filepath.Join(t.TempDir(), "report")
	r := cxbench(t, "run", "-c", cfg, "-o", out)
	if r.code != 0 {
		t.Fatalf("run exited %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "pages: "+filepath.Join(out, "pages")+" (18 pages kept, ") {
		t.Errorf("run does not report its page store:\n%s", r.stdout)
	}
	farm.Close() // offline from here on

	again := filepath.Join(t.TempDir(), "again.json")
	r = cxbench(t, "extract", "-c", cfg, "--pages", out, "-o", again, "--compare", filepath.Join(out, "signals.json"))
	if r.code != 0 {
		t.Fatalf("extract exited %d: %s", r.code, r.stderr)
	}
	if want := "0 signals of 0 competitors changed ("; !strings.Contains(r.stdout, want) {
		t.Errorf("extract --compare printed %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "extracted 3 competitors from 18 stored pages") {
		t.Errorf("extract's summary: %q", r.stderr)
	}
	want, err := os.ReadFile(filepath.Join(out, "signals.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("extract from the page store differs from the run's signals.json (-run +extract):\n%s", diff)
	}

	// --compare names each signal that differs.
	var edited signal.File
	if err := json.Unmarshal(want, &edited); err != nil {
		t.Fatal(err)
	}
	c := &edited.Competitors[1]
	c.Signals[signal.SiteHTTPS] = signal.Signal{Value: signal.Bool(true)}
	delete(c.Signals, signal.SitePages)
	editedPath := filepath.Join(t.TempDir(), "edited.json")
	if err := writeJSON(&edited)(mustCreate(t, editedPath)); err != nil {
		t.Fatal(err)
	}
	r = cxbench(t, "extract", "-q", "-c", cfg, "--pages", filepath.Join(out, "pages"), "-o", "-", "--compare", editedPath)
	for _, line := range []string{
		c.ID + "  site.https: true → false",
		c.ID + "  site.pages: (absent) → 6",
		"2 signals of 1 competitors changed",
	} {
		if !strings.Contains(r.stderr, line) {
			t.Errorf("extract --compare lacks %q:\n%s", line, r.stderr)
		}
	}
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("extract -o - exited %d and wrote %.40q to stdout, want the signals", r.code, r.stdout)
	}

	// A damaged body costs that page, recorded as an error; the rest is
	// extracted.
	store, err := pagestore.Open(filepath.Join(out, "pages"))
	if err != nil {
		t.Fatal(err)
	}
	id := store.Index.Crawl.Competitors[0].ID
	p := store.Index.Pages[id][0]
	if err := os.WriteFile(filepath.Join(store.Dir, "bodies", p.Body[:2], p.Body+".gz"), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = cxbench(t, "extract", "-q", "-c", cfg, "--pages", out, "-o", again)
	if r.code != 0 {
		t.Fatalf("extract with a damaged body exited %d: %s", r.code, r.stderr)
	}
	f, err := readSignals(again)
	if err != nil {
		t.Fatal(err)
	}
	errs := f.Competitors[0].Errors
	if len(errs) != 1 || errs[0].URL != p.URL || !strings.HasPrefix(errs[0].Message, "re-extracting: stored page") {
		t.Errorf("errors after a damaged body = %+v, want one re-extracting error for %s", errs, p.URL)
	}
	if len(f.Competitors[1].Errors) != 0 || len(f.Competitors[1].Signals) == 0 {
		t.Errorf("another competitor lost its signals or gained errors: %+v", f.Competitors[1].Errors)
	}
}

func TestExtractErrors(t *testing.T) {
	_, cfg := farmConfig(t, 1, 1)
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --pages", []string{"extract", "-c", cfg}, exitUsage, "--pages DIR is required"},
		{"no store", []string{"extract", "-c", cfg, "--pages", empty, "-o", "-"}, exitFailed, "no page store (no index.json)"},
		{"missing directory", []string{"extract", "-c", cfg, "--pages", filepath.Join(empty, "gone"), "-o", "-"}, exitFailed, "no page store"},
		{"bad compare file", []string{"extract", "-c", cfg, "--pages", empty, "--compare", cfg}, exitFailed, "reading " + cfg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cxbench(t, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
}

// TestCrawlPageStoreLocation: crawl keeps its pages beside its output
// unless told otherwise.
func TestCrawlPageStoreLocation(t *testing.T) {
	_, cfg := farmConfig(t, 1, 2)
	dir := t.TempDir()
	exists := func(path string) bool {
		_, err := os.Stat(filepath.Join(path, pagestore.IndexFile))
		return err == nil
	}
	if r := cxbench(t, "crawl", "-q", "-c", cfg, "-o", filepath.Join(dir, "signals.json")); r.code != 0 || !exists(filepath.Join(dir, "pages")) {
		t.Errorf("crawl -o DIR/signals.json: exit %d, %s; want the store in DIR/pages", r.code, r.stderr)
	}
	if r := cxbench(t, "crawl", "-q", "-c", cfg, "-o", filepath.Join(dir, "monday.json")); r.code != 0 || !exists(filepath.Join(dir, "monday.pages")) {
		t.Errorf("crawl -o DIR/monday.json: exit %d, %s; want the store in DIR/monday.pages", r.code, r.stderr)
	}
	if r := cxbench(t, "crawl", "-q", "-c", cfg, "-o", filepath.Join(dir, "x.json"), "--pages", filepath.Join(dir, "kept")); r.code != 0 || !exists(filepath.Join(dir, "kept")) {
		t.Errorf("crawl --pages DIR/kept: exit %d, %s; want the store there", r.code, r.stderr)
	}
	if r := cxbench(t, "crawl", "-q", "-c", cfg, "-o", filepath.Join(dir, "none.json"), "--no-pages"); r.code != 0 || exists(filepath.Join(dir, "none.pages")) {
		t.Errorf("crawl --no-pages: exit %d, %s; want no store", r.code, r.stderr)
	}
	if r := cxbench(t, "crawl", "-q", "-c", cfg, "--pages", dir, "--no-pages"); r.code != exitUsage || !strings.Contains(r.stderr, "contradict") {
		t.Errorf("--pages with --no-pages: exit %d, %q", r.code, r.stderr)
	}
	// A project's own pages/ directory is never replaced: an error before
	// any request, the directory untouched.
	web := filepath.Join(dir, "site")
	if err := os.MkdirAll(filepath.Join(web, "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(web, "pages", "index.tsx"), []byte("export default 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := cxbench(t, "crawl", "-q", "-c", cfg, "-o", filepath.Join(web, "signals.json")); r.code != exitFailed || !strings.Contains(r.stderr, "is not a page store") {
		t.Errorf("crawl beside a foreign pages/: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(web, "pages", "index.tsx")); err != nil {
		t.Errorf("the project's file is gone: %v", err)
	}
	if _, err := os.Stat(filepath.Join(web, "signals.json")); err == nil {
		t.Error("signals.json written although the crawl did not start")
	}
	out := filepath.Join(dir, "report")
	if r := cxbench(t, "run", "-q", "-c", cfg, "-o", out, "--no-pages"); r.code != 0 || exists(filepath.Join(out, "pages")) {
		t.Errorf("run --no-pages: exit %d, %s; want no store", r.code, r.stderr)
	}
	for out, want := range map[string]string{
		"-":                     "",
		"signals.json":          "pages",
		"out/signals.json":      filepath.Join("out", "pages"),
		"out/shard-0.json":      filepath.Join("out", "shard-0.pages"),
		"/data/today.signals":   "/data/today.pages",
		"runs/2026-12-04/crawl": filepath.Join("runs", "2026-12-04", "crawl.pages"),
	} {
		if got := pagesBeside(out); got != want {
			t.Errorf("pagesBeside(%q) = %q, want %q", out, got, want)
		}
	}
}

func mustCreate(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
