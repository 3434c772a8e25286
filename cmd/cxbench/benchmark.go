package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/cxbench/cxbench/alerts"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/reports"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// benchmarkOptions are one run's settings (run and schedule).
type benchmarkOptions struct {
	out      string
	history  string // archive directory; "" = cfg.HistoryDir()
	noPages  bool   // keep no page store in out/pages
	noAlerts bool
	gates    gateOptions
}

// benchmark crawls, scores and reports once; with a history archive it
// also revalidates pages conditionally, compares with the previous run,
// archives the run, applies retention and sends alerts. Outputs are
// written before the gates are checked.
func (a *app) benchmark(ctx context.Context, cfg *config.Config, o benchmarkOptions) error {
	log := a.logger()
	dir := o.history
	if dir == "" {
		dir = cfg.HistoryDir()
	}
	if o.gates.hasRegression && dir == "" {
		return errors.New("--fail-on-regression needs --history DIR (or history: in the configuration)")
	}
	var (
		arch    *history.Archive
		prevRun *history.Run
		job     crawlJob
	)
	if !o.noPages {
		job.pages = filepath.Join(o.out, pagesDir)
	}
	if dir != "" {
		var err error
		if arch, err = history.Open(dir); err != nil {
			return failed(err)
		}
		unlock, err := arch.Lock(a.clock())
		if err != nil {
			return failed(err)
		}
		defer unlock()
		r, ok, err := arch.Latest()
		if err != nil {
			return failed(err)
		}
		if ok {
			prevRun = &r
			if job.previous, err = r.Pages(); err != nil {
				log.Info("no pages of the previous run to revalidate; fetching every page whole", "run", r.ID, "reason", err)
			}
		}
	}

	res := a.crawl(ctx, cfg, job)
	f, crawlErr := res.file, res.err
	if f == nil {
		return failed(crawlErr)
	}
	// f is the crawl (signals.json); scored is f with the configuration's
	// manual signals, what the scorecard, the diff and alerts see.
	sc, scored := a.score(cfg, f)

	var (
		prev  *history.Snapshot
		diff  *history.Diff
		trend *history.Trend
		id    string
	)
	if arch != nil {
		var err error
		if id, err = history.IDFor(f, sc); err != nil {
			return failed(err)
		}
		if prevRun != nil {
			p, err := prevRun.Load()
			if err != nil {
				log.Warn("previous run unreadable; not comparing", "run", prevRun.ID, "error", err)
			} else {
				prev = &p
				carryTimings(p, f)
				sc, scored = a.score(cfg, f)
				diff = history.Compare(p, history.Snapshot{ID: id, At: f.StartedAt, Signals: scored, Scorecard: sc}, tolerances(cfg))
			}
		}
		runs, _, err := arch.List()
		if err != nil {
			return failed(err)
		}
		trend = history.TrendOf(runs)
		trend.Runs = append(trend.Runs, history.TrendRunOf(id, f.StartedAt, sc))
	}

	var report bytes.Buffer
	if err := reports.HTMLWithHistory(&report, sc, &reports.History{Trend: trend, Diff: diff}); err != nil {
		return failed(err)
	}
	if err := a.writeOutput(filepath.Join(o.out, "signals.json"), writeJSON(f)); err != nil {
		return failed(err)
	}
	if err := a.writeOutput(filepath.Join(o.out, "scorecard.json"), writeJSON(sc)); err != nil {
		return failed(err)
	}
	reportPath := filepath.Join(o.out, "index.html")
	if err := a.writeOutput(reportPath, func(w io.Writer) error { _, err := w.Write(report.Bytes()); return err }); err != nil {
		return failed(err)
	}
	a.summary(sc)
	if crawlErr != nil {
		// Cancelled, or nothing could be crawled: nothing to archive.
		return failed(crawlErr)
	}

	if arch != nil {
		in := history.Input{Signals: f, Manual: cfg.ManualByCompetitor(a.manualClock(f)), Scorecard: sc, Report: report.Bytes(), Pages: res.pages}
		if data, err := os.ReadFile(cfg.File); err == nil {
			in.Config = data
		}
		if cfg.Rubric.File != "" {
			if data, err := os.ReadFile(cfg.Rubric.File); err == nil {
				in.Rubric = data
			}
		}
		run, err := arch.Save(in)
		if err != nil {
			return failed(err)
		}
		if !a.quiet {
			fmt.Fprintf(a.stdout, "archived: %s%s\n", run.ID, storeSummary(res.pages))
		}
		if cfg.History != nil {
			removed, err := arch.Prune(history.Retention{Keep: cfg.History.Keep, MaxAge: cfg.History.MaxAge.D()}, a.clock())
			if err != nil {
				log.Warn("retention", "error", err)
			}
			for _, r := range removed {
				log.Info("removed by retention", "run", r)
			}
		}
		if diff != nil && !a.quiet {
			lines := diff.Lines()
			fmt.Fprintf(a.stdout, "since %s: ", signal.Printable(diff.From.ID))
			if len(lines) == 0 {
				fmt.Fprintln(a.stdout, "no meaningful change")
			} else {
				n := 0
				for _, cl := range lines {
					n += len(cl.Lines)
				}
				fmt.Fprintf(a.stdout, "%d changes (cxbench diff for details)\n", n)
			}
		}
	}
	if diff != nil && cfg.Alerts != nil && !o.noAlerts {
		a.alert(ctx, cfg, diff, *prev, history.Snapshot{ID: id, At: f.StartedAt, Signals: scored, Scorecard: sc}, reportPath)
	}
	if !a.quiet {
		fmt.Fprintln(a.stdout, "report:", reportPath)
		if res.pages != nil {
			fmt.Fprintf(a.stdout, "pages: %s%s\n", res.pages.Dir, storeSummary(res.pages))
		}
	}
	if res.pagesErr != nil {
		return failed(res.pagesErr)
	}
	var prevSc *scoring.Scorecard
	if prev != nil {
		prevSc = prev.Scorecard
	}
	return o.gates.check(sc, prevSc)
}

// pagesDir is the page store's directory in a run's output directory.
const pagesDir = "pages"

// storeSummary describes a page store in a few words: " (120 pages
// kept, 1.4 MB)", or "" for none.
func storeSummary(s *pagestore.Store) string {
	if s == nil {
		return ""
	}
	pages, _, size := s.Size()
	return fmt.Sprintf(" (%d pages kept, %.1f MB)", pages, float64(size)/1e6)
}

// alert evaluates the configured conditions and delivers any alert; a
// failed delivery is logged, never returned.
func (a *app) alert(ctx context.Context, cfg *config.Config, d *history.Diff, prev, cur history.Snapshot, report string) {
	log := a.logger()
	as := alerts.Evaluate(cfg.Alerts.Conditions, d, prev, cur)
	if len(as) == 0 {
		log.Debug("no alert condition holds")
		return
	}
	n := &alerts.Notifier{
		Timeout:   cfg.Alerts.AlertTimeout(),
		Retries:   cfg.Alerts.AlertRetries(),
		Logger:    log,
		UserAgent: "cxbench/" + config.Version,
	}
	if a.transport != nil {
		n.Client = &http.Client{Transport: a.transport, Timeout: n.Timeout}
	}
	if abs, err := filepath.Abs(report); err == nil {
		report = abs
	}
	if err := n.Send(ctx, cfg.Alerts.Webhooks, alerts.NewPayload(as, d, cur.Scorecard, report)); err != nil {
		log.Error("alerts not delivered (the run itself succeeded)", "error", err)
		return
	}
	if !a.quiet {
		fmt.Fprintf(a.stdout, "alerts: %d sent\n", len(as))
	}
}

// carryTimings keeps the previous run's response.median_ms for a
// competitor whose pages were all revalidated (304s carry no body timing,
// so the extractor measures nothing): the pages are the ones timed last
// time. The evidence says so.
func carryTimings(prev history.Snapshot, f *signal.File) {
	old := map[string]signal.Signal{}
	for _, c := range prev.Signals.Competitors {
		if s, ok := c.Signals[signal.ResponseMedianMS]; ok {
			old[c.ID] = s
		}
	}
	for i := range f.Competitors {
		c := &f.Competitors[i]
		if _, ok := c.Signals[signal.ResponseMedianMS]; ok {
			continue
		}
		s, ok := old[c.ID]
		if !ok || s.Manual {
			continue // a stated figure is not a measurement to carry
		}
		revalidated := false
		for _, p := range c.Pages {
			revalidated = revalidated || p.NotModified
		}
		if !revalidated {
			continue
		}
		ev := make([]signal.Evidence, 0, len(s.Evidence))
		for _, e := range s.Evidence {
			e.Snippet = signal.Snip("carried over from run " + prev.ID + " (pages unchanged, revalidated with 304): " + e.Snippet)
			ev = append(ev, e)
		}
		s.Evidence = ev
		if c.Signals == nil {
			c.Signals = map[string]signal.Signal{}
		}
		c.Signals[signal.ResponseMedianMS] = s
	}
}

func tolerances(cfg *config.Config) history.Tolerances {
	if cfg == nil || cfg.History == nil {
		return history.Tolerances{}
	}
	return history.Tolerances{Response: cfg.History.ResponseTolerance, Count: cfg.History.CountTolerance}
}
