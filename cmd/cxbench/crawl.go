package main

import (
	"github.com/spf13/cobra"
)

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
			f, crawlErr := a.crawl(cmd.Context(), cfg, nil)
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
