package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/demo"
	"github.com/spf13/cobra"
)

type demoOptions struct {
	benchmarkOptions
}

func newDemoCmd(a *app) *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Benchmark the bundled sample competitor sites (served on 127.0.0.1) and write the report",
		Long: `demo serves six bundled fictional outdoor-gear shops on loopback (one random
port each), crawls them with the real crawler, scores them with the default
rubric of benchmarks.yaml and writes DIR/index.html, DIR/scorecard.json and
DIR/signals.json, the pages read in DIR/pages/, plus DIR/demo.yaml, the
configuration it used (edit its rubric and re-score with: cxbench score -c
DIR/demo.yaml --signals DIR/signals.json -o DIR/scorecard.json; extract the
signals again from the stored pages with: cxbench extract --pages
DIR/pages -c DIR/demo.yaml -o DIR/signals.json). No internet connection is
needed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			farm, err := demo.Serve()
			if err != nil {
				return failed(err)
			}
			defer farm.Close()
			data, err := farm.Config()
			if err != nil {
				return failed(err)
			}
			if err := o.gates.parse(cmd); err != nil {
				return err
			}
			// The configuration used, so the demo can be re-scored after
			// editing its rubric: cxbench score -c DIR/demo.yaml ...
			path := filepath.Join(o.out, "demo.yaml")
			if err := a.writeOutput(path, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			}); err != nil {
				return failed(err)
			}
			cfg, err := config.Parse(bytes.NewReader(data), path)
			if err != nil {
				return failed(fmt.Errorf("bundled demo configuration: %w", err))
			}
			return a.benchmark(cmd.Context(), cfg, o.benchmarkOptions)
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "cxbench-demo", "output directory")
	historyFlag(cmd, &o.history)
	pagesFlag(cmd, &o.noPages)
	gateFlags(cmd, &o.gates)
	return cmd
}
