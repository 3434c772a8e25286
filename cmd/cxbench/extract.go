package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/cxbench/cxbench/crawler"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/signal"
	"github.com/spf13/cobra"
)

type extractOptions struct {
	config  string
	pages   []string
	out     string
	compare string
}

func newExtractCmd(a *app) *cobra.Command {
	var o extractOptions
	cmd := &cobra.Command{
		Use:   "extract",
		Short: "Extract signals again from a crawl's stored pages (no network)",
		Long: `extract reads a page store (the pages/ directory that run and crawl write,
and that every archived run keeps) and extracts the signals from its pages
again, without the network, into a new signals.json: after a cxbench
upgrade, or after changing custom signals in the configuration.

--pages is the store, or a directory holding one as pages/ (an output
directory of cxbench run, an archived run). Give --pages once per shard to
extract sharded crawls (crawl --shard) into one file, as cxbench merge
would combine them.

The crawl's page records, errors and completeness are kept as they were;
the signals are extracted anew with the signals: settings of the
configuration. Competitors are those of the store, in its order.

--compare FILE lists the signals whose values differ from FILE's (the
signals.json written with the store): what an upgrade changes on a past
run.`,
		Example: `  cxbench extract --pages report/ -c benchmarks.yaml -o report/signals.json
  cxbench extract --pages runs/20261122T060000Z-1a2b3c4d -o new.json --compare runs/20261122T060000Z-1a2b3c4d/signals.json
  cxbench extract --pages shard-0.pages --pages shard-1.pages -o signals.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(o.pages) == 0 {
				return fmt.Errorf("--pages DIR is required: the page store a crawl wrote (DIR/pages of cxbench run, or an archived run's directory)")
			}
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			var before *signal.File
			if o.compare != "" {
				if before, err = readSignals(o.compare); err != nil {
					return failed(err)
				}
			}
			start := time.Now()
			ex := extract.New(cfg.Signals)
			parts := make([]*signal.File, len(o.pages))
			names := make([]string, len(o.pages))
			pages, size := 0, int64(0)
			for i, dir := range o.pages {
				store, err := openStore(dir)
				if err != nil {
					return failed(err)
				}
				if err := cmd.Context().Err(); err != nil {
					return failed(err)
				}
				parts[i], names[i] = crawler.Replay(store, ex, cfg.Competitors), store.Dir
				n, _, b := store.Size()
				pages, size = pages+n, size+b
			}
			f := parts[0]
			if len(parts) > 1 {
				if f, err = mergeSignals(names, parts, nil); err != nil {
					return failed(err)
				}
				f.Shard = nil
				f.Competitors = inStoreOrder(f.Competitors, parts)
			}
			f.ConfigHash = cfg.Hash
			if err := a.writeOutput(o.out, writeJSON(f)); err != nil {
				return failed(err)
			}
			if !a.quiet {
				fmt.Fprintf(a.stderr, "extracted %d competitors from %d stored pages (%.1f MB) in %s\n",
					len(f.Competitors), pages, float64(size)/1e6, time.Since(start).Round(time.Millisecond))
			}
			if before != nil {
				w := a.stdout
				if o.out == "-" {
					w = a.stderr
				}
				return compareSignals(w, before, f)
			}
			return nil
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringArrayVar(&o.pages, "pages", nil, "page store, or a directory holding one as pages/ (repeat for the shards of one crawl)")
	cmd.Flags().StringVarP(&o.out, "out", "o", "signals.json", `output file ("-" for standard output)`)
	cmd.Flags().StringVar(&o.compare, "compare", "", "a signals.json to compare the extracted signals with")
	return cmd
}

// openStore opens the page store at dir, or at dir/pages when dir holds
// one there (a run's output directory, an archived run).
func openStore(dir string) (*pagestore.Store, error) {
	s, err := pagestore.Open(dir)
	if errors.Is(err, pagestore.ErrNoStore) {
		if _, serr := os.Stat(filepath.Join(dir, pagesDir, pagestore.IndexFile)); serr == nil {
			return pagestore.Open(filepath.Join(dir, pagesDir))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("reading page store: %w", err)
	}
	return s, nil
}

// inStoreOrder puts merged competitors back in the order of the stores
// given (mergeSignals sorts them by id).
func inStoreOrder(comps []signal.Competitor, parts []*signal.File) []signal.Competitor {
	rank := map[string]int{}
	for _, p := range parts {
		for _, c := range p.Competitors {
			rank[c.ID] = len(rank)
		}
	}
	slices.SortStableFunc(comps, func(a, b signal.Competitor) int { return rank[a.ID] - rank[b.ID] })
	return comps
}

// compareSignals writes the signals whose values differ between before
// and after, competitor by competitor, and a count.
func compareSignals(w io.Writer, before, after *signal.File) error {
	old := map[string]map[string]signal.Signal{}
	for _, c := range before.Competitors {
		old[c.ID] = c.Signals
	}
	changed, compared, comps := 0, 0, 0
	for _, c := range after.Competitors {
		prev, ok := old[c.ID]
		if !ok {
			fmt.Fprintf(w, "%s: not in the compared file\n", signal.Printable(c.ID))
			continue
		}
		names := map[string]bool{}
		for n := range prev {
			names[n] = true
		}
		for n := range c.Signals {
			names[n] = true
		}
		sorted := make([]string, 0, len(names))
		for n := range names {
			sorted = append(sorted, n)
		}
		slices.Sort(sorted)
		n0 := changed
		for _, n := range sorted {
			compared++
			a, b := prev[n], c.Signals[n]
			if a.Value.Equal(b.Value) {
				continue
			}
			changed++
			fmt.Fprintf(w, "%s  %s: %s → %s\n", signal.Printable(c.ID), n, shown(a.Value), shown(b.Value))
		}
		if changed > n0 {
			comps++
		}
	}
	fmt.Fprintf(w, "%d signals of %d competitors changed (%d compared)\n", changed, comps, compared)
	return nil
}

// shown is a value as compareSignals prints it.
func shown(v signal.Value) string {
	if !v.Valid() {
		return "(absent)"
	}
	return signal.Printable(v.String())
}
