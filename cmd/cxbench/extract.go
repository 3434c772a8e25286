package main

import (
	"fmt"
	"time"

	"github.com/cxbench/cxbench/crawler"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/spf13/cobra"
)

type extractOptions struct {
	config string
	pages  string
	out    string
}

func newExtractCmd(a *app) *cobra.Command {
	var o extractOptions
	cmd := &cobra.Command{
		Use:   "extract",
		Short: "Extract signals again from a stored crawl's pages (no network)",
		Long: `extract reads a page store (the pages/ directory that run and crawl write,
and that every archived run keeps) and extracts the signals from its pages
again, without the network, into a new signals.json: after an extractor
upgrade, or after changing custom signals in the configuration.

The crawl's page records, errors and completeness are kept as they were;
the signals are extracted anew, with the custom signals of the
configuration. Competitors are those of the store.`,
		Example: `  cxbench extract --pages report/pages -c benchmarks.yaml -o report/signals.json
  cxbench extract --pages runs/20261122T060000Z-1a2b3c4d/pages -o - | jq '.competitors[].signals["policy.return_days"]'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.pages == "" {
				return fmt.Errorf("--pages DIR is required: the page store a crawl wrote (DIR/pages of cxbench run)")
			}
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			start := time.Now()
			store, err := pagestore.Open(o.pages)
			if err != nil {
				return failed(fmt.Errorf("reading page store: %w", err))
			}
			f := crawler.Replay(store, extract.New(cfg.Signals), cfg.Competitors)
			f.ConfigHash = cfg.Hash
			if err := a.writeOutput(o.out, writeJSON(f)); err != nil {
				return failed(err)
			}
			if !a.quiet {
				pages, _, size := store.Size()
				fmt.Fprintf(a.stderr, "extracted %d competitors from %d stored pages (%.1f MB) in %s\n",
					len(f.Competitors), pages, float64(size)/1e6, time.Since(start).Round(time.Millisecond))
			}
			return nil
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringVar(&o.pages, "pages", "", "page store directory (DIR/pages of a run, or runs/ID/pages of an archived run)")
	cmd.Flags().StringVarP(&o.out, "out", "o", "signals.json", `output file ("-" for standard output)`)
	return cmd
}
