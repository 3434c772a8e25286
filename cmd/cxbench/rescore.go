package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/reports"
	"github.com/cxbench/cxbench/signal"
	"github.com/spf13/cobra"
)

type rescoreOptions struct {
	config  string
	history string
}

func newRescoreCmd(a *app) *cobra.Command {
	var o rescoreOptions
	cmd := &cobra.Command{
		Use:   "rescore",
		Short: "Re-score every archived run from its stored signals with the config's rubric",
		Long: `rescore applies the rubric and the manual signals of the configuration to
every archived run's stored (crawled) signals, so that trend lines stay
comparable after a rubric edit. Each run's scorecard and report are replaced
atomically; the first time, the original scorecard is kept as
scorecard.orig.json. No network is used.

A run that cannot be read or rescored is skipped with its error; the others
are rescored, and the command then exits with status 1 and a summary.`,
		Example: `  cxbench rescore -c benchmarks.yaml --history runs/`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			dir := o.history
			if dir == "" {
				dir = cfg.HistoryDir()
			}
			if dir == "" {
				return fmt.Errorf("rescore needs --history DIR (or history: in %s)", o.config)
			}
			arch, err := history.Open(dir)
			if err != nil {
				return failed(err)
			}
			unlock, err := arch.Lock(a.clock())
			if err != nil {
				return failed(err)
			}
			defer unlock()
			runs, skipped, err := arch.List()
			if err != nil {
				return failed(err)
			}
			log := a.logger()
			for _, err := range skipped {
				log.Error("skipping unreadable run", "error", err)
			}
			trend := &history.Trend{}
			var prev *history.Snapshot
			var failures []error
			rescored := 0
			for _, r := range runs {
				if err := cmd.Context().Err(); err != nil {
					return failed(err)
				}
				cur, err := a.rescoreRun(cfg, arch, r, prev, trend)
				if err != nil {
					log.Error("skipping run that could not be rescored", "run", r.ID, "error", err)
					failures = append(failures, fmt.Errorf("%s: %w", r.ID, err))
					continue
				}
				rescored++
				prev = cur
				if !a.quiet {
					self := "-"
					if hl := history.HeadlineOf(cur.Scorecard); hl.SelfOverall != nil {
						self = fmt.Sprintf("%s %.1f (rank %d)", signal.Printable(hl.SelfName), *hl.SelfOverall, hl.SelfRank)
					}
					fmt.Fprintf(a.stdout, "rescored %s: %s\n", signal.Printable(r.ID), self)
				}
			}
			if !a.quiet {
				fmt.Fprintf(a.stdout, "%d runs rescored with rubric %s\n", rescored, cfg.Rubric.Hash())
			}
			failures = append(skipped, failures...)
			if len(failures) == 0 {
				return nil
			}
			msgs := make([]string, len(failures))
			for i, err := range failures {
				msgs[i] = err.Error()
			}
			return failed(fmt.Errorf("%d of %d archived runs could not be rescored (the others were):\n  %s",
				len(failures), len(runs)+len(skipped), strings.Join(msgs, "\n  ")))
		},
	}
	configFlag(cmd, &o.config)
	historyFlag(cmd, &o.history)
	return cmd
}

// rescoreRun re-scores one archived run with cfg, compared with prev (the
// previous run rescored, or nil), and adds it to trend. Nothing of the run
// is changed when an error is returned.
func (a *app) rescoreRun(cfg *config.Config, arch *history.Archive, r history.Run, prev *history.Snapshot, trend *history.Trend) (*history.Snapshot, error) {
	f, err := r.Signals()
	if err != nil {
		return nil, err
	}
	sc, scored := a.score(cfg, f)
	cur := history.Snapshot{ID: r.ID, At: r.Manifest.StartedAt, Signals: scored, Scorecard: sc}
	runs := append(append([]history.TrendRun(nil), trend.Runs...), history.TrendRunOf(r.ID, r.Manifest.StartedAt, sc))
	if len(runs) > history.MaxTrend {
		runs = runs[1:]
	}
	h := &reports.History{Trend: &history.Trend{Runs: runs}}
	if prev != nil {
		h.Diff = history.Compare(*prev, cur, tolerances(cfg))
	}
	var report bytes.Buffer
	if err := reports.HTMLWithHistory(&report, sc, h); err != nil {
		return nil, err
	}
	if _, err := arch.ReplaceScorecard(r, sc, cfg.ManualByCompetitor(a.manualClock(f)), report.Bytes(), a.clock()); err != nil {
		return nil, err
	}
	trend.Runs = runs
	return &cur, nil
}
