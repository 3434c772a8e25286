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

type crawlOptions struct {
	config string
	out    string
}

func newCrawlCmd(a *app) *cobra.Command {
	var o crawlOptions
	cmd := &cobra.Command{
		Use:   "crawl",
		Short: "Crawl only: write the collected signals as JSON",
		Example: `  cxbench crawl -c benchmarks.yaml -o signals.json
  cxbench crawl -o - | jq '.competitors[].signals["policy.return_days"]'`,
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
			if err := a.writeOutput(o.out, writeJSON(f)); err != nil {
				return failed(err)
			}
			if crawlErr != nil {
				return failed(crawlErr)
			}
			return nil
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringVarP(&o.out, "out", "o", "signals.json", `output file ("-" for standard output)`)
	return cmd
}

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
