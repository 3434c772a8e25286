package main

import (
	"fmt"
	"hash/fnv"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/spf13/cobra"
)

type crawlOptions struct {
	config  string
	out     string
	shard   string
	pages   string
	noPages bool
}

func newCrawlCmd(a *app) *cobra.Command {
	var o crawlOptions
	cmd := &cobra.Command{
		Use:   "crawl",
		Short: "Crawl only: write the collected signals as JSON",
		Long: `crawl crawls the competitors of the configuration and writes signals.json.

--shard K/N crawls only shard K of N (K counts from 0, as Kubernetes'
JOB_COMPLETION_INDEX does: 0/3, 1/3 and 2/3 are the three shards): the
competitors whose id hashes (FNV-1a, 32 bits) to K modulo N. The partition
depends only on the ids and N, so every machine computes the same one.
Combine the shards' files with cxbench merge.

Every HTML page read is kept in a page store (gzipped bodies with their
URL, status and headers), for cxbench extract to extract the signals again
without the network. By default it goes beside the output file: pages/
for signals.json, NAME.pages/ for NAME.json; none with -o - unless
--pages is given. --no-pages keeps none.`,
		Example: `  cxbench crawl -c benchmarks.yaml -o signals.json
  cxbench crawl -o - | jq '.competitors[].signals["policy.return_days"]'
  cxbench crawl --shard "$JOB_COMPLETION_INDEX/8" -o "shard-$JOB_COMPLETION_INDEX.json"
  cxbench crawl -o out/signals.json --pages /data/pages/today`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			k, n, err := parseShard(o.shard)
			if err != nil {
				return err
			}
			cfg, err := loadConfig(a, o.config)
			if err != nil {
				return err
			}
			if n > 0 {
				shard := *cfg
				shard.Competitors = shardOf(cfg.Competitors, k, n)
				a.logger().Info("crawling a shard", "shard", o.shard, "competitors", len(shard.Competitors), "of", len(cfg.Competitors))
				cfg = &shard
			}
			if o.noPages && o.pages != "" {
				return fmt.Errorf("--pages and --no-pages contradict each other: give one")
			}
			job := crawlJob{pages: o.pages}
			if job.pages == "" && !o.noPages {
				job.pages = pagesBeside(o.out)
			}
			if n > 0 {
				job.shard = &signal.Shard{Index: k, Count: n}
			}
			res := a.crawl(cmd.Context(), cfg, job)
			if res.file == nil {
				return failed(res.err)
			}
			if err := a.writeOutput(o.out, writeJSON(res.file)); err != nil {
				return failed(err)
			}
			if res.pages != nil && !a.quiet {
				fmt.Fprintf(a.stderr, "pages: %s%s\n", res.pages.Dir, storeSummary(res.pages))
			}
			if res.err != nil {
				return failed(res.err)
			}
			if res.pagesErr != nil {
				return failed(res.pagesErr)
			}
			return nil
		},
	}
	configFlag(cmd, &o.config)
	cmd.Flags().StringVarP(&o.out, "out", "o", "signals.json", `output file ("-" for standard output)`)
	cmd.Flags().StringVar(&o.shard, "shard", "", "crawl only shard K of N (K from 0 to N-1): the competitors whose id hashes to K")
	cmd.Flags().StringVar(&o.pages, "pages", "", "page store directory (default: beside the output file: pages/ for signals.json, NAME.pages/ for NAME.json)")
	cmd.Flags().BoolVar(&o.noPages, "no-pages", false, "keep no page store")
	return cmd
}

// pagesBeside is the default page store of a crawl written to out:
// DIR/pages for DIR/signals.json (the layout of cxbench run), DIR/NAME.pages
// for DIR/NAME.json; "" (none) for standard output.
func pagesBeside(out string) string {
	if out == "-" {
		return ""
	}
	dir, name := filepath.Split(out)
	if name == "signals.json" {
		return filepath.Join(dir, pagesDir)
	}
	return filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".pages")
}

// parseShard reads --shard K/N; n is 0 when s is empty (no sharding).
// A bad value is a usage error.
func parseShard(s string) (k, n int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	ks, ns, ok := strings.Cut(s, "/")
	k, kerr := strconv.Atoi(strings.TrimSpace(ks))
	n, nerr := strconv.Atoi(strings.TrimSpace(ns))
	switch {
	case !ok || kerr != nil || nerr != nil:
		return 0, 0, fmt.Errorf("invalid --shard %q: want K/N, such as 0/4 (shard K of N, K from 0 to N-1)", s)
	case n < 1:
		return 0, 0, fmt.Errorf("invalid --shard %q: the number of shards N must be at least 1", s)
	case k < 0 || k >= n:
		return 0, 0, fmt.Errorf("invalid --shard %q: K must be from 0 to %d (shards count from 0)", s, n-1)
	}
	return k, n, nil
}

// shardOf returns the competitors of shard k of n, in their order.
func shardOf(comps []config.Competitor, k, n int) []config.Competitor {
	var out []config.Competitor
	for _, c := range comps {
		if shardIndex(c.ID, n) == k {
			out = append(out, c)
		}
	}
	return out
}

// shardIndex is the shard of competitor id among n: FNV-1a (32 bits) of
// the id, modulo n.
func shardIndex(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}
