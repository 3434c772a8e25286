package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
	"golang.org/x/term"
)

// crawlJob says what a crawl keeps and reuses besides signals.
type crawlJob struct {
	// pages is the page store directory the crawl writes ("": none).
	pages string
	// previous is the last run's page store: its pages are revalidated
	// with conditional requests (nil: none).
	previous *pagestore.Store
	// shard is recorded in the file (crawl --shard).
	shard *signal.Shard
}

// crawled is a crawl's outcome.
type crawled struct {
	// file is the crawl; nil when the crawl was interrupted or the page
	// store could not be created.
	file *signal.File
	// err: interrupted, the page store could not be created, or nothing
	// at all could be crawled (file records why).
	err error
	// pages is the committed page store (nil: none kept).
	pages *pagestore.Store
	// pagesErr: the page store could not be written; the signals are
	// not affected.
	pagesErr error
}

// crawl crawls every competitor of cfg and commits the page store. On
// cancellation (Ctrl-C) there is no file and no page store, so nothing
// partial is written.
func (a *app) crawl(ctx context.Context, cfg *config.Config, job crawlJob) crawled {
	c := &crawler.Crawler{
		Settings:  cfg.Crawl,
		Extractor: extract.New(cfg.Signals),
		Transport: a.transport,
		Logger:    a.logger(),
		Now:       a.now,
		Previous:  job.previous,
	}
	var out crawled
	if job.pages != "" {
		w, err := pagestore.Create(job.pages)
		if err != nil {
			out.err = err // before any request: nothing crawled, nothing written
			return out
		}
		c.Pages = w
		defer w.Abort() // a no-op once committed
	}
	var progress *crawler.Progress
	if !a.quiet {
		progress = crawler.NewProgress(a.stderr, isTerminal(a.stderr))
		c.Observer = progress
	}
	f, err := c.Run(ctx, cfg.Competitors)
	if progress != nil {
		progress.Close()
	}
	if ctx.Err() != nil {
		out.err = fmt.Errorf("interrupted: the crawl was stopped, nothing was written: %w", ctx.Err())
		return out
	}
	out.file, out.err = f, err
	if f == nil {
		return out
	}
	f.ConfigHash = cfg.Hash
	f.Shard = job.shard
	if c.Pages != nil {
		out.pages, out.pagesErr = c.Pages.Commit(f)
	}
	if out.pagesErr != nil {
		a.logger().Error("page store not written; the signals are", "dir", job.pages, "error", out.pagesErr)
		out.pagesErr = fmt.Errorf("page store %s not written: %w", job.pages, out.pagesErr)
	}
	return out
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// score applies cfg's rubric to the crawled signals f. The configuration
// is the truth for names, self and manual signals, so an edited config
// re-scores correctly. Manual signals are applied to a copy (returned: the
// signals as scored, for comparisons and alerts); f keeps the crawled facts
// and is what signals.json holds.
func (a *app) score(cfg *config.Config, f *signal.File) (*scoring.Scorecard, *signal.File) {
	for i := range f.Competitors {
		fc := &f.Competitors[i]
		for _, c := range cfg.Competitors {
			if c.ID == fc.ID {
				fc.Name, fc.Self = c.Name, c.Self
			}
		}
	}
	scored := cfg.WithManual(f, a.manualClock(f))
	return scoring.Score(&cfg.Rubric, scored, scoring.Options{RubricHash: cfg.Rubric.Hash(), ConfigHash: cfg.Hash}), scored
}

// manualClock is when manual signals are judged stale for the crawl f: at
// its start, so that score, run and rescore agree on the same signals
// whenever they are run; the clock when f has no start.
func (a *app) manualClock(f *signal.File) time.Time {
	if !f.StartedAt.IsZero() {
		return f.StartedAt
	}
	return a.clock()
}

// writeOutput writes to path atomically (a temporary file renamed into
// place, so readers never see half a file), or to stdout for "-".
func (a *app) writeOutput(path string, write func(io.Writer) error) error {
	if path == "-" {
		return write(a.stdout)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func writeJSON(v any) func(io.Writer) error {
	return func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}

// readSignals reads a signals.json file and checks its schema.
func readSignals(path string) (*signal.File, error) {
	var f signal.File
	if err := readJSON(path, &f); err != nil {
		return nil, err
	}
	if f.Schema != signal.Schema {
		return nil, fmt.Errorf("%s: schema is %q, want %q (is this a signals.json written by cxbench crawl?)", path, f.Schema, signal.Schema)
	}
	return &f, nil
}

// summary prints the leaderboard in a few lines.
func (a *app) summary(sc *scoring.Scorecard) {
	if a.quiet {
		return
	}
	for _, c := range sc.Competitors {
		mark := " "
		if c.Self {
			mark = "*"
		}
		flag := ""
		if c.LowCoverage {
			flag = "  (low coverage)"
		}
		fmt.Fprintf(a.stdout, "%s %2d. %-28s %5.1f  coverage %3.0f%%%s\n", mark, c.Rank, signal.Printable(c.Name), c.Overall, c.Coverage*100, flag)
	}
}
