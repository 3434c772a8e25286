package main

import (
	"errors"
	"fmt"

	"github.com/cxbench/cxbench/scoring"
	"github.com/spf13/cobra"
)

type scoreOptions struct {
	config  string
	signals string
	out     string
	history string
	gates   gateOptions
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
			if err := o.gates.parse(cmd); err != nil {
				return err
			}
			if o.gates.hasRegression && o.history == "" {
				return errors.New("--fail-on-regression needs --history DIR (the archive holding the previous run)")
			}
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			f, err := readSignals(o.signals)
			if err != nil {
				return failed(err)
			}
			sc, _ := a.score(cfg, f)
			if err := a.writeOutput(o.out, writeJSON(sc)); err != nil {
				return failed(err)
			}
			if o.out != "-" {
				a.summary(sc)
			}
			var prev *scoring.Scorecard
			if o.gates.hasRegression {
				if prev, err = previousScorecard(o.history); err != nil {
					return failed(fmt.Errorf("checking gates: %w", err))
				}
			}
			return o.gates.check(sc, prev)
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringVar(&o.signals, "signals", "signals.json", "signals file written by crawl or run")
	cmd.Flags().StringVarP(&o.out, "out", "o", "scorecard.json", `output file ("-" for standard output)`)
	cmd.Flags().StringVar(&o.history, "history", "", "run archive holding the previous run, for --fail-on-regression")
	gateFlags(cmd, &o.gates)
	return cmd
}
