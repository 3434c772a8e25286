package reports

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/cxbench/cxbench/history"

	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// Hostile strings planted in every text field of hostileScorecard.
const (
	xssScript  = `</script><script>window.__pwned=1;alert(1)</script>`
	xssImg     = `"><img src=x onerror="window.__pwned=2;alert(1)">`
	xssFunc    = `__f__function(){window.__pwned=3;alert(1)}__f__`
	xssSVG     = `<svg onload="window.__pwned=4;alert(1)">`
	xssJSURL   = `javascript:window.__pwned=5;alert(1)`
	xssComment = `<!--<script>window.__pwned=6</script>-->`
)

// hostileScorecard is the fixture with scraped text replaced by injection
// attempts: names, URLs, snippets, explanations, errors and rubric text.
func hostileScorecard(t testing.TB) *scoring.Scorecard {
	sc := cloneScorecard(t, loadFixture(t))
	sc.Rubric.Name = `</title>` + xssScript
	sc.Rubric.Description = xssImg
	sc.Rubric.Categories[0].Name = `<b onmouseover="alert(1)">Reputation</b>`
	sc.Rubric.Categories[0].Criteria[0].Name = xssFunc
	sc.Rubric.Categories[0].Criteria[0].Function = xssSVG
	sc.Run.UserAgent = xssScript
	sc.Run.Tool = xssImg
	names := []string{xssScript, xssImg, xssFunc, xssSVG, xssComment, "Plain & <Simple>"}
	urls := []string{xssJSURL, "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", " javascript:alert(1)", "vbscript:msgbox(1)", "https://ok.example/?q=\"><script>alert(1)</script>"}
	for i := range sc.Competitors {
		c := &sc.Competitors[i]
		c.Name = names[i%len(names)]
		c.URL = urls[i%len(urls)]
		c.ID = c.ID + `" onmouseover="alert(1)`
		c.Errors = append(c.Errors, signal.CrawlError{URL: xssJSURL, Status: 500, Message: xssScript})
		for j := range c.Categories {
			cat := &c.Categories[j]
			if j == 0 {
				cat.Name = sc.Rubric.Categories[0].Name
			}
			for k := range cat.Criteria {
				cr := &cat.Criteria[k]
				cr.Explain = xssImg
				if cr.Value.Type() == signal.TypeString || !cr.Value.Valid() {
					cr.Value = signal.String(xssScript)
				}
				cr.Evidence = append(cr.Evidence,
					signal.Evidence{URL: urls[(i+k)%len(urls)], Snippet: xssScript + xssComment, Method: signal.MethodText},
					signal.Evidence{URL: xssJSURL, Snippet: xssFunc, Method: signal.Method(xssImg)},
				)
			}
		}
	}
	if sc.Self != nil {
		sc.Self.ID = sc.Competitors[1].ID
		for i := range sc.Self.Gaps {
			sc.Self.Gaps[i].Name = xssSVG
		}
	}
	return sc
}

// syntheticScorecard builds a consistent scorecard of n competitors from
// the fixture's rubric and competitors, with deterministic varied scores.
func syntheticScorecard(t testing.TB, n int) *scoring.Scorecard {
	base := loadFixture(t)
	sc := cloneScorecard(t, base)
	sc.Competitors = nil
	seed := uint64(42)
	rnd := func() float64 { // xorshift: deterministic, no shared state
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return float64(seed%10000) / 10000
	}
	for i := 0; i < n; i++ {
		c := cloneScorecard(t, &scoring.Scorecard{Competitors: []scoring.Competitor{base.Competitors[i%len(base.Competitors)]}}).Competitors[0]
		c.ID = fmt.Sprintf("c%03d", i)
		c.Name = fmt.Sprintf("%s %d", c.Name, i)
		c.Self = i == 1
		c.RankStability = math.Round(rnd()*100) / 100
		var overallNum, overallDen float64
		for j := range c.Categories {
			cat := &c.Categories[j]
			var num, den float64
			for k := range cat.Criteria {
				cr := &cat.Criteria[k]
				if cr.Score == nil {
					continue
				}
				s := math.Round(math.Max(0, math.Min(100, *cr.Score*(0.6+0.5*rnd())))*100) / 100
				cr.Score = &s
				num += s * cr.Weight
				den += cr.Weight
			}
			if den > 0 {
				v := num / den
				cat.Score = &v
				overallNum += v * cat.Weight
				overallDen += cat.Weight
			}
		}
		c.Overall = 0
		if overallDen > 0 {
			c.Overall = overallNum / overallDen
		}
		sc.Competitors = append(sc.Competitors, c)
	}
	sort.SliceStable(sc.Competitors, func(a, b int) bool {
		if sc.Competitors[a].Overall != sc.Competitors[b].Overall {
			return sc.Competitors[a].Overall > sc.Competitors[b].Overall
		}
		return sc.Competitors[a].ID < sc.Competitors[b].ID
	})
	for i := range sc.Competitors {
		sc.Competitors[i].Rank = i + 1
	}
	sc.Self.ID = "c001"
	for i := range sc.Self.Gaps {
		sc.Self.Gaps[i].Leader = sc.Competitors[0].ID
	}
	return sc
}

// loadScorecard reads testdata/name (demo-scorecard.json is the output of
// cxbench demo).
func loadScorecard(t testing.TB, name string) *scoring.Scorecard {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var sc scoring.Scorecard
	if err := json.Unmarshal(b, &sc); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return &sc
}

// fixtureHistory is three weekly runs ending with sc: every competitor's
// scores drift towards today's, and two signals changed since last week.
func fixtureHistory(t testing.TB, sc *scoring.Scorecard) *History {
	t0 := time.Date(2026, 11, 8, 6, 0, 0, 0, time.UTC)
	var runs []*scoring.Scorecard
	for back := 2; back >= 1; back-- {
		old := cloneScorecard(t, sc)
		for i := range old.Competitors {
			c := &old.Competitors[i]
			c.Overall = math.Max(0, c.Overall-float64(back*(i%3))*2.5+float64(back))
			for j := range c.Categories {
				if s := c.Categories[j].Score; s != nil {
					v := math.Max(0, math.Min(100, *s-float64(back*(j+i)%5)))
					c.Categories[j].Score = &v
				}
			}
		}
		runs = append(runs, old)
	}
	runs = append(runs, sc)
	trend := &history.Trend{}
	snaps := make([]history.Snapshot, len(runs))
	for i, r := range runs {
		at := t0.Add(time.Duration(i) * 7 * 24 * time.Hour)
		id := at.Format("20060102T150405Z")
		trend.Runs = append(trend.Runs, history.TrendRunOf(id, at, r))
		f := &signal.File{}
		for k, c := range r.Competitors {
			sigs := map[string]signal.Signal{}
			days := 30.0
			if i == len(runs)-1 && k == 1 {
				days = 14
			}
			sigs[signal.PolicyReturnDays] = signal.Signal{Value: signal.Number(days)}
			sigs[signal.ContactChat] = signal.Signal{Value: signal.Bool(i != len(runs)-1 || k != 0)}
			f.Competitors = append(f.Competitors, signal.Competitor{ID: c.ID, Signals: sigs})
		}
		snaps[i] = history.Snapshot{ID: id, At: at, Signals: f, Scorecard: r}
	}
	return &History{Trend: trend, Diff: history.Compare(snaps[len(snaps)-2], snaps[len(snaps)-1], history.Tolerances{})}
}
