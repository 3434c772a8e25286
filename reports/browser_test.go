package reports

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cxbench/cxbench/scoring"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// outDir receives the screenshots (git-ignored).
var outDir = filepath.Join("testdata", "out")

// startBrowser starts one headless Chromium for a test or benchmark; tabs
// opened from the returned context share it. Without chromium the test is
// skipped, except in CI (CI=true), where that is a failure.
func startBrowser(tb testing.TB) context.Context {
	tb.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("chromium is required in CI: %v (apt-get install chromium)", err)
		}
		tb.Skipf("chromium not installed: %v", err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1366, 900),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	tb.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// pageLog records what a tab did: requests, console errors, dialogs.
type pageLog struct {
	mu       sync.Mutex
	requests []string
	errors   []string
	dialogs  []string
}

func (l *pageLog) add(dst *[]string, s string) {
	l.mu.Lock()
	*dst = append(*dst, s)
	l.mu.Unlock()
}

func (l *pageLog) snapshot() (requests, errors, dialogs []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.requests...), append([]string(nil), l.errors...), append([]string(nil), l.dialogs...)
}

// tab is one page of the shared browser showing a report.
type tab struct {
	ctx context.Context
	log *pageLog
	url string
}

// serveReport serves html at / on a loopback server for the life of tb.
func serveReport(tb testing.TB, html []byte) string {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(html)
	}))
	tb.Cleanup(srv.Close)
	return srv.URL + "/"
}

// openReport opens html in a new tab of browser, records its events and
// waits until every chart has drawn.
func openReport(tb testing.TB, browser context.Context, html []byte, width, height int64) *tab {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	tb.Cleanup(cancel)
	tb2 := &tab{ctx: ctx, log: &pageLog{}, url: serveReport(tb, html)}
	dialogs := make(chan struct{}, 16)
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb2.log.add(&tb2.log.requests, e.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				tb2.log.add(&tb2.log.errors, "console: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			tb2.log.add(&tb2.log.errors, fmt.Sprintf("exception at %d:%d: %s", d.LineNumber, d.ColumnNumber, msg))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				tb2.log.add(&tb2.log.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			tb2.log.add(&tb2.log.dialogs, string(e.Type)+": "+e.Message)
			select {
			case dialogs <- struct{}{}:
			default:
			}
		}
	}); err != nil {
		tb.Fatalf("listening to the tab: %v", err)
	}
	// A dialog blocks the page: dismiss it (the test fails on it anyway).
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-dialogs:
				chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		tb.Fatalf("setting the viewport: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 30*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx,
		chromedp.Navigate(tb2.url),
		chromedp.WaitReady(chromedp.CSS(`body[data-charts-ready]`)),
	); err != nil {
		_, errs, dialogs := tb2.log.snapshot()
		tb.Fatalf("loading the report: %v (errors %q, dialogs %q)", err, errs, dialogs)
	}
	return tb2
}

// eval evaluates expr in the tab and decodes the result into T.
func eval[T any](tb testing.TB, tt *tab, expr string) T {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
}

// checkQuiet fails when the page made any request but the document, logged
// an error or opened a dialog.
func checkQuiet(t *testing.T, tt *tab) {
	t.Helper()
	reqs, errs, dialogs := tt.log.snapshot()
	for _, r := range reqs {
		if r != tt.url {
			t.Errorf("the page made a network request to %q; only the document %q is allowed", r, tt.url)
		}
	}
	if len(reqs) == 0 {
		t.Errorf("no request recorded at all: the network listener is not working")
	}
	for _, e := range errs {
		t.Errorf("console error: %s", e)
	}
	for _, d := range dialogs {
		t.Errorf("a JavaScript dialog opened: %s", d)
	}
}

// chartPixels reports, per chart, whether it has a canvas whose pixels are
// not all one colour (read through toDataURL and getImageData).
const chartPixelsJS = `Array.from(document.querySelectorAll('.chart')).map(function (el) {
  var c = el.querySelector('canvas');
  if (!c) { return {id: el.id, colors: 0, differs: false}; }
  var blank = document.createElement('canvas');
  blank.width = c.width; blank.height = c.height;
  var differs = c.toDataURL() !== blank.toDataURL();
  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  var seen = {}, n = 0;
  for (var i = 0; i < d.length && n < 50; i += 4 * 13) {
    var k = d[i] + ',' + d[i+1] + ',' + d[i+2] + ',' + d[i+3];
    if (!seen[k]) { seen[k] = true; n++; }
  }
  return {id: el.id, colors: n, differs: differs};
})`

type chartPixels struct {
	ID      string `json:"id"`
	Colors  int    `json:"colors"`
	Differs bool   `json:"differs"`
}

const leaderOrderJS = `Array.from(document.querySelectorAll('#leaderboard-table tbody tr')).map(function (tr) { return tr.getAttribute('data-id'); })`

const barOrderJS = `echarts.getInstanceByDom(document.getElementById('chart-leaderboard')).getOption().yAxis[0].data.map(function (x) { return typeof x === 'object' ? x.value : x; })`

func htmlReport(tb testing.TB, sc *scoring.Scorecard) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := HTML(&b, sc); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func screenshot(tb testing.TB, tt *tab, name string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.Fatalf("taking screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outDir, name), png, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func TestBrowser(t *testing.T) {
	browser := startBrowser(t)
	sc := loadFixture(t)
	report := htmlReport(t, sc)

	t.Run("renders offline with every chart drawn", func(t *testing.T) {
		tt := openReport(t, browser, report, 1366, 900)
		got := eval[[]chartPixels](t, tt, chartPixelsJS)
		if len(got) != 3 {
			t.Fatalf("found %d charts, want 3: %+v", len(got), got)
		}
		for _, c := range got {
			if !c.Differs || c.Colors < 3 {
				t.Errorf("chart %s looks blank: %+v", c.ID, c)
			}
		}
		checkQuiet(t, tt)
	})

	t.Run("what-if slider re-ranks live", func(t *testing.T) {
		tt := openReport(t, browser, report, 1366, 900)
		before := eval[[]string](t, tt, leaderOrderJS)
		if diff := strings.Join(before, ","); diff != "acme,northwind,summit,trailhead,bluepeak,lowland" {
			t.Fatalf("initial order %v", before)
		}
		// Triple the weight of "Returns & warranty" (category 1), as a
		// script would drive the control.
		eval[bool](t, tt, `(function () {
			var s = document.getElementById('w-1');
			s.value = '300';
			s.dispatchEvent(new Event('input', {bubbles: true}));
			s.dispatchEvent(new Event('change', {bubbles: true}));
			return true;
		})()`)
		after := eval[[]string](t, tt, leaderOrderJS)
		want := []string{"acme", "summit", "bluepeak", "northwind", "trailhead", "lowland"}
		if strings.Join(after, ",") != strings.Join(want, ",") {
			t.Errorf("order after re-weighting = %v, want %v", after, want)
		}
		bar := eval[[]string](t, tt, barOrderJS)
		if len(bar) != 6 || bar[1] != "Summit Gear Co." {
			t.Errorf("bar chart order after re-weighting = %v, want Summit Gear Co. second", bar)
		}
		radar := eval[[]string](t, tt, `Array.from(document.querySelectorAll('#radar-table tbody th')).map(function (th) { return th.textContent; })`)
		if len(radar) != 3 || radar[1] != "Leader: Acme Outdoor" {
			t.Errorf("radar table rows = %v", radar)
		}
		ranks := eval[string](t, tt, `document.querySelector('#leaderboard-table tbody tr[data-id="northwind"] .rank').textContent`)
		if ranks != "4 (2)" {
			t.Errorf("northwind's rank cell = %q, want %q", ranks, "4 (2)")
		}
		screenshot(t, tt, "whatif-desktop.png")

		// Reset restores the scorecard's own ranking.
		if err := chromedp.Do(tt.ctx, chromedp.Click(chromedp.CSS(`#reset-weights`))); err != nil {
			t.Fatal(err)
		}
		reset := eval[[]string](t, tt, leaderOrderJS)
		if strings.Join(reset, ",") != strings.Join(before, ",") {
			t.Errorf("order after reset = %v, want %v", reset, before)
		}

		// The sliders work from the keyboard.
		if err := chromedp.Do(tt.ctx, chromedp.Focus(chromedp.CSS(`#w-0`)), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
		val := eval[string](t, tt, `document.getElementById('w-0').value + ' ' + document.getElementById('w-0-out').textContent`)
		if !strings.HasPrefix(val, "105 ×1.05") {
			t.Errorf("after ArrowRight the first slider reads %q, want 105 ×1.05…", val)
		}
		checkQuiet(t, tt)
	})

	t.Run("screenshots", func(t *testing.T) {
		for _, v := range []struct {
			name string
			w, h int64
		}{
			{"report-desktop.png", 1366, 900},
			{"report-phone.png", 390, 844},
		} {
			tt := openReport(t, browser, report, v.w, v.h)
			overflow := eval[int](t, tt, `document.documentElement.scrollWidth - document.documentElement.clientWidth`)
			if overflow > 0 {
				t.Errorf("%s: the page scrolls sideways by %dpx", v.name, overflow)
			}
			screenshot(t, tt, v.name)
			checkQuiet(t, tt)
		}
		noSelf := openReport(t, browser, htmlReport(t, withoutSelf(t, sc)), 1366, 900)
		screenshot(t, noSelf, "report-noself-desktop.png")
		checkQuiet(t, noSelf)
	})

	t.Run("200 competitors stay usable", func(t *testing.T) {
		tt := openReport(t, browser, htmlReport(t, syntheticScorecard(t, 200)), 1366, 900)
		for _, c := range eval[[]chartPixels](t, tt, chartPixelsJS) {
			if !c.Differs || c.Colors < 3 {
				t.Errorf("chart %s looks blank: %+v", c.ID, c)
			}
		}
		got := eval[[]int](t, tt, `[document.querySelectorAll('#leaderboard-table tbody tr').length, document.querySelectorAll('details.card[open]').length]`)
		if got[0] != 200 || got[1] != 1 {
			t.Errorf("table rows, open cards = %v, want 200 rows and only self's card open", got)
		}
		ctx, cancel := context.WithTimeout(tt.ctx, 30*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(outDir, "report-200-viewport.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		checkQuiet(t, tt)
	})

	t.Run("hostile data stays inert", func(t *testing.T) {
		tt := openReport(t, browser, htmlReport(t, hostileScorecard(t)), 1366, 900)
		// Show every chart's tooltip for the hostile items: ECharts builds
		// tooltips as HTML.
		eval[bool](t, tt, `(function () {
			['chart-leaderboard', 'chart-radar', 'chart-heatmap'].forEach(function (id) {
				var c = echarts.getInstanceByDom(document.getElementById(id));
				for (var i = 0; i < 4; i++) { c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i}); }
			});
			return true;
		})()`)
		time.Sleep(300 * time.Millisecond)
		got := eval[map[string]any](t, tt, `({
			pwned: window.__pwned === undefined ? 0 : window.__pwned,
			scripts: document.scripts.length,
			media: document.querySelectorAll('img, iframe, object, embed, svg image').length,
			jsLinks: Array.from(document.querySelectorAll('a[href]')).filter(function (a) { return !/^(https?:|#)/.test(a.getAttribute('href')); }).length,
			handlers: Array.from(document.querySelectorAll('*')).filter(function (el) { return Array.from(el.attributes).some(function (a) { return /^on/i.test(a.name); }); }).length,
			barName: typeof echarts.getInstanceByDom(document.getElementById('chart-leaderboard')).getOption().series[0].data[0].name,
			tooltipText: Array.from(document.querySelectorAll('#chart-heatmap div, #chart-leaderboard div')).map(function (d) { return d.textContent; }).join(' ')
		})`)
		want := map[string]any{"pwned": float64(0), "scripts": float64(3), "media": float64(0), "jsLinks": float64(0), "handlers": float64(0), "barName": "string"}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s = %v, want %v", k, got[k], w)
			}
		}
		if tip, _ := got["tooltipText"].(string); !strings.Contains(tip, "onerror") && !strings.Contains(tip, "</script>") && !strings.Contains(tip, "__f__") {
			t.Errorf("no tooltip showed the hostile text as text (got %.200q): the tooltips were not exercised", tip)
		}
		screenshot(t, tt, "hostile-desktop.png")
		checkQuiet(t, tt)
	})
}

// TestReportSize checks that a 50-competitor report stays under 3 MB (a
// size, not a time: safe to assert).
func TestReportSize(t *testing.T) {
	for _, tt := range []struct {
		n   int
		max int
	}{
		{50, 3 << 20},
		{200, 6 << 20},
	} {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			b := htmlReport(t, syntheticScorecard(t, tt.n))
			t.Logf("%d competitors: %d bytes (%.2f MB)", tt.n, len(b), float64(len(b))/(1<<20))
			if len(b) > tt.max {
				t.Errorf("report for %d competitors is %d bytes, want at most %d", tt.n, len(b), tt.max)
			}
		})
	}
}

// BenchmarkBrowserRender measures how long headless Chromium takes from
// navigation start until every chart has drawn (render-ms), for large
// fields. Run with: go test ./reports -run '^$' -bench BrowserRender -benchtime 5x
func BenchmarkBrowserRender(b *testing.B) {
	browser := startBrowser(b)
	for _, n := range []int{6, 50, 200} {
		b.Run(fmt.Sprintf("competitors=%d", n), func(b *testing.B) {
			var sc *scoring.Scorecard
			if n == 6 {
				sc = loadFixture(b)
			} else {
				sc = syntheticScorecard(b, n)
			}
			html := htmlReport(b, sc)
			var total, dom float64
			for i := 0; i < b.N; i++ {
				tt := openReport(b, browser, html, 1366, 900)
				ms := eval[[]float64](b, tt, `[Number(document.body.getAttribute('data-charts-ready')), performance.getEntriesByType('navigation')[0].domInteractive]`)
				total += ms[0]
				dom += ms[1]
			}
			b.ReportMetric(total/float64(b.N), "render-ms")
			b.ReportMetric(dom/float64(b.N), "parsed-ms")
			b.ReportMetric(float64(len(html))/(1<<20), "MB")
		})
	}
}

// BenchmarkHTML measures rendering the HTML report in Go.
// Run with: go test ./reports -run '^$' -bench 'HTML$'
func BenchmarkHTML(b *testing.B) {
	for _, n := range []int{6, 50, 200} {
		b.Run(fmt.Sprintf("competitors=%d", n), func(b *testing.B) {
			var sc *scoring.Scorecard
			if n == 6 {
				sc = loadFixture(b)
			} else {
				sc = syntheticScorecard(b, n)
			}
			var size int
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				if err := HTML(&buf, sc); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/(1<<20), "MB")
		})
	}
}
