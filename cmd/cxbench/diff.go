package main

import (
	"fmt"

	"github.com/cxbench/cxbench/history"
	"github.com/spf13/cobra"
)

type diffOptions struct {
	config  string
	history string
	format  string
}

func newDiffCmd(a *app) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff [RUN_A [RUN_B]]",
		Short: "Show what changed between two archived runs, by meaning (default: the last two)",
		Long: `diff compares two runs' typed signals and scores: values that changed (old →
new, better or worse by the signal's direction), signals that appeared or
vanished, score and rank moves and the criteria behind each overall move.
Noise is not a change: response times within a relative tolerance (25 %),
ratings within their rounding (0.05), counts within 10 %.

RUN_A and RUN_B are run ids (or unique prefixes) or run directories. With one
run, it is compared with the newest; with none, the two newest are compared.`,
		Example: `  cxbench diff --history runs/
  cxbench diff 20261115T060000Z 20261122T060000Z --history runs/ --format md`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch o.format {
			case "text", "md", "json":
			default:
				return fmt.Errorf("unknown --format %q: use text, md or json", o.format)
			}
			arch, cfg, err := a.openHistory(cmd, o.history, o.config)
			if err != nil {
				return err
			}
			var from, to history.Run
			switch len(args) {
			case 2:
				if from, err = arch.Get(args[0]); err == nil {
					to, err = arch.Get(args[1])
				}
			default:
				runs, _, lerr := arch.List()
				if lerr != nil {
					return failed(lerr)
				}
				if len(args) == 1 {
					if from, err = arch.Get(args[0]); err == nil && len(runs) > 0 {
						to = runs[len(runs)-1]
					}
				} else if len(runs) >= 2 {
					from, to = runs[len(runs)-2], runs[len(runs)-1]
				}
				if err == nil && (from.ID == "" || to.ID == "") {
					return failed(fmt.Errorf("%s holds %d runs; diff needs two", arch.Dir, len(runs)))
				}
			}
			if err != nil {
				return failed(err)
			}
			a1, err := from.Load()
			if err != nil {
				return failed(err)
			}
			a2, err := to.Load()
			if err != nil {
				return failed(err)
			}
			d := history.Compare(a1, a2, tolerances(cfg))
			switch o.format {
			case "json":
				return writeJSON(d)(a.stdout)
			case "md":
				return d.Markdown(a.stdout)
			}
			return d.Text(a.stdout)
		},
	}
	cmd.Flags().StringVarP(&o.config, "config", "c", "benchmarks.yaml", "configuration (history.dir and noise tolerances)")
	historyFlag(cmd, &o.history)
	cmd.Flags().StringVar(&o.format, "format", "text", "text, md or json")
	return cmd
}
