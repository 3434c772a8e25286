package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cxbench/cxbench/alerts"
	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// shop is a loopback site whose content the test changes between runs.
// It answers conditional requests: a matching If-None-Match gets a 304.
type shop struct {
	mu         sync.Mutex
	returnDays int
	rating     float64
	chat       bool
	status     map[int]int // responses by status
	srv        *httptest.Server
}

func newShop(t *testing.T, days int, rating float64, chat bool) *shop {
	s := &shop{returnDays: days, rating: rating, chat: chat, status: map[int]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *shop) set(days int, rating float64, chat bool) {
	s.mu.Lock()
	s.returnDays, s.rating, s.chat = days, rating, chat
	s.mu.Unlock()
}

func (s *shop) counts() map[int]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int]int{}
	for k, v := range s.status {
		out[k] = v
	}
	return out
}

func (s *shop) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	days, rating, chat := s.returnDays, s.rating, s.chat
	s.mu.Unlock()
	var body string
	switch r.URL.Path {
	case "/":
		widget := ""
		if chat {
			widget = `<script src="https://widget.intercom.io/widget/abc123"></script>`
		}
		body = fmt.Sprintf(`<!DOCTYPE html><html><head><title>Shop</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Shop",
"aggregateRating":{"@type":"AggregateRating","ratingValue":%.1f,"bestRating":5,"reviewCount":1200}}</script>%s</head>
<body><h1>Welcome</h1><a href="/returns">Returns</a> <a href="/contact">Contact us</a></body></html>`, rating, widget)
	case "/returns":
		body = fmt.Sprintf(`<!DOCTYPE html><html><head><title>Returns policy</title></head><body><h1>Returns policy</h1>
<p>You can return any unused item within %d days of delivery for a full refund.</p><a href="/">Home</a></body></html>`, days)
	case "/contact":
		body = `<!DOCTYPE html><html><head><title>Contact us</title></head><body><h1>Contact us</h1>
<p>Write to support@shop.example and we reply within 24 hours.</p><a href="/">Home</a></body></html>`
	default:
		s.count(http.StatusNotFound)
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		s.count(http.StatusNotModified)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.count(http.StatusOK)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, body)
}

func (s *shop) count(code int) {
	s.mu.Lock()
	s.status[code]++
	s.mu.Unlock()
}

// webhook records the alert payloads it receives.
type webhook struct {
	mu       sync.Mutex
	payloads []alerts.Payload
	srv      *httptest.Server
}

func newWebhook(t *testing.T) *webhook {
	h := &webhook{}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p alerts.Payload
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.mu.Lock()
		h.payloads = append(h.payloads, p)
		h.mu.Unlock()
		io.WriteString(w, "ok")
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *webhook) received() []alerts.Payload {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]alerts.Payload(nil), h.payloads...)
}

// cxbenchAt runs the CLI with a fixed clock.
func cxbenchAt(t *testing.T, now time.Time, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{stdout: &stdout, stderr: &stderr, now: func() time.Time { return now }}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	err := root.ExecuteContext(context.Background())
	code := exitCode(err, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

const historyConfig = `crawl: {delay: 0, retries: 0, timeout: 5s, ignore_robots: true, no_sitemaps: true}
competitors:
  - {id: acme, name: Acme, url: "%s/", self: true}
  - {id: rival, name: Rival, url: "%s/"}
history: {dir: runs, keep: 10}
alerts:
  webhooks: ["%s/hook"]
  retries: 0
  timeout: 5s
  conditions:
    - rank_drop: {category: overall}
    - score_move: {category: policies, by: 10, competitor: self}
    - signal: {name: policy.return_days, when: any_competitor_exceeds_self}
    - signal: {name: rating.value, above: 4.5}
rubric:
  name: Test rubric
  categories:
    - id: policies
      weight: 1
      criteria: [{signal: policy.return_days, weight: 1, score: {linear: {worst: 0, best: 60}}}]
    - id: reputation
      weight: 1
      criteria: [{signal: rating.value, weight: 1, score: {linear: {worst: 3, best: 5}}}]
    - id: reach
      weight: 1
      criteria: [{signal: contact.chat, weight: 1, score: {bool: {}}}]
`

// TestScheduledHistory runs the benchmark three times against loopback
// sites that change between the first two runs, and checks the archive,
// the typed diff, the alerts, conditional re-crawl and the gates.
func TestScheduledHistory(t *testing.T) {
	for _, k := range []string{"COLLY_USER_AGENT", "COLLY_IGNORE_ROBOTSTXT", "COLLY_MAX_DEPTH", "COLLY_ALLOWED_DOMAINS"} {
		t.Setenv(k, "")
	}
	acme := newShop(t, 30, 4.2, true)
	rival := newShop(t, 20, 4.5, false)
	hook := newWebhook(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "benchmarks.yaml")
	if err := os.WriteFile(conf, fmt.Appendf(nil, historyConfig, acme.srv.URL, rival.srv.URL, hook.srv.URL), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report")
	runs := filepath.Join(dir, "runs")
	day := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)

	// Run 1: the baseline. No previous run, so no diff and no alert.
	r := cxbenchAt(t, day, "run", "-c", conf, "-o", out, "-q")
	if r.code != 0 {
		t.Fatalf("run 1 exited %d: %s", r.code, r.stderr)
	}
	if got := hook.received(); len(got) != 0 {
		t.Errorf("run 1 sent %d alerts, want none (no previous run)", len(got))
	}

	// Run 2: Acme shortens its return window, its rating goes up and its
	// chat widget goes. The gate on rank fails (exit 3) after the outputs
	// and the archive are written.
	acme.set(14, 4.6, false)
	r = cxbenchAt(t, day.Add(24*time.Hour), "run", "-c", conf, "-o", out, "-q", "--assert-rank", "overall<=1")
	if r.code != exitGate || !strings.Contains(r.stderr, "Acme ranks 2 in overall, worse than --assert-rank overall<=1") {
		t.Fatalf("run 2: exit %d, stderr:\n%s\nwant exit 3 with the rank gate's message", r.code, r.stderr)
	}
	arch, err := history.Open(runs)
	if err != nil {
		t.Fatal(err)
	}
	list, skipped, err := arch.List()
	if err != nil || len(skipped) > 0 || len(list) != 2 {
		t.Fatalf("archive after run 2: %d runs, skipped %v, err %v", len(list), skipped, err)
	}
	// Each archived run keeps its pages, which extract reads offline.
	for _, run := range list {
		store, err := run.Pages()
		if err != nil || len(store.Index.Pages["acme"]) != 3 {
			t.Fatalf("archived run %s: page store %v, error %v; want acme's 3 pages", run.ID, store, err)
		}
	}
	if r := cxbenchAt(t, day, "extract", "-c", conf, "--pages", list[0].Dir, "-o", "-", "--compare", filepath.Join(list[0].Dir, "signals.json")); r.code != 0 ||
		!strings.Contains(r.stderr, "0 signals of 0 competitors changed") {
		t.Errorf("extract from archived run 1: exit %d, stderr %s", r.code, r.stderr)
	}
	var sc scoring.Scorecard
	readJSONFile(t, filepath.Join(out, "scorecard.json"), &sc)
	if sc.Run.StartedAt != day.Add(24*time.Hour) {
		t.Errorf("report/scorecard.json is from %v, want run 2's (outputs are written before gates)", sc.Run.StartedAt)
	}

	// The typed diff, by meaning.
	old, _ := list[0].Load()
	cur, _ := list[1].Load()
	d := history.Compare(old, cur, history.Tolerances{})
	var acmeChanges, rivalChanges []string
	for _, c := range d.Competitors {
		for _, s := range c.Signals {
			if c.ID == "acme" {
				acmeChanges = append(acmeChanges, s.String())
			} else {
				rivalChanges = append(rivalChanges, s.String())
			}
		}
	}
	wantAcme := []string{
		"contact.chat true → false (worse)",
		"policy.return_days 30 → 14 (worse)",
		"rating.value 4.2 → 4.6 (better)",
	}
	if diff := cmp.Diff(wantAcme, acmeChanges); diff != "" {
		t.Errorf("acme's signal changes (-want +got):\n%s", diff)
	}
	if len(rivalChanges) != 0 {
		t.Errorf("rival did not change, but the diff says %q", rivalChanges)
	}
	ad := d.Competitor("acme")
	if ad.Overall.OldRank != 1 || ad.Overall.NewRank != 2 {
		t.Errorf("acme rank %d → %d, want 1 → 2", ad.Overall.OldRank, ad.Overall.NewRank)
	}
	sum := 0.0
	for _, c := range ad.Contributions {
		sum += c.Points
	}
	if delta := ad.Overall.Delta(); delta > -10 || sum < delta-0.05 || sum > delta+0.05 {
		t.Errorf("acme overall moved %.2f; contributions add up to %.2f: %+v", delta, sum, ad.Contributions)
	}

	// The alerts of run 2, as the webhook received them.
	got := hook.received()
	if len(got) != 1 {
		t.Fatalf("webhook received %d payloads after run 2, want 1", len(got))
	}
	var msgs []string
	for _, a := range got[0].CXBench.Alerts {
		msgs = append(msgs, a.Message)
	}
	sort.Strings(msgs)
	wantMsgs := []string{
		"Acme's overall rank dropped from 1 to 2",
		"Acme's policies score moved 50.0 → 23.3 (-26.7 points)",
		"Acme's rating.value rose above 4.5: 4.2 → 4.6",
		"Rival's policy.return_days (20) now exceeds Acme's (14)",
	}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(got[0].Text, "cxbench: 4 alerts after run ") || !strings.Contains(got[0].Text, "• Acme's overall rank dropped from 1 to 2") {
		t.Errorf("payload text:\n%s", got[0].Text)
	}
	report, _ := os.ReadFile(filepath.Join(out, "index.html"))
	// The report names signals for people (the catalog's title), with units.
	for _, want := range []string{"What changed since the last run", "Return window: 30 days → 14 days (worse)", `class="spark"`, "chart-trend-overall"} {
		if !bytes.Contains(report, []byte(want)) {
			t.Errorf("report lacks %q", want)
		}
	}

	// Run 3: nothing changed. Pages are revalidated with 304s, the
	// extraction reuses the stored bodies, and no alert is sent.
	before := acme.counts()
	r = cxbenchAt(t, day.Add(48*time.Hour), "run", "-c", conf, "-o", out, "-q", "--fail-on-regression", "5")
	if r.code != 0 {
		t.Fatalf("run 3 exited %d: %s", r.code, r.stderr)
	}
	after := acme.counts()
	if n := after[http.StatusNotModified] - before[http.StatusNotModified]; n != 3 {
		t.Errorf("run 3: %d pages answered 304, want 3 (every page revalidated)", n)
	}
	if n := after[http.StatusOK] - before[http.StatusOK]; n != 0 {
		t.Errorf("run 3: %d full downloads, want 0", n)
	}
	if got := hook.received(); len(got) != 1 {
		t.Errorf("run 3 (unchanged) sent an alert: %d payloads in all", len(got))
	}
	var f3 signal.File
	readJSONFile(t, filepath.Join(out, "signals.json"), &f3)
	for _, c := range f3.Competitors {
		for _, p := range c.Pages {
			if !p.NotModified || p.Status != http.StatusOK {
				t.Errorf("run 3 %s %s: status %d, not_modified %v; want 200 and true", c.ID, p.URL, p.Status, p.NotModified)
			}
		}
		if v, _ := c.Signals[signal.PolicyReturnDays].Value.Float(); c.ID == "acme" && v != 14 {
			t.Errorf("run 3 (from stored pages): acme policy.return_days = %v, want 14", v)
		}
	}

	// cxbench diff (the last two runs), history and gates on score.
	r = cxbenchAt(t, day, "diff", "--history", runs)
	if r.code != 0 || !strings.Contains(r.stdout, "no meaningful change") {
		t.Errorf("diff of the last two runs: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = cxbenchAt(t, day, "diff", list[0].ID, list[1].ID[:16], "--history", runs, "--format", "md")
	if r.code != 0 || !strings.Contains(r.stdout, "policy.return\\_days 30 → 14 (worse)") || !strings.Contains(r.stdout, "### Acme (you)") {
		t.Errorf("diff --format md: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = cxbenchAt(t, day, "history", "-c", conf)
	if r.code != 0 || strings.Count(r.stdout, "\n") != 4 || !strings.Contains(r.stdout, list[0].ID) || !strings.Contains(r.stdout, "Acme  70.0     1/2") {
		t.Errorf("history: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = cxbenchAt(t, day, "score", "-q", "-c", conf, "--signals", filepath.Join(out, "signals.json"), "-o", filepath.Join(dir, "sc.json"), "--fail-under", "60")
	if r.code != exitGate || !strings.Contains(r.stderr, "gate failed: Acme's overall score 34.4 is below --fail-under 60") {
		t.Errorf("score --fail-under: exit %d, stderr %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "sc.json")); err != nil {
		t.Errorf("score with a failed gate did not write its output: %v", err)
	}

	// Lock contention: a clear message, exit 1.
	unlock, err := arch.Lock(day)
	if err != nil {
		t.Fatal(err)
	}
	r = cxbenchAt(t, day, "run", "-c", conf, "-o", out, "-q")
	unlock()
	wantLock := fmt.Sprintf("archive %s is locked by pid %d since 2026-11-20T06:00:00Z; is another cxbench running?", runs, os.Getpid())
	if r.code != 1 || !strings.Contains(r.stderr, wantLock) {
		t.Errorf("locked archive: exit %d, stderr %q, want %q", r.code, r.stderr, wantLock)
	}

	// Rescore after a rubric edit: policies weigh 3 now.
	edited, _ := os.ReadFile(conf)
	edited = bytes.Replace(edited, []byte("- id: policies\n      weight: 1"), []byte("- id: policies\n      weight: 3"), 1)
	os.WriteFile(conf, edited, 0o644)
	r = cxbenchAt(t, day, "rescore", "-c", conf)
	if r.code != 0 || !strings.Contains(r.stdout, "3 runs rescored") {
		t.Fatalf("rescore: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	list, _, _ = arch.List()
	first, _ := list[0].Scorecard()
	if o := first.Competitors[0].Overall; first.Competitors[0].ID != "acme" || fmt.Sprintf("%.1f", o) != "62.0" {
		t.Errorf("rescored run 1: %s %.1f, want acme 62.0 ((3×50+60+100)/5)", first.Competitors[0].ID, o)
	}
	var orig scoring.Scorecard
	readJSONFile(t, filepath.Join(list[0].Dir, history.OrigScorecardFile), &orig)
	if fmt.Sprintf("%.1f", orig.Competitors[0].Overall) != "70.0" {
		t.Errorf("scorecard.orig.json holds %.1f, want the original 70.0", orig.Competitors[0].Overall)
	}
}
