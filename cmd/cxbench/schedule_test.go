package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-co-op/gocron/v2"
)

// TestScheduleNoOverlap runs a slow job on a much shorter interval: runs
// never overlap, a failed run does not stop the schedule, and cancelling
// the context stops the scheduler after the current run has stopped.
func TestScheduleNoOverlap(t *testing.T) {
	var running, maxRunning, started, cancelled atomic.Int32
	secondStarted := make(chan struct{})
	var once sync.Once
	job := func(ctx context.Context) error {
		n := started.Add(1)
		r := running.Add(1)
		defer running.Add(-1)
		for {
			m := maxRunning.Load()
			if r <= m || maxRunning.CompareAndSwap(m, r) {
				break
			}
		}
		if n == 1 {
			time.Sleep(60 * time.Millisecond)
			return errors.New("first run fails")
		}
		once.Do(func() { close(secondStarted) })
		select {
		case <-ctx.Done():
			cancelled.Add(1)
			return ctx.Err()
		case <-time.After(80 * time.Millisecond):
			return nil
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var logs safeBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	done := make(chan error, 1)
	go func() { done <- schedule(ctx, gocron.DurationJob(10*time.Millisecond), true, job, log) }()
	select {
	case <-secondStarted:
	case <-time.After(5 * time.Second):
		t.Fatal("the schedule did not go on after a failed run")
	}
	time.Sleep(30 * time.Millisecond) // the second run is in progress
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("schedule returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the scheduler did not stop after cancellation")
	}
	if running.Load() != 0 {
		t.Error("schedule returned while a run was still going")
	}
	if m := maxRunning.Load(); m != 1 {
		t.Errorf("%d runs overlapped, want 1 at a time", m)
	}
	if n := started.Load(); n < 2 {
		t.Errorf("%d runs started, want at least 2", n)
	}
	out := logs.String()
	for _, want := range []string{"benchmark run failed; the schedule goes on", "first run fails", "scheduler stopped"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
}

type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestScheduleUsage(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"neither", []string{"schedule"}, "schedule needs --every"},
		{"both", []string{"schedule", "--every", "1h", "--cron", "0 6 * * 1"}, "not both"},
		{"bad gate", []string{"run", "--assert-rank", "overall=1"}, "want CATEGORY<=N"},
		{"regression without history", []string{"score", "--fail-on-regression", "3"}, "needs --history"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := cxbench(t, tt.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestExampleHistoryAlerts keeps examples/history-alerts.yaml valid with
// the template's competitors and rubric.
func TestExampleHistoryAlerts(t *testing.T) {
	tmpl, err := os.ReadFile("../../benchmarks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ex, err := os.ReadFile("../../examples/history-alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "benchmarks.yaml")
	os.WriteFile(path, append(append(tmpl, '\n'), ex...), 0o644)
	if r := cxbench(t, "validate", "-c", path); r.code != 0 {
		t.Errorf("template + examples/history-alerts.yaml: exit %d\n%s", r.code, r.stderr)
	}
}
