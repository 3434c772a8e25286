package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cxbench/cxbench/signal"
	"github.com/spf13/cobra"
)

type mergeOptions struct {
	config string
	out    string
}

func newMergeCmd(a *app) *cobra.Command {
	var o mergeOptions
	cmd := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Combine the signals.json files of sharded crawls (crawl --shard) into one",
		Long: `merge combines signals.json files written by cxbench crawl --shard K/N into
one signals.json, to score and report as usual.

The files must come from the same configuration (equal config_hash), no
competitor may appear twice, and all N shards must be there (each file
records its shard K/N). With -c, competitors are put in the
configuration's order, and every competitor of the configuration must be in
exactly one file (so a missing shard is an error); without -c they are
sorted by id. started_at is the earliest start, finished_at the latest end.`,
		Example: `  cxbench merge -c benchmarks.yaml -o signals.json shard-*.json
  cxbench score -c benchmarks.yaml --signals signals.json -o scorecard.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, files []string) error {
			var (
				order []string
				hash  string
			)
			if cmd.Flags().Changed("config") {
				cfg, err := loadConfig(a, o.config)
				if err != nil {
					return err
				}
				for _, c := range cfg.Competitors {
					order = append(order, c.ID)
				}
				hash = cfg.Hash
			}
			parts := make([]*signal.File, len(files))
			for i, path := range files {
				f, err := readSignals(path)
				if err != nil {
					return failed(err)
				}
				parts[i] = f
			}
			f, err := mergeSignals(files, parts, order)
			if err != nil {
				return failed(err)
			}
			if hash != "" && f.ConfigHash != hash {
				// Legitimate after a rubric edit; scoring uses the
				// current configuration anyway.
				a.logger().Warn("the shards were crawled with another version of the configuration", "config", o.config, "config_hash", hash, "shards_config_hash", f.ConfigHash)
			}
			if err := a.writeOutput(o.out, writeJSON(f)); err != nil {
				return failed(err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&o.config, "config", "c", "", "configuration file (optional): restores its competitor order and checks none is missing")
	cmd.Flags().StringVarP(&o.out, "out", "o", "signals.json", `output file ("-" for standard output)`)
	return cmd
}

// mergeSignals combines the shard files parts (read from names). With
// order (the configuration's competitor ids), the competitors follow it
// and must match it exactly; without, they are sorted by id.
func mergeSignals(names []string, parts []*signal.File, order []string) (*signal.File, error) {
	if len(parts) == 0 {
		return nil, errors.New("merging: no files")
	}
	first := parts[0]
	out := &signal.File{
		Schema:      signal.Schema,
		Tool:        first.Tool,
		UserAgent:   first.UserAgent,
		ConfigHash:  first.ConfigHash,
		StartedAt:   first.StartedAt,
		FinishedAt:  first.FinishedAt,
		Competitors: []signal.Competitor{},
	}
	from := map[string]string{} // competitor id -> file
	for i, f := range parts {
		if f.ConfigHash != first.ConfigHash {
			return nil, fmt.Errorf("merging: %s was crawled with configuration %s but %s with %s; shards must come from the same benchmarks.yaml",
				names[i], hashName(f.ConfigHash), names[0], hashName(first.ConfigHash))
		}
		if !f.StartedAt.IsZero() && (out.StartedAt.IsZero() || f.StartedAt.Before(out.StartedAt)) {
			out.StartedAt = f.StartedAt
		}
		if f.FinishedAt.After(out.FinishedAt) {
			out.FinishedAt = f.FinishedAt
		}
		for _, c := range f.Competitors {
			if prev, dup := from[c.ID]; dup {
				return nil, fmt.Errorf("merging: competitor %q is in both %s and %s; is one shard given twice, or were the shards crawled with different N?", c.ID, prev, names[i])
			}
			from[c.ID] = names[i]
			out.Competitors = append(out.Competitors, c)
		}
	}
	if err := checkShards(names, parts); err != nil {
		return nil, err
	}
	if order == nil {
		slices.SortFunc(out.Competitors, func(a, b signal.Competitor) int { return strings.Compare(a.ID, b.ID) })
		return out, nil
	}
	rank := map[string]int{}
	var missing []string
	for i, id := range order {
		rank[id] = i
		if _, ok := from[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("merging: %d competitor(s) of the configuration are in none of the files (is a shard missing?): %s",
			len(missing), strings.Join(missing, ", "))
	}
	for _, c := range out.Competitors {
		if _, ok := rank[c.ID]; !ok {
			return nil, fmt.Errorf("merging: competitor %q of %s is not in the configuration", c.ID, from[c.ID])
		}
	}
	slices.SortFunc(out.Competitors, func(a, b signal.Competitor) int { return rank[a.ID] - rank[b.ID] })
	return out, nil
}

// checkShards checks that files recording their shard (crawl --shard)
// are all N shards of one partition, each once: a lost or repeated shard is
// an error even without the configuration at hand.
func checkShards(names []string, parts []*signal.File) error {
	seen := map[int]string{}
	count := 0
	for i, f := range parts {
		if f.Shard == nil {
			continue
		}
		switch {
		case count == 0:
			count = f.Shard.Count
		case f.Shard.Count != count:
			return fmt.Errorf("merging: %s is shard %d/%d but other files are shards of %d; shards must come from one --shard K/N partition",
				names[i], f.Shard.Index, f.Shard.Count, count)
		}
		if prev, dup := seen[f.Shard.Index]; dup {
			return fmt.Errorf("merging: %s and %s are both shard %d/%d", prev, names[i], f.Shard.Index, count)
		}
		seen[f.Shard.Index] = names[i]
	}
	if count == 0 {
		return nil
	}
	if len(seen) != len(parts) {
		return errors.New("merging: some files are shards (crawl --shard) and some are not")
	}
	var missing []string
	for k := range count {
		if _, ok := seen[k]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", k, count))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("merging: shard %s missing: merge every shard of the crawl", strings.Join(missing, ", "))
	}
	return nil
}

func hashName(h string) string {
	if h == "" {
		return "(unknown)"
	}
	return h
}
