package reports

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
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

// axeJS is axe-core (MPL-2.0, see testdata/axe), run inside the page by
// the accessibility test: tests never fetch it.
//
//go:embed testdata/axe/axe.min.js
var axeJS string

// artifacts is the directory the browser tests write their screenshots
// and PDFs to: $CXBENCH_ARTIFACTS, or a temporary directory whose path is
// logged.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CXBENCH_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("browser test artefacts (screenshots, PDFs) in %s", dir)
	return dir
}

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
		chromedp.Flag("font-render-hinting", "none"),
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
	url string // the document, without a fragment
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

// openReport opens html in a new tab of browser at the given viewport and
// waits until every chart has drawn.
func openReport(tb testing.TB, browser context.Context, html []byte, width, height int64) *tab {
	return openReportAt(tb, browser, html, "", width, height)
}

// openReportAt is openReport with a URL fragment ("#vs=acme").
func openReportAt(tb testing.TB, browser context.Context, html []byte, fragment string, width, height int64) *tab {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	tb.Cleanup(cancel)
	tt := &tab{ctx: ctx, log: &pageLog{}, url: serveReport(tb, html)}
	dialogs := make(chan struct{}, 16)
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			tt.log.add(&tt.log.requests, e.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				tt.log.add(&tt.log.errors, "console: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			tt.log.add(&tt.log.errors, fmt.Sprintf("exception at %d:%d: %s", d.LineNumber, d.ColumnNumber, msg))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				tt.log.add(&tt.log.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			tt.log.add(&tt.log.dialogs, string(e.Type)+": "+e.Message)
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
	tctx, tcancel := context.WithTimeout(ctx, 40*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx,
		chromedp.Navigate(tt.url+fragment),
		chromedp.WaitReady(chromedp.CSS(`body[data-charts-ready]`)),
	); err != nil {
		_, errs, dialogs := tt.log.snapshot()
		tb.Fatalf("loading the report: %v (errors %q, dialogs %q)", err, errs, dialogs)
	}
	return tt
}

// eval evaluates expr in the tab and decodes the result into T.
func eval[T any](tb testing.TB, tt *tab, expr string) T {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.Fatalf("evaluating %.100q: %v", expr, err)
	}
	return v
}

// evalAsync is eval for an expression whose value is a promise.
func evalAsync[T any](tb testing.TB, tt *tab, expr string) T {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("evaluating %.100q: %v", expr, err)
	}
	return v
}

// do runs chromedp actions in the tab.
func do(tb testing.TB, tt *tab, actions ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.Fatal(err)
	}
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

func checkChartsDrawn(t *testing.T, tt *tab, want int) {
	t.Helper()
	got := eval[[]chartPixels](t, tt, chartPixelsJS)
	if len(got) != want {
		t.Fatalf("found %d charts, want %d: %+v", len(got), want, got)
	}
	for _, c := range got {
		if !c.Differs || c.Colors < 3 {
			t.Errorf("chart %s looks blank: %+v", c.ID, c)
		}
	}
}

const leaderOrderJS = `Array.from(document.querySelectorAll('#leaderboard-table tbody tr')).map(function (tr) { return tr.getAttribute('data-id'); })`

const barOrderJS = `echarts.getInstanceByDom(document.getElementById('chart-leaderboard')).getOption().yAxis[0].data.map(function (x) { return typeof x === 'object' ? x.value : x; })`

// numbersJS is every weight-dependent figure on the page, as text.
const numbersJS = `(function () {
  function t(sel) { return Array.from(document.querySelectorAll(sel)).map(function (e) { return e.innerText.replace(/\s+/g, ' ').trim(); }); }
  return {
    verdict: t('#verdict-headline, #kpi-rank, #kpi-overall, #kpi-gap, #kpi-gap-label, #kpi-coverage, #move-list, #moves-together'),
    ranks: t('#leaderboard-table tbody .rank'),
    overall: t('#leaderboard-table tbody .overall'),
    coverage: t('#leaderboard-table tbody .cov-text'),
    leader: t('#leaderboard-table tbody .tag-leader:not([hidden])'),
    gaps: t('#gaps-table tbody tr'),
    cards: t('details.card > summary'),
    h2h: t('#h2h-body .h2h-score'),
    radar: t('#radar-table thead th'),
    shares: t('.share')
  };
})()`

type pageNumbers struct {
	Verdict  []string `json:"verdict"`
	Ranks    []string `json:"ranks"`
	Overall  []string `json:"overall"`
	Coverage []string `json:"coverage"`
	Leader   []string `json:"leader"`
	Gaps     []string `json:"gaps"`
	Cards    []string `json:"cards"`
	H2H      []string `json:"h2h"`
	Radar    []string `json:"radar"`
	Shares   []string `json:"shares"`
}

// setSliders moves the what-if sliders to values (0–300, 100 = rubric),
// as a person would, firing input and change.
func setSliders(t *testing.T, tt *tab, values ...int) {
	t.Helper()
	js := fmt.Sprintf(`(function (vals) {
		var ss = document.querySelectorAll('input.weight');
		vals.forEach(function (v, i) { ss[i].value = String(v); });
		ss[0].dispatchEvent(new Event('input', {bubbles: true}));
		ss[0].dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})(%s)`, jsInts(values))
	eval[bool](t, tt, js)
}

func jsInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	return "[" + strings.Join(s, ",") + "]"
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func htmlReport(tb testing.TB, sc *scoring.Scorecard) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := HTML(&b, sc); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func historyReport(tb testing.TB, sc *scoring.Scorecard) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := HTMLWithHistory(&b, sc, fixtureHistory(tb, sc)); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// screenshot writes a full-page PNG of the tab to dir.
func screenshot(t *testing.T, tt *tab, dir, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 40*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("taking screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// layout is what the layout checks measure in the page.
type layout struct {
	Overflow int `json:"overflow"` // px the page scrolls sideways
	Height   int `json:"height"`
	// Wide lists tables wider than their box that are not in a
	// keyboard-focusable, labelled scroll region.
	Wide []string `json:"wide"`
	// Scrolling lists the tables that scroll inside their region.
	Scrolling []string `json:"scrolling"`
}

const layoutJS = `(function () {
  var out = {overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight, wide: [], scrolling: []};
  document.querySelectorAll('table').forEach(function (t) {
    if (!t.offsetParent) { return; }
    var name = t.id || (t.caption ? t.caption.textContent : t.className);
    var box = t.closest('.table-scroll');
    if (box) {
      if (box.getAttribute('tabindex') !== '0' || box.getAttribute('role') !== 'region' || !box.getAttribute('aria-label')) {
        out.wide.push(name + ': scroll box not focusable, labelled region');
      }
      if (box.scrollWidth > box.clientWidth + 1) { out.scrolling.push(name); }
      if (box.getBoundingClientRect().right > box.parentElement.getBoundingClientRect().right + 1) { out.wide.push(name + ': its scroll box overflows'); }
      return;
    }
    var parent = t.parentElement.getBoundingClientRect();
    if (t.getBoundingClientRect().width > parent.width + 1) { out.wide.push(name); }
  });
  return out;
})()`

func TestBrowser(t *testing.T) {
	browser := startBrowser(t)
	dir := artifacts(t)
	sc := loadFixture(t)
	report := htmlReport(t, sc)
	demo := loadScorecard(t, "demo-scorecard.json")
	demoReport := htmlReport(t, demo)
	demoHistory := historyReport(t, demo)
	big := htmlReport(t, syntheticScorecard(t, 50))

	t.Run("renders offline with every chart drawn", func(t *testing.T) {
		tt := openReport(t, browser, report, 1366, 900)
		checkChartsDrawn(t, tt, 3)
		checkQuiet(t, tt)
	})

	t.Run("screenshots and layout at every width", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			html   []byte
			widths []int64
		}{
			{"demo", demoReport, []int64{1440, 1280, 768, 390}},
			{"demo-history", demoHistory, []int64{1440, 1280, 390}},
			{"fixture", report, []int64{1440, 1280, 768, 390}},
			{"noself", htmlReport(t, withoutSelf(t, sc)), []int64{1280, 390}},
			{"fixture-history", historyReport(t, sc), []int64{1280}},
			{"50", big, []int64{1440, 390}},
		} {
			for _, w := range c.widths {
				tt := openReport(t, browser, c.html, w, 900)
				got := eval[layout](t, tt, layoutJS)
				if got.Overflow > 0 {
					t.Errorf("%s at %dpx: the page scrolls sideways by %dpx", c.name, w, got.Overflow)
				}
				for _, name := range got.Wide {
					t.Errorf("%s at %dpx: table wider than its box: %s", c.name, w, name)
				}
				if w >= 1280 && c.name != "50" {
					for _, name := range got.Scrolling {
						if name == "leaderboard-table" || name == "gaps-table" || name == "radar-table" {
							t.Errorf("%s at %dpx: %s scrolls sideways on a desktop screen", c.name, w, name)
						}
					}
				}
				if c.name == "demo" && w == 390 {
					t.Logf("demo report at 390 px: %d px tall", got.Height)
					if got.Height >= 8000 {
						t.Errorf("demo report at 390 px is %d px tall, want under 8000", got.Height)
					}
				}
				if w != 768 {
					screenshot(t, tt, dir, fmt.Sprintf("%s-%d.png", c.name, w))
				}
				checkQuiet(t, tt)
			}
		}
	})

	t.Run("verdict names the moves worth most, with both sides' evidence", func(t *testing.T) {
		tt := openReport(t, browser, report, 1280, 900)
		got := eval[map[string]any](t, tt, `({
			headline: document.getElementById('verdict-headline').textContent,
			moves: Array.from(document.querySelectorAll('#move-list > li')).map(function (li) {
				return li.querySelector('.move-name').textContent.replace(/\s+/g, ' ') + ' | ' + li.querySelector('.move-points').textContent +
					' | ' + Array.from(li.querySelectorAll('.side')).map(function (s) { return s.querySelector('.side-name').textContent + ': ' + (s.querySelector('.evidence .when') || {textContent: 'none'}).textContent; }).join(' / ');
			}),
			together: document.getElementById('moves-together').textContent
		})`)
		if h := got["headline"]; h != "Northwind Outfitters ranks #2 of 6 with 63.9, 16.0 points behind the leader, Acme Outdoor (80.0)." {
			t.Errorf("headline = %q", h)
		}
		want := []any{
			"Return window · Returns & warranty | +11.8 points | Northwind Outfitters:  · fetched 22 Nov 2026 / Summit Gear Co.:  · fetched 22 Nov 2026",
			"Free returns · Returns & warranty | +7.5 points | Northwind Outfitters:  · fetched 22 Nov 2026 / Acme Outdoor:  · fetched 22 Nov 2026",
			"Promised reply time · Support | +3.5 points | Northwind Outfitters:  · fetched 22 Nov 2026 / Acme Outdoor:  · fetched 22 Nov 2026",
		}
		if fmt.Sprint(got["moves"]) != fmt.Sprint(want) {
			t.Errorf("moves =\n%q\nwant\n%q", got["moves"], want)
		}
		if g := got["together"]; g != "All 3 changes together: +22.9 points → 86.8, rank #1 (now #2)" {
			t.Errorf("together = %q", g)
		}
		checkQuiet(t, tt)
	})

	t.Run("what-if weights update every number and stay in the link", func(t *testing.T) {
		tt := openReport(t, browser, report, 1280, 900)
		before := eval[pageNumbers](t, tt, numbersJS)
		beforeOrder := eval[[]string](t, tt, leaderOrderJS)

		// Scaling every weight by one factor changes nothing but the
		// multipliers shown.
		for _, v := range []int{200, 35, 300} {
			setSliders(t, tt, repeat(v, len(sc.Rubric.Categories))...)
			scaled := eval[pageNumbers](t, tt, numbersJS)
			scaled.Shares, before.Shares = nil, nil
			if fmt.Sprint(scaled) != fmt.Sprint(before) {
				t.Errorf("every weight ×%d: the page changed:\n got %+v\nwant %+v", v, scaled, before)
			}
			if order := eval[[]string](t, tt, leaderOrderJS); fmt.Sprint(order) != fmt.Sprint(beforeOrder) {
				t.Errorf("every weight ×%d: order %v, want %v", v, order, beforeOrder)
			}
		}

		// Triple "Returns & warranty": Summit overtakes Northwind.
		setSliders(t, tt, 100, 300, 100, 100)
		after := eval[pageNumbers](t, tt, numbersJS)
		if want := "acme,summit,bluepeak,northwind,trailhead,lowland"; strings.Join(eval[[]string](t, tt, leaderOrderJS), ",") != want {
			t.Errorf("order after re-weighting = %v, want %s", eval[[]string](t, tt, leaderOrderJS), want)
		}
		if bar := eval[[]string](t, tt, barOrderJS); len(bar) != 6 || bar[1] != "Summit Gear Co." {
			t.Errorf("bar chart order after re-weighting = %v, want Summit Gear Co. second", bar)
		}
		for name, pair := range map[string][2][]string{
			"verdict": {before.Verdict, after.Verdict}, "gaps": {before.Gaps, after.Gaps}, "cards": {before.Cards, after.Cards},
			"h2h": {before.H2H, after.H2H}, "overall": {before.Overall, after.Overall},
		} {
			if fmt.Sprint(pair[0]) == fmt.Sprint(pair[1]) {
				t.Errorf("%s did not change with the weights: %q", name, pair[1])
			}
		}
		if !strings.Contains(after.Verdict[0], "ranks #4 of 6") || after.Verdict[1] != "#4" {
			t.Errorf("verdict after re-weighting = %q, want rank #4", after.Verdict)
		}
		if rank := eval[string](t, tt, `document.querySelector('#leaderboard-table tr[data-id="northwind"] .rank').textContent`); rank != "4 (2)" {
			t.Errorf("northwind's rank cell = %q, want %q", rank, "4 (2)")
		}
		hash := eval[string](t, tt, `location.hash`)
		if hash != "#w=100,300,100,100" {
			t.Errorf("fragment = %q, want the weights", hash)
		}

		// The link restores the same page.
		again := openReportAt(t, browser, report, hash, 1280, 900)
		if got := eval[pageNumbers](t, again, numbersJS); fmt.Sprint(got) != fmt.Sprint(after) {
			t.Errorf("page opened from %s:\n got %+v\nwant %+v", hash, got, after)
		}

		// All weights 0: nothing is ranked and nobody leads.
		setSliders(t, tt, 0, 0, 0, 0)
		zero := eval[pageNumbers](t, tt, numbersJS)
		if len(zero.Leader) != 0 || !strings.HasPrefix(zero.Verdict[0], "All category weights are 0") {
			t.Errorf("with every weight 0: leader tags %q, verdict %q", zero.Leader, zero.Verdict)
		}
		for _, r := range zero.Ranks {
			if r != "—" {
				t.Errorf("with every weight 0 a rank shows %q", r)
			}
		}

		// Reset: the script's own verdict at the rubric weights reads as
		// the page was written.
		do(t, tt, chromedp.Click(chromedp.CSS(`#reset-weights`)))
		reset := eval[pageNumbers](t, tt, numbersJS)
		reset.Shares = nil
		if fmt.Sprint(reset) != fmt.Sprint(before) {
			t.Errorf("after reset:\n got %+v\nwant %+v", reset, before)
		}
		if h := eval[string](t, tt, `location.hash`); h != "" {
			t.Errorf("fragment after reset = %q, want none", h)
		}

		// The sliders work from the keyboard.
		do(t, tt, chromedp.Focus(chromedp.CSS(`#w-0`)), chromedp.KeyEvent(kb.ArrowRight))
		if val := eval[string](t, tt, `document.getElementById('w-0').value + ' ' + document.getElementById('w-0-out').textContent`); !strings.HasPrefix(val, "105 ×1.05") {
			t.Errorf("after ArrowRight the first slider reads %q, want 105 ×1.05…", val)
		}
		checkQuiet(t, tt)
		checkQuiet(t, again)
	})

	t.Run("what-if on 50 competitors keeps ranks under scaling", func(t *testing.T) {
		tt := openReport(t, browser, big, 1280, 900)
		before := eval[pageNumbers](t, tt, numbersJS)
		setSliders(t, tt, 150, 150, 150, 150)
		after := eval[pageNumbers](t, tt, numbersJS)
		before.Shares, after.Shares = nil, nil
		if fmt.Sprint(before) != fmt.Sprint(after) {
			t.Errorf("every weight ×1.5 changed the page")
		}
		checkQuiet(t, tt)
	})

	t.Run("head-to-head follows the pick and keeps it in the link", func(t *testing.T) {
		tt := openReport(t, browser, report, 1280, 900)
		h2hText := `document.getElementById('h2h-body').innerText.replace(/\s+/g, ' ').trim()`
		initial := eval[string](t, tt, h2hText)
		if !strings.Contains(initial, "Northwind Outfitters 63.9 #2 vs Acme Outdoor 80.0 #1") {
			t.Errorf("default head-to-head does not set us against the leader: %.200q", initial)
		}
		for _, want := range []string{"stated as of 1 Mar 2024 (stale)", "fetched 22 Nov 2026", "no data for"} {
			if !strings.Contains(initial, want) && want != "no data for" {
				t.Errorf("head-to-head lacks %q", want)
			}
		}
		eval[bool](t, tt, `(function () { var s = document.getElementById('h2h-right'); s.value = 'lowland'; s.dispatchEvent(new Event('change')); return true; })()`)
		picked := eval[string](t, tt, h2hText)
		if !strings.Contains(picked, "vs Lowland Trading 1.2 #6 · low coverage") || !strings.Contains(picked, "no data for Lowland Trading") {
			t.Errorf("head-to-head against Lowland: %.300q", picked)
		}
		if h := eval[string](t, tt, `location.hash`); h != "#vs=lowland" {
			t.Errorf("fragment = %q, want #vs=lowland", h)
		}
		again := openReportAt(t, browser, report, "#vs=lowland", 1280, 900)
		if got := eval[string](t, again, h2hText); got != picked {
			t.Errorf("opened from the link: %.200q, want %.200q", got, picked)
		}
		eval[bool](t, tt, `(function () { var s = document.getElementById('h2h-right'); s.value = 'acme'; s.dispatchEvent(new Event('change')); return true; })()`)
		if back := eval[string](t, tt, h2hText); back != initial {
			t.Errorf("the script's head-to-head differs from the page's:\n got %.400q\nwant %.400q", back, initial)
		}
		checkQuiet(t, tt)
		checkQuiet(t, again)
	})

	t.Run("a URL fragment cannot inject markup", func(t *testing.T) {
		for _, frag := range []string{
			`#vs=<img src=x onerror=window.__pwned=1>&w=<script>&print=<b>x</b>`,
			`#vs=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D2%3E&a=%3Csvg%20onload%3Dwindow.__pwned%3D3%3E`,
			`#<img src=x onerror=window.__pwned=4>`,
			`#w=1e3,NaN,-5,999999&vs=__proto__&a=constructor`,
			`#%E0%A4%A&vs=%`,
		} {
			tt := openReportAt(t, browser, report, frag, 1280, 900)
			got := eval[map[string]any](t, tt, `({
				pwned: window.__pwned === undefined ? 0 : window.__pwned,
				imgs: document.querySelectorAll('img, svg:not(.spark), iframe, b').length,
				weights: Array.from(document.querySelectorAll('input.weight')).map(function (s) { return s.value; }).join(','),
				right: document.getElementById('h2h-right').value
			})`)
			want := map[string]any{"pwned": float64(0), "imgs": float64(0), "weights": "100,100,100,100", "right": "acme"}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("fragment %q: page state %v, want %v", frag, got, want)
			}
			checkQuiet(t, tt)
		}
	})

	t.Run("sort, filter and jump to us", func(t *testing.T) {
		tt := openReport(t, browser, report, 1280, 900)
		do(t, tt, chromedp.Click(chromedp.CSS(`#leaderboard-table thead th:nth-child(3) button`)))
		if got := strings.Join(eval[[]string](t, tt, leaderOrderJS), ","); got != "acme,northwind,summit,trailhead,bluepeak,lowland" {
			t.Errorf("sorted by overall (descending) = %s", got)
		}
		if s := eval[string](t, tt, `document.querySelector('#leaderboard-table thead th:nth-child(3)').getAttribute('aria-sort')`); s != "descending" {
			t.Errorf("aria-sort = %q", s)
		}
		do(t, tt, chromedp.Click(chromedp.CSS(`#leaderboard-table thead th:nth-child(3) button`)))
		if got := strings.Join(eval[[]string](t, tt, leaderOrderJS), ","); got != "lowland,bluepeak,trailhead,summit,northwind,acme" {
			t.Errorf("sorted by overall (ascending) = %s", got)
		}
		// Sorting by a category puts n/a last whichever the direction.
		do(t, tt, chromedp.Click(chromedp.CSS(`#leaderboard-table thead th:nth-child(4) button`)))
		if got := eval[[]string](t, tt, leaderOrderJS); got[len(got)-1] != "lowland" {
			t.Errorf("sorted by reputation, n/a is not last: %v", got)
		}
		do(t, tt, chromedp.SendKeys(chromedp.CSS(`#lb-filter`), "sum"))
		visible := eval[[]string](t, tt, `Array.from(document.querySelectorAll('#leaderboard-table tbody tr')).filter(function (tr) { return !tr.hidden; }).map(function (tr) { return tr.getAttribute('data-id'); })`)
		if strings.Join(visible, ",") != "summit" {
			t.Errorf("filter 'sum' shows %v", visible)
		}
		eval[bool](t, tt, `(window.scrollTo(0, 0), true)`)
		do(t, tt, chromedp.Click(chromedp.CSS(`#lb-tools .jump-self`)))
		got := eval[map[string]any](t, tt, `(function () {
			var a = document.activeElement, r = a.getBoundingClientRect();
			return {id: a.getAttribute('data-id'), inView: r.top >= 0 && r.bottom <= innerHeight, filter: document.getElementById('lb-filter').value};
		})()`)
		if fmt.Sprint(got) != fmt.Sprint(map[string]any{"id": "northwind", "inView": true, "filter": ""}) {
			t.Errorf("jump to us: %v", got)
		}
		checkQuiet(t, tt)
	})

	t.Run("wheel over a chart scrolls the page", func(t *testing.T) {
		tt := openReport(t, browser, big, 1366, 900)
		box := eval[[]float64](t, tt, `(function () {
			var el = document.getElementById('chart-leaderboard');
			window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100);
			var r = el.getBoundingClientRect();
			return [r.left + r.width / 2, 300, window.scrollY];
		})()`)
		ctx, cancel := context.WithTimeout(tt.ctx, 10*time.Second)
		defer cancel()
		if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseWheel, X: box[0], Y: box[1], DeltaX: 1e-6, DeltaY: 500}); err != nil {
			t.Fatal(err)
		}
		var y float64
		for i := 0; i < 40; i++ {
			if y = eval[float64](t, tt, `window.scrollY`); y > box[2]+100 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if y <= box[2]+100 {
			t.Errorf("wheel over the chart: page scrolled from %.0f to %.0f, want it to scroll", box[2], y)
		}
		for _, id := range []string{"chart-leaderboard", "chart-heatmap", "chart-radar"} {
			if dz := eval[int](t, tt, fmt.Sprintf(`(echarts.getInstanceByDom(document.getElementById(%q)).getOption().dataZoom || []).length`, id)); dz != 0 {
				t.Errorf("%s has %d dataZoom components", id, dz)
			}
		}
		checkQuiet(t, tt)
	})

	t.Run("axe finds no accessibility violations", func(t *testing.T) {
		for _, c := range []struct {
			name string
			html []byte
			w    int64
		}{
			{"fixture", report, 1280}, {"noself", htmlReport(t, withoutSelf(t, sc)), 1280}, {"demo-history", demoHistory, 390},
		} {
			tt := openReport(t, browser, c.html, c.w, 900)
			// Open what is folded, so that it is checked too.
			eval[bool](t, tt, `document.querySelectorAll('details').forEach(function (d) { d.open = true; }) || true`)
			res := evalAsync[[]string](t, tt, axeJS+`;
				axe.run(document, {resultTypes: ['violations']}).then(function (r) {
					return r.violations.map(function (v) { return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(' | '); });
				})`)
			for _, v := range res {
				t.Errorf("%s at %dpx: %s", c.name, c.w, v)
			}
		}
	})

	t.Run("print: a short summary by default, everything on request", func(t *testing.T) {
		for _, c := range []struct {
			name string
			html []byte
			n    int
		}{{"6", report, 6}, {"50", big, 50}} {
			tt := openReport(t, browser, c.html, 1280, 900)
			summary := printPages(t, tt, filepath.Join(dir, "print-"+c.name+".pdf"))
			t.Logf("%s competitors: summary prints on %d pages", c.name, summary)
			if summary < 2 || summary > 3 {
				t.Errorf("%s competitors: the summary prints on %d pages, want 2 or 3", c.name, summary)
			}
			// Every bar and heatmap column is drawn for print.
			eval[bool](t, tt, `window.dispatchEvent(new Event('beforeprint')) || true`)
			emulateMedia(t, tt, "print")
			got := eval[map[string]float64](t, tt, `(function () {
				var lb = echarts.getInstanceByDom(document.getElementById('chart-leaderboard'));
				var hm = echarts.getInstanceByDom(document.getElementById('chart-heatmap'));
				var fits = Array.from(document.querySelectorAll('.chart')).filter(function (el) { return el.offsetParent; }).every(function (el) {
					var c = el.querySelector('canvas');
					return c && c.getBoundingClientRect().width <= el.getBoundingClientRect().width + 1;
				});
				return {bars: lb.getOption().series[0].data.length, columns: hm.getOption().xAxis[0].data.length, width: lb.getWidth(), fits: fits ? 1 : 0};
			})()`)
			want := map[string]float64{"bars": float64(c.n), "columns": float64(c.n), "width": 680, "fits": 1}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s competitors, laid out for print: %v, want %v", c.name, got, want)
			}
			screenshot(t, tt, dir, "print-layout-"+c.name+".png")
			emulateMedia(t, tt, "")
			eval[bool](t, tt, `window.dispatchEvent(new Event('afterprint')) || true`)

			checkQuiet(t, tt)
			if c.n > 6 {
				continue // the full print of 50 runs to 60 pages: one full print proves the point
			}
			full := openReportAt(t, browser, c.html, "#print=full", 1280, 900)
			pages := printPages(t, full, filepath.Join(dir, "print-"+c.name+"-full.pdf"))
			t.Logf("%s competitors: full evidence prints on %d pages", c.name, pages)
			if pages <= summary+1 {
				t.Errorf("%s competitors: full evidence prints on %d pages, the summary on %d: the evidence is missing", c.name, pages, summary)
			}
			checkQuiet(t, full)
		}
	})

	t.Run("hostile data stays inert", func(t *testing.T) {
		hostileHTML := htmlReport(t, hostileScorecard(t))
		tt := openReport(t, browser, hostileHTML, 1366, 900)
		// Drive every view that rebuilds markup from data: tooltips,
		// what-if (verdict, gaps, radar), the head-to-head pick.
		eval[bool](t, tt, `(function () {
			['chart-leaderboard', 'chart-radar', 'chart-heatmap'].forEach(function (id) {
				var c = echarts.getInstanceByDom(document.getElementById(id));
				for (var s = 0; s < 2; s++) { for (var i = 0; i < 4; i++) { c.dispatchAction({type: 'showTip', seriesIndex: s, dataIndex: i}); } }
			});
			var ss = document.querySelectorAll('input.weight');
			ss[1].value = '250'; ss[1].dispatchEvent(new Event('input'));
			var r = document.getElementById('h2h-right');
			r.selectedIndex = r.options.length - 1; r.dispatchEvent(new Event('change'));
			return true;
		})()`)
		time.Sleep(300 * time.Millisecond)
		got := eval[map[string]any](t, tt, `({
			pwned: window.__pwned === undefined ? 0 : window.__pwned,
			scripts: document.scripts.length,
			media: document.querySelectorAll('img, iframe, object, embed, svg image, b').length,
			jsLinks: Array.from(document.querySelectorAll('a[href]')).filter(function (a) { return !/^(https?:|#)/.test(a.getAttribute('href')); }).length,
			handlers: Array.from(document.querySelectorAll('*')).filter(function (el) { return Array.from(el.attributes).some(function (a) { return /^on/i.test(a.name); }); }).length,
			barName: typeof echarts.getInstanceByDom(document.getElementById('chart-leaderboard')).getOption().series[0].data[0].name,
			tooltipText: Array.from(document.querySelectorAll('#chart-heatmap div, #chart-leaderboard div, #chart-radar div')).map(function (d) { return d.textContent; }).join(' '),
			verdict: document.getElementById('verdict').textContent,
			h2h: document.getElementById('h2h-body').textContent
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
		for _, k := range []string{"verdict", "h2h"} {
			if s, _ := got[k].(string); !strings.Contains(s, xssImg) && !strings.Contains(s, xssScript) {
				t.Errorf("the %s does not show the hostile names as text: %.300q", k, s)
			}
		}
		screenshot(t, tt, dir, "hostile-1366.png")
		// Long scraped names without spaces do not widen the page.
		for _, w := range []int64{1366, 390} {
			lt := openReport(t, browser, hostileHTML, w, 900)
			if l := eval[layout](t, lt, layoutJS); l.Overflow > 0 || len(l.Wide) > 0 {
				t.Errorf("hostile names at %dpx: the page scrolls sideways by %dpx; tables wider than their box: %q", w, l.Overflow, l.Wide)
			}
		}
		checkQuiet(t, tt)
	})
}

// emulateMedia sets the CSS media type of the tab ("print", or "" for the
// screen again).
func emulateMedia(t *testing.T, tt *tab, media string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		t.Fatal(err)
	}
}

// pdfPage matches a page object of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// printPages prints the tab to PDF (A4, default margins), writes it to
// path and returns its page count.
func printPages(t *testing.T, tt *tab, path string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(tt.ctx, 60*time.Second)
	defer cancel()
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PrintBackground: ptrTo(true)})
	if err != nil {
		t.Fatalf("printing to PDF: %v", err)
	}
	if err := os.WriteFile(path, res.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return len(pdfPage.FindAll(res.Data, -1))
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

// libraries are the ECharts builds the browser benchmarks compare: the
// vendored one, and the file named by $CXBENCH_ECHARTS_ALT (for instance
// the full dist/echarts.min.js of the same version) when set.
func libraries(b *testing.B) map[string]*htmlRenderer {
	libs := map[string]*htmlRenderer{"vendored": htmlDefault}
	if alt := os.Getenv("CXBENCH_ECHARTS_ALT"); alt != "" {
		src, err := os.ReadFile(alt)
		if err != nil {
			b.Fatal(err)
		}
		r, err := newHTMLRenderer(string(src))
		if err != nil {
			b.Fatal(err)
		}
		libs["alt"] = r
	}
	return libs
}

// BenchmarkBrowserRender measures how long headless Chromium takes from
// navigation start until every chart has drawn (render-ms), for large
// fields. Run with: go test ./reports -run '^$' -bench BrowserRender -benchtime 5x
func BenchmarkBrowserRender(b *testing.B) {
	browser := startBrowser(b)
	for name, r := range libraries(b) {
		for _, n := range []int{6, 50, 200} {
			b.Run(fmt.Sprintf("lib=%s/competitors=%d", name, n), func(b *testing.B) {
				sc := loadFixture(b)
				if n != 6 {
					sc = syntheticScorecard(b, n)
				}
				var buf bytes.Buffer
				if err := r.render(&buf, sc, nil); err != nil {
					b.Fatal(err)
				}
				html := buf.Bytes()
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
}

// BenchmarkEChartsEval measures parsing, compiling and running the
// ECharts library alone in Chromium (eval-ms, between two marks around its
// script element) and its size. Run with:
// CXBENCH_ECHARTS_ALT=/path/to/echarts.min.js go test ./reports -run '^$' -bench EChartsEval -benchtime 10x
func BenchmarkEChartsEval(b *testing.B) {
	browser := startBrowser(b)
	for name, r := range libraries(b) {
		b.Run("lib="+name, func(b *testing.B) {
			page := []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>echarts</title></head><body>` +
				`<script>window.t0 = performance.now();</script><script>` + r.echarts + `</script>` +
				`<script>window.t1 = performance.now(); document.body.setAttribute('data-charts-ready', '1');</script></body></html>`)
			var total float64
			for i := 0; i < b.N; i++ {
				tt := openReport(b, browser, page, 800, 600)
				total += eval[float64](b, tt, `window.t1 - window.t0`)
			}
			b.ReportMetric(total/float64(b.N), "eval-ms")
			b.ReportMetric(float64(len(r.echarts))/1024, "KiB")
		})
	}
}

// BenchmarkHTML measures rendering the HTML report in Go.
// Run with: go test ./reports -run '^$' -bench 'HTML$'
func BenchmarkHTML(b *testing.B) {
	for _, n := range []int{6, 50, 200} {
		b.Run(fmt.Sprintf("competitors=%d", n), func(b *testing.B) {
			sc := loadFixture(b)
			if n != 6 {
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
