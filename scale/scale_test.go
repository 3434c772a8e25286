package scale

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/internal/farm"
	"github.com/cxbench/cxbench/reports"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

func TestMain(m *testing.M) {
	if os.Getenv(envWrap) != "" {
		os.Exit(runWrapper())
	}
	if os.Getenv(envChild) == "colly" {
		os.Exit(runCollyChild())
	}
	os.Exit(m.Run())
}

// The suite's parameters (issue 8).
const (
	pagesPerSite = 30
	politeDelay  = 100 * time.Millisecond
	concurrency  = 64
)

var sizes = []int{10, 100, 500}

// point is one size's figures, for the growth fit.
type point struct {
	n       int
	figures map[string]float64
}

// BenchmarkScale is the suite:
//
//	go test ./scale -run '^$' -bench . -benchtime 1x -timeout 30m
//
// Every crawl runs in a child process (cxbench crawl, built from this
// tree, or this test binary running a bare colly collector) against a farm
// served by the benchmark process, so the child's peak RSS (getrusage
// ru_maxrss) and CPU time are the crawler's alone.
func BenchmarkScale(b *testing.B) {
	bin := buildCxbench(b)
	series := map[string][]point{} // by sub-benchmark family
	record := func(family string, n int, figures map[string]float64) {
		series[family] = append(slices.DeleteFunc(series[family], func(p point) bool { return p.n == n }), point{n, figures})
	}

	for _, n := range sizes {
		b.Run(fmt.Sprintf("polite/cxbench/n=%d", n), func(b *testing.B) {
			fg := crawlCxbench(b, bin, n, politeDelay, concurrency)
			record("polite/cxbench", n, fg)
		})
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("polite/colly/n=%d", n), func(b *testing.B) {
			record("polite/colly", n, crawlColly(b, n, politeDelay))
		})
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("fast/cxbench/n=%d", n), func(b *testing.B) {
			fg := crawlCxbench(b, bin, n, 0, concurrency)
			record("fast/cxbench", n, fg)
		})
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("fast/colly/n=%d", n), func(b *testing.B) {
			record("fast/colly", n, crawlColly(b, n, 0))
		})
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("extract/n=%d", n), func(b *testing.B) {
			record("extract", n, extractFarm(b, n))
		})
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("score-report/n=%d", n), func(b *testing.B) {
			record("score-report", n, scoreReport(b, bin, n))
		})
	}
	logGrowth(b, series)
}

// buildCxbench builds cxbench from this tree into a temporary directory.
func buildCxbench(b testing.TB) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(b.TempDir(), "cxbench")
	out, err := exec.Command(goTool, "build", "-o", bin, "github.com/cxbench/cxbench/cmd/cxbench").CombinedOutput()
	if err != nil {
		b.Fatalf("building cxbench: %v\n%s", err, out)
	}
	return bin
}

// startFarm serves n generated sites and writes their configuration.
func startFarm(b *testing.B, n int, delay time.Duration, conc int) (*farm.Farm, string) {
	b.Helper()
	f, err := farm.Start(n, pagesPerSite)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(f.Close)
	crawl := fmt.Sprintf("  delay: %s\n  concurrency: %d\n  max_pages: 40\n  retries: 0\n  timeout: 60s\n", delay, conc)
	data, err := f.Config(crawl)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "farm.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return f, path
}

// politeLimit is the least wall time a polite crawl of n sites can take:
// every site needs requests requests one at a time, delay apart, and at
// most conc sites are crawled at once. With equal sites the crawl proceeds
// in ceil(n/conc) waves of (requests-1) x delay each.
func politeLimit(n, conc, requests int, delay time.Duration) time.Duration {
	waves := (n + conc - 1) / conc
	return time.Duration(waves*(requests-1)) * delay
}

// child is a finished child process's measurements.
type child struct {
	wall     time.Duration
	cpu      time.Duration
	maxRSSMB float64
	heapMB   float64 // the largest Go heap gctrace reported (0 without GCs)
	stdout   []byte
}

// runChild runs cmd with GODEBUG=gctrace=1 through the rusage wrapper
// (see runWrapper) and measures it.
func runChild(b testing.TB, cmd *exec.Cmd) child {
	b.Helper()
	argv, err := json.Marshal(append([]string{cmd.Path}, cmd.Args[1:]...))
	if err != nil {
		b.Fatal(err)
	}
	ruFile := filepath.Join(b.TempDir(), "rusage.json")
	wrapped := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	wrapped.Env = append(cmd.Env, "GODEBUG=gctrace=1", envWrap+"="+string(argv), envRusage+"="+ruFile)
	var stdout, stderr bytes.Buffer
	wrapped.Stdout, wrapped.Stderr = &stdout, &stderr
	start := time.Now()
	if err := wrapped.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", cmd.Path, err, tail(stderr.String(), 2000))
	}
	wall := time.Since(start)
	data, err := os.ReadFile(ruFile)
	if err != nil {
		b.Fatal(err)
	}
	var ru rusage
	if err := json.Unmarshal(data, &ru); err != nil {
		b.Fatal(err)
	}
	return child{
		wall:     wall,
		cpu:      time.Duration(ru.CPUNanos),
		maxRSSMB: float64(ru.MaxRSSKiB) / 1024, // Linux: KiB
		heapMB:   peakHeapMB(stderr.String()),
		stdout:   stdout.Bytes(),
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// gcLine matches gctrace's heap sizes: "A->B->C MB" (heap at the start
// and end of a GC, live heap after it).
var gcLine = regexp.MustCompile(`(\d+)->(\d+)->(\d+) MB`)

// peakHeapMB is the largest heap size in a gctrace log, in MB.
func peakHeapMB(log string) float64 {
	peak := 0.0
	for _, m := range gcLine.FindAllStringSubmatch(log, -1) {
		for _, s := range m[1:3] {
			if v, err := strconv.ParseFloat(s, 64); err == nil {
				peak = max(peak, v)
			}
		}
	}
	return peak
}

// crawlCxbench runs cxbench crawl against a farm of n sites and checks
// that every page was fetched.
func crawlCxbench(b *testing.B, bin string, n int, delay time.Duration, conc int) map[string]float64 {
	f, cfg := startFarm(b, n, delay, conc)
	out := filepath.Join(b.TempDir(), "signals.json")
	var c child
	var file signal.File
	for b.Loop() {
		cmd := exec.Command(bin, "crawl", "-q", "-c", cfg, "-o", out)
		cmd.Env = os.Environ()
		c = runChild(b, cmd)
		data, err := os.ReadFile(out)
		if err != nil {
			b.Fatal(err)
		}
		file = signal.File{}
		if err := json.Unmarshal(data, &file); err != nil {
			b.Fatal(err)
		}
	}
	pages := 0
	for _, comp := range file.Competitors {
		if len(comp.Errors) > 0 {
			b.Fatalf("%s: %v", comp.ID, comp.Errors)
		}
		pages += len(comp.Pages)
	}
	if pages != n*pagesPerSite {
		b.Fatalf("fetched %d pages, want %d", pages, n*pagesPerSite)
	}
	crawl := file.FinishedAt.Sub(file.StartedAt)
	fg := map[string]float64{
		"crawl-s":  crawl.Seconds(),
		"proc-s":   c.wall.Seconds(),
		"cpu-s":    c.cpu.Seconds(),
		"rss-MB":   c.maxRSSMB,
		"heap-MB":  c.heapMB,
		"pages/s":  float64(pages) / crawl.Seconds(),
		"sites":    float64(n),
		"requests": float64(n * f.RequestsPerSite()),
	}
	if delay > 0 {
		limit := politeLimit(n, conc, f.RequestsPerSite(), delay)
		fg["limit-s"] = limit.Seconds()
		fg["wall/limit"] = crawl.Seconds() / limit.Seconds()
	}
	report(b, fg)
	return fg
}

// crawlColly runs the bare colly baseline in a child process.
func crawlColly(b *testing.B, n int, delay time.Duration) map[string]float64 {
	f, _ := startFarm(b, n, delay, concurrency)
	list := filepath.Join(b.TempDir(), "urls.txt")
	if err := os.WriteFile(list, []byte(strings.Join(f.URLs(), "\n")), 0o644); err != nil {
		b.Fatal(err)
	}
	var c child
	var res collyResult
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		cmd.Env = append(os.Environ(), envChild+"=colly", envURLs+"="+list, envDelay+"="+delay.String())
		c = runChild(b, cmd)
		if err := json.Unmarshal(c.stdout, &res); err != nil {
			b.Fatalf("colly child's output %q: %v", c.stdout, err)
		}
	}
	// colly reads robots.txt (not sitemaps) and follows every allowed
	// link; the farm counts what it was sent.
	if res.Pages < int64(n*pagesPerSite) {
		b.Fatalf("colly fetched %d pages, want at least %d", res.Pages, n*pagesPerSite)
	}
	perSite := int(f.Requests()) / (n * b.N)
	crawl := time.Duration(res.CrawlMS * float64(time.Millisecond))
	fg := map[string]float64{
		"crawl-s":  crawl.Seconds(),
		"proc-s":   c.wall.Seconds(),
		"cpu-s":    c.cpu.Seconds(),
		"rss-MB":   c.maxRSSMB,
		"heap-MB":  c.heapMB,
		"pages/s":  float64(res.Pages) / crawl.Seconds(),
		"requests": float64(perSite * n),
	}
	if delay > 0 {
		// All hosts at once, the requests colly sent to each.
		limit := politeLimit(n, n, perSite, delay)
		fg["limit-s"] = limit.Seconds()
		fg["wall/limit"] = crawl.Seconds() / limit.Seconds()
	}
	report(b, fg)
	return fg
}

// extractFarm measures extraction alone: every page of n sites parsed
// and extracted on one goroutine (CPU time = wall time), as the crawler
// does for each page, plus each competitor's Finish.
func extractFarm(b *testing.B, n int) map[string]float64 {
	f, err := farm.Start(0, pagesPerSite)
	if err != nil {
		b.Fatal(err)
	}
	ex := extract.New(nil)
	var spent time.Duration
	bytesIn := 0
	for b.Loop() {
		spent, bytesIn = 0, 0
		for i := range n {
			s := farm.NewSite(i)
			s.URL = fmt.Sprintf("http://127.0.0.1:%d/", 20000+i)
			base, _ := url.Parse(s.URL)
			bodies := make([][]byte, pagesPerSite)
			for p := range pagesPerSite {
				bodies[p] = f.Render(s, p)
				bytesIn += len(bodies[p])
			}
			paths := pagePaths(b, bodies[0], pagesPerSite)
			start := time.Now()
			coll := ex.NewCollector(config.Competitor{ID: s.ID, URL: s.URL})
			var recs []signal.Page
			for p, body := range bodies {
				u := base.JoinPath(paths[p])
				kind := signal.KindHome
				if p > 0 {
					kind = extract.Classify(u, "")
					if kind == "" {
						kind = signal.KindOther
					}
				}
				doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
				if err != nil {
					b.Fatal(err)
				}
				coll.Add(&extract.Page{URL: u, Kind: kind, Depth: min(p, 1), Doc: doc})
				recs = append(recs, signal.Page{URL: u.String(), Status: 200, MS: 2, Kind: kind, Bytes: len(body)})
			}
			if sig := coll.Finish(recs, true); len(sig) < 10 {
				b.Fatalf("%s: only %d signals", s.ID, len(sig))
			}
			spent += time.Since(start)
		}
	}
	pages := n * pagesPerSite
	fg := map[string]float64{
		"extract-s": spent.Seconds(),
		"ms/page":   float64(spent) / float64(time.Millisecond) / float64(pages),
		"MB/s":      float64(bytesIn) / 1e6 / spent.Seconds(),
		"KB/page":   float64(bytesIn) / 1e3 / float64(pages),
	}
	report(b, fg)
	return fg
}

// pagePaths returns the paths of a farm site's pages in page order: "/",
// then the policy pages and products the home page's links name.
func pagePaths(b *testing.B, home []byte, n int) []string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(home))
	if err != nil {
		b.Fatal(err)
	}
	paths := []string{"/"}
	seen := map[string]bool{"/": true, "/cart": true}
	doc.Find("nav[aria-label=Main] a, .grid a").Each(func(_ int, s *goquery.Selection) {
		h := s.AttrOr("href", "")
		if !seen[h] {
			seen[h] = true
			paths = append(paths, h)
		}
	})
	if len(paths) != n {
		b.Fatalf("home page links %d pages, want %d", len(paths), n)
	}
	return paths
}

// scoreReport measures what run does after the crawl: score the signals
// with the rubric and write signals.json, scorecard.json and index.html.
// The signals come from a delay-0 crawl of the farm (not timed). The CLI
// path (cxbench score, then cxbench report: two processes, reading the
// files back) is timed once too.
func scoreReport(b *testing.B, bin string, n int) map[string]float64 {
	_, cfgPath := startFarm(b, n, 0, concurrency)
	dir := b.TempDir()
	sigPath := filepath.Join(dir, "signals.json")
	cmd := exec.Command(bin, "crawl", "-q", "-c", cfgPath, "-o", sigPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("crawl: %v\n%s", err, out)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(sigPath)
	if err != nil {
		b.Fatal(err)
	}
	var f signal.File
	if err := json.Unmarshal(data, &f); err != nil {
		b.Fatal(err)
	}
	htmlBytes := 0
	for b.Loop() {
		sc := scoring.Score(&cfg.Rubric, &f, scoring.Options{RubricHash: cfg.Rubric.Hash(), ConfigHash: cfg.Hash})
		if len(sc.Competitors) != n {
			b.Fatalf("scorecard has %d competitors, want %d", len(sc.Competitors), n)
		}
		var report bytes.Buffer
		if err := reports.HTML(&report, sc); err != nil {
			b.Fatal(err)
		}
		htmlBytes = report.Len()
		for name, v := range map[string]any{"signals.json": &f, "scorecard.json": sc} {
			if err := writeJSONFile(filepath.Join(dir, "out-"+name), v); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "index.html"), report.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	perOp := b.Elapsed().Seconds() / float64(b.N)
	start := time.Now()
	sc := filepath.Join(dir, "scorecard.json")
	for _, args := range [][]string{
		{"score", "-q", "-c", cfgPath, "--signals", sigPath, "-o", sc},
		{"report", "-q", "--scorecard", sc, "-o", filepath.Join(dir, "cli.html")},
	} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			b.Fatalf("cxbench %s: %v\n%s", args[0], err, out)
		}
	}
	fg := map[string]float64{
		"score+report-s": perOp,
		"cli-s":          time.Since(start).Seconds(),
		"html-MB":        float64(htmlBytes) / 1e6,
	}
	report(b, fg)
	return fg
}

func writeJSONFile(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func report(b *testing.B, fg map[string]float64) {
	for _, k := range slices.Sorted(mapsKeys(fg)) {
		b.ReportMetric(fg[k], k)
	}
}

func mapsKeys(m map[string]float64) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// exponent is the least-squares slope of log y against log n: 1 is
// linear growth, 0 constant.
func exponent(ns, ys []float64) float64 {
	if len(ns) < 2 {
		return math.NaN()
	}
	var sx, sy, sxx, sxy float64
	for i := range ns {
		x, y := math.Log(ns[i]), math.Log(ys[i])
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	k := float64(len(ns))
	return (k*sxy - sx*sy) / (k*sxx - sx*sx)
}

// logGrowth logs each figure's growth exponent over the sizes measured.
func logGrowth(b *testing.B, series map[string][]point) {
	var lines []string
	for _, family := range slices.Sorted(func(yield func(string) bool) {
		for k := range series {
			if !yield(k) {
				return
			}
		}
	}) {
		pts := series[family]
		if len(pts) < 2 {
			continue
		}
		slices.SortFunc(pts, func(a, b point) int { return a.n - b.n })
		for _, key := range slices.Sorted(mapsKeys(pts[0].figures)) {
			var ns, ys []float64
			var vals []string
			for _, p := range pts {
				if v, ok := p.figures[key]; ok && v > 0 {
					ns, ys = append(ns, float64(p.n)), append(ys, v)
					vals = append(vals, fmt.Sprintf("n=%d: %.4g", p.n, v))
				}
			}
			if len(ns) >= 2 {
				lines = append(lines, fmt.Sprintf("%-14s %-14s exponent %5.2f   (%s)", family, key, exponent(ns, ys), strings.Join(vals, ", ")))
			}
		}
	}
	if len(lines) > 0 {
		// Printed, not logged: a parent benchmark's log is not shown.
		fmt.Printf("growth (log-log least-squares slope over n = %v):\n%s\n", sizes, strings.Join(lines, "\n"))
	}
}
