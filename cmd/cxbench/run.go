package main

import (
	"github.com/spf13/cobra"
)

type runOptions struct {
	config string
	benchmarkOptions
}

func newRunCmd(a *app) *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Crawl, score and report in one go (writes DIR/signals.json, DIR/scorecard.json, DIR/index.html, DIR/pages/)",
		Long: `run crawls every competitor, scores them with the rubric and writes
DIR/signals.json, DIR/scorecard.json and DIR/index.html, and keeps every
HTML page read in the page store DIR/pages/ (for cxbench extract; not with
--no-pages).

With --history DIR (or history: in the configuration) every run is also
archived under a sortable run id, with its pages; pages the last run kept are revalidated
with If-None-Match / If-Modified-Since; the report shows what changed since
the last run and trend lines; retention is applied; and alerts: conditions
are checked and sent to their webhooks.

Gates (exit status 3 when not met, after the outputs are written):
--fail-under N, --fail-on-regression X (needs history), --assert-rank
CATEGORY<=N.`,
		Example: `  cxbench run -c benchmarks.yaml -o report/
  cxbench run -o report/ --history runs/ --fail-on-regression 5
  cxbench run -o report/ -q --fail-under 60 --assert-rank overall<=3 --assert-rank policies<=1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.gates.parse(cmd); err != nil {
				return err
			}
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			return a.benchmark(cmd.Context(), cfg, o.benchmarkOptions)
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringVarP(&o.out, "out", "o", "cxbench-report", "output directory")
	historyFlag(cmd, &o.history)
	pagesFlag(cmd, &o.noPages)
	cmd.Flags().BoolVar(&o.noAlerts, "no-alerts", false, "do not send the configured alerts")
	gateFlags(cmd, &o.gates)
	return cmd
}

// pagesFlag adds --no-pages.
func pagesFlag(cmd *cobra.Command, noPages *bool) {
	cmd.Flags().BoolVar(noPages, "no-pages", false, "keep no page store in DIR/pages (cxbench extract and the next run's revalidation need it)")
}

// historyFlag adds --history DIR.
func historyFlag(cmd *cobra.Command, dir *string) {
	cmd.Flags().StringVar(dir, "history", "", "run archive directory (default: history.dir in the configuration)")
}
