package reports

import (
	"fmt"
	"math"
	"sort"
	"testing"

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
