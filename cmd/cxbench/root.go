package main

import (
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/spf13/cobra"
)

// app holds what every subcommand shares: the output streams and the
// seams tests replace.
type app struct {
	stdout, stderr io.Writer
	// now is the clock for manual-signal staleness and run timestamps.
	now func() time.Time
	// transport, when set, replaces the crawler's HTTP transport.
	transport http.RoundTripper
	quiet     bool
	verbose   bool
}

func (a *app) clock() time.Time {
	if a.now != nil {
		return a.now()
	}
	return time.Now()
}

func (a *app) logger() *slog.Logger {
	// Progress is reported by the progress display; the log carries
	// warnings (recorded crawl errors) unless -v asks for more.
	level := slog.LevelWarn
	switch {
	case a.quiet:
		level = slog.LevelError
	case a.verbose:
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "cxbench",
		Short: "Benchmark customer experience against competitors from their public websites",
		Long: `cxbench politely crawls competitors' public websites, collects customer-experience
signals (ratings, return windows, support promises, contact channels, policies...)
with evidence, scores them with a weighted YAML rubric and writes a shareable
HTML scorecard.

Start with:  cxbench demo            (bundled sample sites, no internet needed)
Then:        cxbench validate -c benchmarks.yaml && cxbench run -o report/`,
		Version:       config.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().BoolVarP(&a.quiet, "quiet", "q", false, "print only errors")
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "print debug logs")
	root.AddCommand(
		newRunCmd(a),
		newCrawlCmd(a),
		newExtractCmd(a),
		newMergeCmd(a),
		newScoreCmd(a),
		newReportCmd(a),
		newValidateCmd(a),
		newDemoCmd(a),
		newHistoryCmd(a),
		newDiffCmd(a),
		newRescoreCmd(a),
		newScheduleCmd(a),
	)
	return root
}

// configFlag adds the -c flag every config-reading command has.
func configFlag(cmd *cobra.Command, path *string) {
	cmd.Flags().StringVarP(path, "config", "c", "benchmarks.yaml", "configuration file")
}
