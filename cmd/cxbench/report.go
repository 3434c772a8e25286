package main

import (
	"fmt"
	"io"

	"github.com/cxbench/cxbench/reports"
	"github.com/cxbench/cxbench/scoring"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	scorecard string
	out       string
	format    string
}

func newReportCmd(a *app) *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Render a report (html, md, csv or json) from a stored scorecard",
		Example: `  cxbench report --scorecard scorecard.json -o report.html
  cxbench report --scorecard scorecard.json -o summary.md
  cxbench report --scorecard scorecard.json -o - --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format := o.format
			if format == "" {
				if o.out == "-" {
					format = "json"
				} else {
					f, err := reports.FormatFor(o.out)
					if err != nil {
						return fmt.Errorf("%w; choose one with --format html|md|csv|json", err)
					}
					format = f
				}
			}
			switch format {
			case "html", "md", "csv", "json":
			default:
				return fmt.Errorf("unknown --format %q: use html, md, csv or json", format)
			}
			var sc scoring.Scorecard
			if err := readJSON(o.scorecard, &sc); err != nil {
				return failed(err)
			}
			if sc.Schema != scoring.Schema {
				return failed(fmt.Errorf("%s: schema is %q, want %q (is this a scorecard.json written by cxbench?)", o.scorecard, sc.Schema, scoring.Schema))
			}
			if err := a.writeOutput(o.out, func(w io.Writer) error { return reports.Write(w, &sc, format) }); err != nil {
				return failed(err)
			}
			if o.out != "-" && !a.quiet {
				fmt.Fprintln(a.stdout, "report:", o.out)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.scorecard, "scorecard", "scorecard.json", "scorecard written by run or score")
	cmd.Flags().StringVarP(&o.out, "out", "o", "report.html", `output file ("-" for standard output)`)
	cmd.Flags().StringVar(&o.format, "format", "", "html, md, csv or json (default: from the output file's extension)")
	return cmd
}
