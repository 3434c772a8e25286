package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cxbench/cxbench/internal/farm"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// farmConfig serves a generated farm and writes its configuration (no
// delay, so the crawl takes a fraction of a second).
func farmConfig(t *testing.T, sites, pages int) (*farm.Farm, string) {
	t.Helper()
	f, err := farm.Start(sites, pages)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	data, err := f.Config(fmt.Sprintf("  delay: 0\n  retries: 0\n  max_pages: 40\n  concurrency: %d\n", sites))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "farm.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return f, path
}

// TestShardsMergeToUnshardedCrawl: three shards of a seven-competitor
// farm, merged, equal one unsharded crawl (timings and timestamps aside).
func TestShardsMergeToUnshardedCrawl(t *testing.T) {
	const sites, shards = 7, 3
	_, cfg := farmConfig(t, sites, 6)
	dir := t.TempDir()
	if r := cxbench(t, "crawl", "-q", "-c", cfg, "-o", filepath.Join(dir, "all.json")); r.code != 0 {
		t.Fatalf("unsharded crawl exited %d: %s", r.code, r.stderr)
	}
	var files []string
	seen := map[string]int{}
	for k := range shards {
		path := filepath.Join(dir, fmt.Sprintf("shard-%d.json", k))
		if r := cxbench(t, "crawl", "-q", "-c", cfg, "--shard", fmt.Sprintf("%d/%d", k, shards), "-o", path); r.code != 0 {
			t.Fatalf("shard %d exited %d: %s", k, r.code, r.stderr)
		}
		f, err := readSignals(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Competitors) == 0 || len(f.Competitors) == sites {
			t.Errorf("shard %d holds %d of %d competitors: the partition does not split this farm", k, len(f.Competitors), sites)
		}
		for _, c := range f.Competitors {
			seen[c.ID]++
			if got := shardIndex(c.ID, shards); got != k {
				t.Errorf("shard %d holds %s, whose shard is %d", k, c.ID, got)
			}
		}
		files = append(files, path)
	}
	if len(seen) != sites {
		t.Errorf("the shards hold %d distinct competitors, want %d", len(seen), sites)
	}
	merged := filepath.Join(dir, "merged.json")
	if r := cxbench(t, append([]string{"merge", "-q", "-c", cfg, "-o", merged}, files...)...); r.code != 0 {
		t.Fatalf("merge exited %d: %s", r.code, r.stderr)
	}
	want, err := readSignals(filepath.Join(dir, "all.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := readSignals(merged)
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, c := range want.Competitors {
		pages += len(c.Pages)
		if len(c.Signals) < 10 {
			t.Errorf("%s: only %d signals; the farm should yield most of the catalog", c.ID, len(c.Signals))
		}
	}
	if pages != sites*(6) {
		t.Errorf("unsharded crawl fetched %d pages, want %d", pages, sites*6)
	}
	if diff := cmp.Diff(want, got, timingsIgnored()...); diff != "" {
		t.Errorf("merged shards differ from the unsharded crawl (-want +got):\n%s", diff)
	}
	if got.StartedAt.After(got.FinishedAt) {
		t.Errorf("merged started_at %v after finished_at %v", got.StartedAt, got.FinishedAt)
	}
	// The shards' page stores (shard-K.pages, beside each file), extracted
	// together offline, give the merged crawl again.
	var stores []string
	for _, f := range files {
		stores = append(stores, "--pages", strings.TrimSuffix(f, ".json")+".pages")
	}
	reextracted := filepath.Join(dir, "reextracted.json")
	if r := cxbench(t, append([]string{"extract", "-q", "-c", cfg, "-o", reextracted}, stores...)...); r.code != 0 {
		t.Fatalf("extract of the shards' pages exited %d: %s", r.code, r.stderr)
	}
	re, err := readSignals(reextracted)
	if err != nil {
		t.Fatal(err)
	}
	byID := cmpopts.SortSlices(func(a, b signal.Competitor) bool { return a.ID < b.ID })
	if diff := cmp.Diff(got, re, byID, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("shards extracted from their pages differ from the merged crawl (-merged +extracted):\n%s", diff)
	}

	// The merged file scores like any signals.json.
	if r := cxbench(t, "score", "-q", "-c", cfg, "--signals", merged, "-o", filepath.Join(dir, "scorecard.json")); r.code != 0 {
		t.Fatalf("score of the merged file exited %d: %s", r.code, r.stderr)
	}
}

// timingsIgnored compares signals files without what differs between two
// crawls of the same sites: timestamps, page timings and the signal
// measured from them.
func timingsIgnored() []cmp.Option {
	return []cmp.Option{
		cmpopts.IgnoreFields(signal.File{}, "StartedAt", "FinishedAt"),
		cmpopts.IgnoreFields(signal.Page{}, "MS", "TTFBMS"),
		cmpopts.IgnoreMapEntries(func(k string, _ signal.Signal) bool { return k == signal.ResponseMedianMS }),
		cmpopts.EquateEmpty(),
	}
}

func TestShardFlagErrors(t *testing.T) {
	_, cfg := farmConfig(t, 1, 1)
	tests := []struct {
		name, shard, want string
	}{
		{"no slash", "1", "want K/N"},
		{"not numbers", "a/b", "want K/N"},
		{"zero shards", "0/0", "at least 1"},
		{"K equals N", "3/3", "K must be from 0 to 2"},
		{"negative K", "-1/3", "K must be from 0 to 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cxbench(t, "crawl", "-q", "-c", cfg, "--shard", tt.shard, "-o", filepath.Join(t.TempDir(), "s.json"))
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("--shard %s: exit %d, stderr %q; want exit %d mentioning %q", tt.shard, r.code, r.stderr, exitUsage, tt.want)
			}
		})
	}
}

func TestShardIndexIsStable(t *testing.T) {
	// FNV-1a of the id modulo N: fixed values, so that shards computed on
	// different machines and versions agree.
	tests := []struct {
		id   string
		n    int
		want int
	}{
		{"acme", 1, 0},
		{"acme", 4, int(fnv32a("acme") % 4)},
		{"shop-000", 3, int(fnv32a("shop-000") % 3)},
	}
	for _, tt := range tests {
		if got := shardIndex(tt.id, tt.n); got != tt.want {
			t.Errorf("shardIndex(%q, %d) = %d, want %d", tt.id, tt.n, got, tt.want)
		}
	}
}

// fnv32a is FNV-1a written out from its definition.
func fnv32a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func TestMergeErrors(t *testing.T) {
	at := time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC)
	file := func(hash string, start time.Time, ids ...string) *signal.File {
		f := &signal.File{Schema: signal.Schema, ConfigHash: hash, StartedAt: start, FinishedAt: start.Add(time.Minute)}
		for _, id := range ids {
			f.Competitors = append(f.Competitors, signal.Competitor{ID: id})
		}
		return f
	}
	shard := func(f *signal.File, k, n int) *signal.File {
		f.Shard = &signal.Shard{Index: k, Count: n}
		return f
	}
	tests := []struct {
		name    string
		parts   []*signal.File
		order   []string
		want    []string // merged ids
		wantErr string
	}{
		{name: "sorted by id without a config", parts: []*signal.File{file("h", at, "zeta", "alpha"), file("h", at, "mid")},
			want: []string{"alpha", "mid", "zeta"}},
		{name: "config order", parts: []*signal.File{file("h", at, "zeta", "alpha"), file("h", at, "mid")},
			order: []string{"mid", "zeta", "alpha"}, want: []string{"mid", "zeta", "alpha"}},
		{name: "different config hash", parts: []*signal.File{file("h1", at, "a"), file("h2", at, "b")},
			wantErr: "b.json was crawled with configuration h2 but a.json with h1"},
		{name: "duplicate competitor", parts: []*signal.File{file("h", at, "a", "b"), file("h", at, "b")},
			wantErr: `competitor "b" is in both a.json and b.json`},
		{name: "missing shard", parts: []*signal.File{file("h", at, "a")}, order: []string{"a", "b", "c"},
			wantErr: "2 competitor(s) of the configuration are in none of the files (is a shard missing?): b, c"},
		{name: "not in config", parts: []*signal.File{file("h", at, "a", "x")}, order: []string{"a"},
			wantErr: `competitor "x" of a.json is not in the configuration`},
		{name: "all shards", parts: []*signal.File{shard(file("h", at, "b"), 1, 2), shard(file("h", at, "a"), 0, 2)},
			want: []string{"a", "b"}},
		{name: "lost shard without a config", parts: []*signal.File{shard(file("h", at, "a"), 0, 3), shard(file("h", at, "c"), 2, 3)},
			wantErr: "shard 1/3 missing"},
		{name: "shard given twice", parts: []*signal.File{shard(file("h", at, "a"), 0, 2), shard(file("h", at, "b"), 0, 2)},
			wantErr: "a.json and b.json are both shard 0/2"},
		{name: "shards of different partitions", parts: []*signal.File{shard(file("h", at, "a"), 0, 2), shard(file("h", at, "b"), 1, 3)},
			wantErr: "b.json is shard 1/3 but other files are shards of 2"},
		{name: "shards mixed with a whole crawl", parts: []*signal.File{shard(file("h", at, "a"), 0, 1), file("h", at, "b")},
			wantErr: "some files are shards"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := []string{"a.json", "b.json", "c.json"}[:len(tt.parts)]
			got, err := mergeSignals(names, tt.parts, tt.order)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, c := range got.Competitors {
				ids = append(ids, c.ID)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("merged ids (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMergeTimes(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC)
	parts := []*signal.File{
		{Schema: signal.Schema, StartedAt: t0.Add(time.Minute), FinishedAt: t0.Add(9 * time.Minute), Competitors: []signal.Competitor{{ID: "a"}}},
		{Schema: signal.Schema, StartedAt: t0, FinishedAt: t0.Add(5 * time.Minute), Competitors: []signal.Competitor{{ID: "b"}}},
		{Schema: signal.Schema, StartedAt: t0.Add(2 * time.Minute), FinishedAt: t0.Add(12 * time.Minute)},
	}
	got, err := mergeSignals([]string{"0.json", "1.json", "2.json"}, parts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !got.StartedAt.Equal(t0) || !got.FinishedAt.Equal(t0.Add(12*time.Minute)) {
		t.Errorf("merged times %v – %v, want %v – %v", got.StartedAt, got.FinishedAt, t0, t0.Add(12*time.Minute))
	}
}

func TestMergeCommandRefusesMixedConfigs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, hash string) string {
		path := filepath.Join(dir, name)
		data := fmt.Sprintf(`{"schema":%q,"config_hash":%q,"started_at":"2026-11-22T06:00:00Z","finished_at":"2026-11-22T06:01:00Z","competitors":[]}`, signal.Schema, hash)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	a, b := write("shard-0.json", "aaaaaaaaaaaa"), write("shard-1.json", "bbbbbbbbbbbb")
	r := cxbench(t, "merge", "-o", filepath.Join(dir, "out.json"), a, b)
	if r.code != exitFailed || !strings.Contains(r.stderr, "shards must come from the same benchmarks.yaml") {
		t.Errorf("exit %d, stderr %q; want exit %d and a clear message", r.code, r.stderr, exitFailed)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
		t.Error("a refused merge wrote its output")
	}
	if r := cxbench(t, "merge", "-o", filepath.Join(dir, "out.json")); r.code != exitUsage {
		t.Errorf("merge without files: exit %d, want %d", r.code, exitUsage)
	}
}
