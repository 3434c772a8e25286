package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

type runOptions struct {
	config string
	out    string
}

func newRunCmd(a *app) *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Crawl, score and report in one go (writes DIR/signals.json, DIR/scorecard.json, DIR/index.html)",
		Example: `  cxbench run -c benchmarks.yaml -o report/
  cxbench run -o report/ -q`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			f, crawlErr := a.crawl(cmd.Context(), cfg)
			if f == nil {
				return failed(crawlErr)
			}
			sc := a.score(cfg, f)
			report, err := a.writeRunOutputs(o.out, f, sc)
			if err != nil {
				return failed(err)
			}
			a.summary(sc)
			if crawlErr != nil {
				return failed(crawlErr)
			}
			fmt.Fprintln(a.stdout, "report:", report)
			return nil
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringVarP(&o.out, "out", "o", "cxbench-report", "output directory")
	return cmd
}
