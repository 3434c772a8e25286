package scale

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxbench/cxbench/internal/farm"
	"github.com/cxbench/cxbench/signal"
)

// hostileRun is one `cxbench crawl` over a configuration, measured.
type hostileRun struct {
	child
	file signal.File
}

// crawlConfig runs `cxbench crawl -q` (built from this tree) on the
// configuration through the rusage wrapper.
func crawlConfig(t testing.TB, bin string, config []byte) hostileRun {
	t.Helper()
	dir := t.TempDir()
	cfg, out := filepath.Join(dir, "benchmarks.yaml"), filepath.Join(dir, "signals.json")
	if err := os.WriteFile(cfg, config, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "crawl", "-q", "-c", cfg, "-o", out)
	cmd.Env = os.Environ()
	var r hostileRun
	r.child = runChild(t, cmd)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &r.file); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDecompressionBombPeakRSS: decompression bombs of 1 GiB (about 1 MB
// on the wire) in every gzip form — page, sitemap and robots.txt — in one
// `cxbench crawl` with the default settings (but no delay) keep the
// process's peak RSS under 150 MB.
func TestDecompressionBombPeakRSS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cxbench")
	}
	bin := buildCxbench(t)
	h, err := farm.StartHostile(farm.HostileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	var config strings.Builder
	config.WriteString("crawl: {delay: 0}\ncompetitors:\n")
	for _, s := range h.Sites {
		if strings.Contains(s.ID, "gz") || strings.Contains(s.ID, "deflate") {
			config.WriteString("  - {id: " + s.ID + ", url: \"" + s.URL + "\"}\n")
		}
	}
	config.WriteString("rubric:\n  categories:\n    - {id: c, weight: 1, criteria: [{signal: site.pages, weight: 1, score: {linear: {worst: 0, best: 10}}}]}\n")
	r := crawlConfig(t, bin, []byte(config.String()))
	truncated := 0
	for _, c := range r.file.Competitors {
		for _, e := range c.Errors {
			if strings.Contains(e.Message, "truncated at 5242880 bytes") {
				truncated++
			}
		}
	}
	t.Logf("%d competitors, %d truncations recorded, peak RSS %.0f MB, peak heap %.0f MB, %.1f s",
		len(r.file.Competitors), truncated, r.maxRSSMB, r.heapMB, r.wall.Seconds())
	if len(r.file.Competitors) != 9 || truncated < 7 {
		t.Errorf("%d competitors, %d truncations; want 9 competitors, at least 7 truncations (4 pages, 3 sitemaps)", len(r.file.Competitors), truncated)
	}
	if r.maxRSSMB >= 150 {
		t.Errorf("peak RSS %.0f MB, want < 150 MB", r.maxRSSMB)
	}
}

// BenchmarkHostile runs `cxbench crawl` over the hostile farm (39 traps)
// and as many ordinary farm sites (30 pages each) in one run, with the
// default settings ("defaults": delay 1s, timeout 15s, retries 2,
// concurrency 8, max_time 10m...) or quick ones ("quick": no delay, 2s
// timeouts, one retry, max_time 1m). The ordinary sites must come out
// whole and nothing may reach the off-limits host.
//
//	go test ./scale -run '^$' -bench Hostile/defaults -benchtime 1x -timeout 60m
func BenchmarkHostile(b *testing.B) {
	bin := buildCxbench(b)
	for _, v := range []struct{ name, crawl string }{
		{"defaults", "  max_pages: 40\n"},
		{"quick", "  delay: 0\n  timeout: 2s\n  retries: 1\n  max_time: 1m\n  max_crawl_delay: 1s\n  max_retry_wait: 1s\n"},
	} {
		b.Run(v.name, func(b *testing.B) {
			h, err := farm.StartHostile(farm.HostileOptions{})
			if err != nil {
				b.Fatal(err)
			}
			defer h.Close()
			normal, err := farm.Start(len(h.Sites), pagesPerSite)
			if err != nil {
				b.Fatal(err)
			}
			defer normal.Close()
			config, err := h.Config(v.crawl, normal)
			if err != nil {
				b.Fatal(err)
			}
			var r hostileRun
			for b.Loop() {
				r = crawlConfig(b, bin, config)
			}
			if n := h.OffLimitsRequests(); n != 0 {
				b.Errorf("the off-limits host received %d requests", n)
			}
			ordinary := map[string]bool{}
			for _, s := range normal.Sites() {
				ordinary[s.ID] = true
			}
			whole, hostileErrors := 0, 0
			for _, c := range r.file.Competitors {
				switch {
				case !ordinary[c.ID]:
					hostileErrors += len(c.Errors)
				case len(c.Pages) == pagesPerSite && len(c.Errors) == 0 && c.Complete && len(c.Signals) > 10:
					whole++
				default:
					b.Errorf("%s: %d pages, errors %v, complete %v, %d signals", c.ID, len(c.Pages), c.Errors, c.Complete, len(c.Signals))
				}
			}
			crawl := r.file.FinishedAt.Sub(r.file.StartedAt)
			b.ReportMetric(float64(len(h.Sites)), "hostile")
			b.ReportMetric(float64(whole), "ordinary-whole")
			b.ReportMetric(float64(hostileErrors), "hostile-errors")
			b.ReportMetric(crawl.Seconds(), "crawl-s")
			b.ReportMetric(r.wall.Seconds(), "proc-s")
			b.ReportMetric(r.cpu.Seconds(), "cpu-s")
			b.ReportMetric(r.maxRSSMB, "rss-MB")
			b.ReportMetric(r.heapMB, "heap-MB")
		})
	}
}
