package main

import (
	"bytes"
	"fmt"

	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/reports"
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
		Long: `rescore applies the rubric of the configuration to every archived run's
stored signals, so that trend lines stay comparable after a rubric edit. Each
run's scorecard and report are replaced atomically; the first time, the
original scorecard is kept as scorecard.orig.json. No network is used.`,
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
			for _, err := range skipped {
				a.logger().Warn("skipping unreadable run", "error", err)
			}
			trend := &history.Trend{}
			var prev *history.Snapshot
			for _, r := range runs {
				if err := cmd.Context().Err(); err != nil {
					return failed(err)
				}
				f, err := r.Signals()
				if err != nil {
					return failed(err)
				}
				sc := a.score(cfg, f)
				cur := history.Snapshot{ID: r.ID, At: r.Manifest.StartedAt, Signals: f, Scorecard: sc}
				trend.Runs = append(trend.Runs, history.TrendRunOf(r.ID, r.Manifest.StartedAt, sc))
				if len(trend.Runs) > history.MaxTrend {
					trend.Runs = trend.Runs[1:]
				}
				h := &reports.History{Trend: &history.Trend{Runs: append([]history.TrendRun(nil), trend.Runs...)}}
				if prev != nil {
					h.Diff = history.Compare(*prev, cur, tolerances(cfg))
				}
				var report bytes.Buffer
				if err := reports.HTMLWithHistory(&report, sc, h); err != nil {
					return failed(err)
				}
				if _, err := arch.ReplaceScorecard(r, sc, report.Bytes(), a.clock()); err != nil {
					return failed(err)
				}
				prev = &cur
				if !a.quiet {
					self := "-"
					if hl := history.HeadlineOf(sc); hl.SelfOverall != nil {
						self = fmt.Sprintf("%s %.1f (rank %d)", hl.SelfName, *hl.SelfOverall, hl.SelfRank)
					}
					fmt.Fprintf(a.stdout, "rescored %s: %s\n", r.ID, self)
				}
			}
			if !a.quiet {
				fmt.Fprintf(a.stdout, "%d runs rescored with rubric %s\n", len(runs), cfg.Rubric.Hash())
			}
			return nil
		},
	}
	configFlag(cmd, &o.config)
	historyFlag(cmd, &o.history)
	return cmd
}
