package scale

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"
)

// Environment of the re-executed test binary that runs the colly
// baseline in its own process, so its memory is measured apart from the
// farm's servers.
const (
	envChild = "CXBENCH_SCALE_CHILD" // "colly"
	envURLs  = "CXBENCH_SCALE_URLS"  // file with one start URL per line
	envDelay = "CXBENCH_SCALE_DELAY" // per-host delay, a Go duration
	// envWrap holds a JSON argv: the test binary runs it and writes its
	// rusage (as a rusage value) to the file named by envRusage.
	envWrap   = "CXBENCH_SCALE_WRAP"
	envRusage = "CXBENCH_SCALE_RUSAGE"
)

// rusage is what the wrapper measured of the wrapped process.
type rusage struct {
	MaxRSSKiB int64 `json:"maxrss_kib"`
	CPUNanos  int64 `json:"cpu_ns"`
}

// runWrapper runs the command in envWrap and records its rusage.
//
// Why a wrapper: Go starts children with vfork (CLONE_VM), and Linux
// folds the RSS high-water mark of the memory the child had before exec —
// the parent's — into the child's ru_maxrss. Started directly from the
// benchmark process, which serves the farm, a child would report the
// benchmark's peak instead of its own whenever that is larger. This small
// wrapper has a small peak of its own, so the wrapped process's ru_maxrss
// is its own peak (or the wrapper's ~10 MB, whichever is larger).
func runWrapper() int {
	var argv []string
	if err := json.Unmarshal([]byte(os.Getenv(envWrap)), &argv); err != nil || len(argv) == 0 {
		fmt.Fprintln(os.Stderr, "wrapper: bad", envWrap, err)
		return 1
	}
	out := os.Getenv(envRusage)
	os.Unsetenv(envWrap)
	os.Unsetenv(envRusage)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "wrapper:", err)
		return 1
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		data, _ := json.Marshal(rusage{MaxRSSKiB: ru.Maxrss, CPUNanos: ru.Utime.Nano() + ru.Stime.Nano()})
		if werr := os.WriteFile(out, data, 0o644); werr != nil {
			fmt.Fprintln(os.Stderr, "wrapper:", werr)
			return 1
		}
	}
	return cmd.ProcessState.ExitCode()
}

// collyResult is what the colly child prints on standard output.
type collyResult struct {
	Pages   int64   `json:"pages"`
	CrawlMS float64 `json:"crawl_ms"`
}

// runCollyChild crawls the listed sites with a bare async colly collector:
// one LimitRule per host (one request at a time, the delay), following
// every link, honouring robots.txt. colly has no limit on hosts crawled at once, so every host
// starts at once.
func runCollyChild() int {
	f, err := os.Open(os.Getenv(envURLs))
	if err != nil {
		fmt.Fprintln(os.Stderr, "colly child:", err)
		return 1
	}
	var urls []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			urls = append(urls, s)
		}
	}
	f.Close()
	delay, err := time.ParseDuration(os.Getenv(envDelay))
	if err != nil {
		fmt.Fprintln(os.Stderr, "colly child: delay:", err)
		return 1
	}
	c := &colly.Collector{}
	c.Init()
	c.Async = true
	c.AllowedDomains = []string{"127.0.0.1"} // never leave the farm (social links)
	c.IgnoreRobotsTxt = false                // the same politeness: /cart is disallowed
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil {
			fmt.Fprintln(os.Stderr, "colly child:", err)
			return 1
		}
		if err := c.Limit(&colly.LimitRule{DomainGlob: p.Host, Parallelism: 1, Delay: delay}); err != nil {
			fmt.Fprintln(os.Stderr, "colly child:", err)
			return 1
		}
	}
	var pages atomic.Int64
	c.OnHTML("a[href]", func(e *colly.HTMLElement) { e.Request.Visit(e.Attr("href")) })
	c.OnResponse(func(*colly.Response) { pages.Add(1) })
	start := time.Now()
	for _, u := range urls {
		c.Visit(u)
	}
	c.Wait()
	out, _ := json.Marshal(collyResult{Pages: pages.Load(), CrawlMS: float64(time.Since(start)) / float64(time.Millisecond)})
	fmt.Println(string(out))
	return 0
}
