package history

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC)

// input is a small run started at t with self scoring overall.
func input(t time.Time, overall float64) Input {
	f := &signal.File{Schema: signal.Schema, StartedAt: t, FinishedAt: t.Add(time.Minute), Competitors: []signal.Competitor{
		{ID: "acme", Name: "Acme", Self: true, Signals: map[string]signal.Signal{signal.PolicyReturnDays: {Value: signal.Number(30)}}},
	}}
	sc := &scoring.Scorecard{Schema: scoring.Schema, Competitors: []scoring.Competitor{{ID: "acme", Name: "Acme", Self: true, Overall: overall, Rank: 1}}}
	return Input{Signals: f, Scorecard: sc, Report: []byte("<html></html>"), Config: []byte("competitors: []\n")}
}

func ids(runs []Run) []string {
	var out []string
	for _, r := range runs {
		out = append(out, r.ID)
	}
	return out
}

func TestSaveListGet(t *testing.T) {
	a, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r1, err := a.Save(input(t0, 60))
	if err != nil {
		t.Fatal(err)
	}
	r2, err := a.Save(input(t0.Add(24*time.Hour), 65))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r1.ID, "20261122T060000Z-") || len(r1.ID) != len("20261122T060000Z-")+8 {
		t.Errorf("run id %q, want 20261122T060000Z-<8 hex>", r1.ID)
	}
	// The same content at the same second gets a distinct id.
	r3, err := a.Save(input(t0, 60))
	if err != nil || r3.ID != r1.ID+"-2" {
		t.Errorf("duplicate run id %q (%v), want %s-2", r3.ID, err, r1.ID)
	}
	runs, skipped, err := a.List()
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	if diff := cmp.Diff([]string{r1.ID, r3.ID, r2.ID}, ids(runs)); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	for _, name := range []string{SignalsFile, ScorecardFile, ReportFile, ConfigFile, ManifestFile} {
		if _, err := os.Stat(filepath.Join(r1.Dir, name)); err != nil {
			t.Errorf("archived run lacks %s: %v", name, err)
		}
	}
	if got, err := a.Get(r2.ID[:12]); err != nil || got.ID != r2.ID {
		t.Errorf("Get(prefix) = %v, %v", got.ID, err)
	}
	if _, err := a.Get("20261122"); err == nil || !strings.Contains(err.Error(), "matches 2 runs") {
		t.Errorf("Get(ambiguous) error = %v", err)
	}
	if got, err := a.Get(r2.Dir); err != nil || got.ID != r2.ID {
		t.Errorf("Get(dir) = %v, %v", got.ID, err)
	}
	if h := runs[2].Manifest.Headline; h.Self != "acme" || *h.SelfOverall != 65 || h.SelfRank != 1 || h.Leader != "acme" {
		t.Errorf("headline %+v", h)
	}
}

func TestPrune(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name    string
		keep    Retention
		removed []int // indexes of the five runs (oldest first) removed
	}{
		{"no limits", Retention{}, nil},
		{"keep 2", Retention{Keep: 2}, []int{0, 1, 2}},
		{"keep 10", Retention{Keep: 10}, nil},
		{"max age 2.5 days", Retention{MaxAge: 60 * time.Hour}, []int{0, 1}},
		{"both", Retention{Keep: 4, MaxAge: 60 * time.Hour}, []int{0, 1}},
		{"newest always kept", Retention{MaxAge: time.Hour}, []int{0, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := Open(t.TempDir())
			var all []string
			for i := range 5 {
				r, err := a.Save(input(t0.Add(time.Duration(i)*day), float64(50+i)))
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, r.ID)
			}
			removed, err := a.Prune(tt.keep, t0.Add(4*day+time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			var want, wantLeft []string
			gone := map[int]bool{}
			for _, i := range tt.removed {
				want = append(want, all[i])
				gone[i] = true
			}
			for i, id := range all {
				if !gone[i] {
					wantLeft = append(wantLeft, id)
				}
			}
			if diff := cmp.Diff(want, removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
			runs, _, _ := a.List()
			if diff := cmp.Diff(wantLeft, ids(runs)); diff != "" {
				t.Errorf("left (-want +got):\n%s", diff)
			}
			entries, _ := os.ReadDir(a.Dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tmpPrefix) {
					t.Errorf("prune left %s behind", e.Name())
				}
			}
		})
	}
}

func TestLock(t *testing.T) {
	a, _ := Open(t.TempDir())
	unlock, err := a.Lock(t0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.Lock(t0.Add(time.Minute))
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("second Lock = %v, want *LockedError", err)
	}
	want := fmt.Sprintf("archive %s is locked by pid %d since 2026-11-22T06:00:00Z; is another cxbench running?", a.Dir, os.Getpid())
	if err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	unlock, err = a.Lock(t0)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	unlock()
}

// crashEnv makes the test binary a child that starts archiving a run and
// blocks half-way, to be killed with SIGKILL.
const crashEnv = "CXBENCH_HISTORY_CRASH_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashEnv); dir != "" {
		crashChild(dir)
		return
	}
	os.Exit(m.Run())
}

func crashChild(dir string) {
	a, err := Open(dir)
	if err != nil {
		os.Exit(2)
	}
	if _, err := a.Lock(t0); err != nil {
		os.Exit(3)
	}
	a.beforeRename = func(tmp string) {
		os.WriteFile(filepath.Join(dir, "ready"), []byte(tmp), 0o644)
		time.Sleep(time.Minute) // killed here
	}
	a.Save(input(t0.Add(time.Hour), 99))
	os.Exit(4)
}

// TestKillMidWrite kills a process (SIGKILL) while it holds the lock with
// a run half-archived: the archive stays readable, the half-written run is
// invisible, the lock is free and the next writer cleans up.
func TestKillMidWrite(t *testing.T) {
	a, _ := Open(t.TempDir())
	done, err := a.Save(input(t0, 60))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+a.Dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(a.Dir, "ready")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never reached the middle of Save")
		}
		time.Sleep(5 * time.Millisecond)
	}
	// While the child lives, the lock is held.
	if _, err := a.Lock(t0); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", cmd.Process.Pid)) {
		t.Errorf("Lock while the child holds it = %v", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	runs, skipped, err := a.List()
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	if diff := cmp.Diff([]string{done.ID}, ids(runs)); diff != "" {
		t.Errorf("runs after the crash (-want +got):\n%s", diff)
	}
	tmp, _ := os.ReadFile(filepath.Join(a.Dir, "ready"))
	if _, err := os.Stat(string(tmp)); err != nil {
		t.Fatalf("the half-written run should still be on disk until cleaned: %v", err)
	}
	unlock, err := a.Lock(t0)
	if err != nil {
		t.Fatalf("lock after the crash: %v (a killed process's lock must not be stale)", err)
	}
	defer unlock()
	if _, err := os.Stat(string(tmp)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the next lock holder did not remove %s: %v", tmp, err)
	}
}

func TestReplaceScorecard(t *testing.T) {
	a, _ := Open(t.TempDir())
	r, _ := a.Save(input(t0, 60))
	for _, overall := range []float64{70, 80} {
		sc := &scoring.Scorecard{Schema: scoring.Schema, Rubric: scoring.RubricInfo{Hash: "new"},
			Competitors: []scoring.Competitor{{ID: "acme", Name: "Acme", Self: true, Overall: overall, Rank: 1}}}
		var err error
		if r, err = a.ReplaceScorecard(r, sc, nil, []byte("new report"), t0); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := r.Scorecard()
	var orig scoring.Scorecard
	readJSON(filepath.Join(r.Dir, OrigScorecardFile), &orig)
	if got.Competitors[0].Overall != 80 || orig.Competitors[0].Overall != 60 {
		t.Errorf("scorecard %v, original %v; want 80 and 60 (the original kept once)", got.Competitors[0].Overall, orig.Competitors[0].Overall)
	}
	again, _ := ReadRun(r.Dir)
	if again.Manifest.Rescored == nil || *again.Manifest.Headline.SelfOverall != 80 || again.Manifest.RubricHash != "new" {
		t.Errorf("manifest not updated: %+v", again.Manifest)
	}
}

func TestPagesArchived(t *testing.T) {
	a, _ := Open(t.TempDir())
	w, err := pagestore.Create(filepath.Join(t.TempDir(), "pages"))
	if err != nil {
		t.Fatal(err)
	}
	body := []byte("<p>Returns within 30 days.</p>")
	w.Keep("acme", pagestore.Page{URL: "http://a/returns", Status: 200, Header: map[string]string{"ETag": `"x"`}}, body)
	in := input(t0, 60)
	out, err := w.Commit(in.Signals)
	if err != nil {
		t.Fatal(err)
	}
	in.Pages = out
	r, err := a.Save(in)
	if err != nil {
		t.Fatal(err)
	}
	// The output directory's store may be replaced by the next run; the
	// archived copy stays whole.
	if err := os.RemoveAll(out.Dir); err != nil {
		t.Fatal(err)
	}
	s, err := r.Pages()
	if err != nil {
		t.Fatalf("Pages: %v", err)
	}
	p, ok := s.Lookup("acme", "http://a/returns")
	if !ok || p.Header["ETag"] != `"x"` {
		t.Fatalf("archived page = %+v, %v", p, ok)
	}
	if got, err := s.Body(p); err != nil || string(got) != string(body) {
		t.Errorf("archived body = %q, %v", got, err)
	}

	// A run saved without pages has none.
	bare, err := a.Save(input(t0.Add(time.Hour), 61))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bare.Pages(); !errors.Is(err, pagestore.ErrNoStore) {
		t.Errorf("Pages of a run without pages: %v, want ErrNoStore", err)
	}
}

// TestManualKeptApart: signals.json holds the crawl, manual.json the
// manual signals the run was scored with; Load puts them together. Runs
// archived before manual.json existed are read as they were written.
func TestManualKeptApart(t *testing.T) {
	a, _ := Open(t.TempDir())
	nps := signal.Signal{Value: signal.Number(41), Manual: true, Source: "Q3 survey", AsOf: "2026-09-30",
		Evidence: []signal.Evidence{{Snippet: "Q3 survey (as of 2026-09-30)", Method: signal.MethodManual}}}
	days := signal.Signal{Value: signal.Number(60), Manual: true, Source: "phone call", AsOf: "2026-10-01"}
	in := input(t0, 60)
	in.Manual = map[string]map[string]signal.Signal{"acme": {"survey.nps": nps, signal.PolicyReturnDays: days}}
	r, err := a.Save(in)
	if err != nil {
		t.Fatal(err)
	}
	crawled, _ := r.Signals()
	if got := crawled.Competitors[0].Signals; len(got) != 1 || !got[signal.PolicyReturnDays].Value.Equal(signal.Number(30)) {
		t.Errorf("signals.json holds %+v, want only the crawled policy.return_days 30", got)
	}
	snap, err := r.Load()
	if err != nil {
		t.Fatal(err)
	}
	got := snap.Signals.Competitors[0].Signals
	if !got[signal.PolicyReturnDays].Value.Equal(signal.Number(60)) || !got["survey.nps"].Manual {
		t.Errorf("Load: %+v, want the manual values on top", got)
	}

	// Rescoring records the manual signals used: here, none any more.
	if r, err = a.ReplaceScorecard(r, in.Scorecard, nil, nil, t0); err != nil {
		t.Fatal(err)
	}
	snap, _ = r.Load()
	if got := snap.Signals.Competitors[0].Signals; len(got) != 1 || !got[signal.PolicyReturnDays].Value.Equal(signal.Number(30)) {
		t.Errorf("after rescoring without manual signals: %+v, want the crawled value back", got)
	}

	// A run archived by an earlier version: manual entries in signals.json,
	// no manual.json. It reads as it was scored.
	legacy := input(t0.Add(time.Hour), 60)
	legacy.Signals.Competitors[0].Signals[signal.PolicyReturnDays] = days
	lr, _ := a.Save(legacy)
	if err := os.Remove(filepath.Join(lr.Dir, ManualFile)); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := lr.Manual(); ok || err != nil {
		t.Errorf("Manual of a legacy run = %v, %v", ok, err)
	}
	snap, _ = lr.Load()
	if got := snap.Signals.Competitors[0].Signals[signal.PolicyReturnDays]; !got.Manual || !got.Value.Equal(signal.Number(60)) {
		t.Errorf("legacy run: %+v, want its stored manual value", got)
	}
}

// TestHeadlineLeader: the leader is the best-ranked competitor with enough
// coverage, as the report names it; nobody when no one has.
func TestHeadlineLeader(t *testing.T) {
	sc := &scoring.Scorecard{Competitors: []scoring.Competitor{
		{ID: "thin", Name: "Thin", Overall: 95, Rank: 1, LowCoverage: true},
		{ID: "acme", Name: "Acme", Overall: 80, Rank: 2, Self: true},
	}}
	if h := HeadlineOf(sc); h.Leader != "acme" || h.LeaderScore != 80 || h.SelfRank != 2 {
		t.Errorf("headline %+v, want acme leading with 80", h)
	}
	sc.Competitors[1].LowCoverage = true
	if h := HeadlineOf(sc); h.Leader != "" || h.LeaderName != "" {
		t.Errorf("headline %+v, want no leader", h)
	}
}
