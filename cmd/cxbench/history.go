package main

import (
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/signal"
	"github.com/spf13/cobra"
)

type historyOptions struct {
	config  string
	history string
	format  string
}

func newHistoryCmd(a *app) *cobra.Command {
	var o historyOptions
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List the archived runs with their headline figures",
		Example: `  cxbench history --history runs/
  cxbench history -c benchmarks.yaml --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.format != "text" && o.format != "json" {
				return fmt.Errorf("unknown --format %q: use text or json", o.format)
			}
			arch, _, err := a.openHistory(cmd, o.history, o.config)
			if err != nil {
				return err
			}
			runs, skipped, err := arch.List()
			if err != nil {
				return failed(err)
			}
			for _, err := range skipped {
				a.logger().Warn("skipping unreadable run", "error", err)
			}
			if o.format == "json" {
				ms := make([]history.Manifest, 0, len(runs))
				for _, r := range runs {
					ms = append(ms, r.Manifest)
				}
				return writeJSON(ms)(a.stdout)
			}
			if len(runs) == 0 {
				fmt.Fprintf(a.stdout, "no runs in %s yet\n", arch.Dir)
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RUN\tDATE\tCOMPETITORS\tSELF\tOVERALL\tRANK\tLEADER")
			for _, r := range runs {
				h := r.Manifest.Headline
				self, overall, rank := "-", "-", "-"
				if h.Self != "" {
					self = h.SelfName
					if h.SelfOverall != nil {
						overall = fmt.Sprintf("%.1f", *h.SelfOverall)
					}
					rank = fmt.Sprintf("%d/%d", h.SelfRank, h.Competitors)
				}
				mark := ""
				if r.Manifest.Rescored != nil {
					mark = " (rescored)"
				}
				leader := "- (no competitor covers enough of the rubric)"
				if h.Leader != "" {
					leader = fmt.Sprintf("%s %.1f", signal.Printable(h.LeaderName), h.LeaderScore)
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s%s\n", signal.Printable(r.ID), r.Manifest.StartedAt.UTC().Format("2006-01-02 15:04"),
					h.Competitors, signal.Printable(self), overall, rank, leader, mark)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVarP(&o.config, "config", "c", "benchmarks.yaml", "configuration file naming history.dir (used without --history)")
	historyFlag(cmd, &o.history)
	cmd.Flags().StringVar(&o.format, "format", "text", "text or json")
	return cmd
}

// openHistory opens the archive given by --history, or else by
// history.dir in the configuration. The configuration is read when there
// is no --history or when -c was given (for its noise tolerances); it is
// nil otherwise.
func (a *app) openHistory(cmd *cobra.Command, dir, configPath string) (*history.Archive, *config.Config, error) {
	var cfg *config.Config
	if dir == "" || cmd.Flags().Changed("config") {
		c, err := loadConfig(a, configPath)
		if err != nil {
			return nil, nil, err
		}
		cfg = c
	}
	if dir == "" {
		dir = cfg.HistoryDir()
		if dir == "" {
			return nil, nil, fmt.Errorf("%s has no history: {dir: ...}; give --history DIR", configPath)
		}
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, nil, failed(fmt.Errorf("no run archive at %s", dir))
	}
	arch, err := history.Open(dir)
	if err != nil {
		return nil, nil, failed(err)
	}
	return arch, cfg, nil
}
