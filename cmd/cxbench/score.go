package main

import (
	"github.com/spf13/cobra"
)

type scoreOptions struct {
	config  string
	signals string
	out     string
}

func newScoreCmd(a *app) *cobra.Command {
	var o scoreOptions
	cmd := &cobra.Command{
		Use:   "score",
		Short: "Re-score stored signals with the rubric in the config (no network)",
		Example: `  cxbench score -c benchmarks.yaml --signals report/signals.json -o scorecard.json
  cxbench score --signals signals.json -o - | jq '.competitors[] | {id, overall, rank}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			f, err := readSignals(o.signals)
			if err != nil {
				return failed(err)
			}
			sc := a.score(cfg, f)
			if err := a.writeOutput(o.out, writeJSON(sc)); err != nil {
				return failed(err)
			}
			if o.out != "-" {
				a.summary(sc)
			}
			return nil
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringVar(&o.signals, "signals", "signals.json", "signals file written by crawl or run")
	cmd.Flags().StringVarP(&o.out, "out", "o", "scorecard.json", `output file ("-" for standard output)`)
	return cmd
}
