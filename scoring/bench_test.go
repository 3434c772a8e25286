package scoring

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// benchRubric has 8 categories of 5 criteria, every function kind in use.
func benchRubric() *config.Rubric {
	r := &config.Rubric{Name: "bench", MinCoverage: 0.6}
	fns := []config.ScoreFunc{
		{Bool: &config.BoolFunc{}},
		{Linear: &config.LinearFunc{Worst: 0, Best: 100}},
		{Log: &config.LogFunc{Worst: 10, Best: 10000}},
		{Bands: &config.BandsFunc{Bands: []config.Band{{Min: fp(20), Score: 40}, {Min: fp(50), Score: 70}, {Min: fp(80), Score: 100}}}},
		{Relative: &config.RelativeFunc{Better: "lower"}},
		{Bayesian: &config.BayesianFunc{PriorMean: 4.2, PriorCount: 50, Worst: 3, Best: 5}},
		{Target: &config.TargetFunc{Goal: 4, Worst: 72}},
		{Linear: &config.LinearFunc{Worst: 100, Best: 0}},
	}
	for c := range 8 {
		cat := config.Category{ID: fmt.Sprintf("cat%d", c), Weight: float64(5 + c)}
		for k := range 5 {
			i := c*5 + k
			cat.Criteria = append(cat.Criteria, config.Criterion{
				ID: fmt.Sprintf("crit%02d", i), Signal: fmt.Sprintf("s%02d", i), Weight: float64(1 + k),
				Score: fns[i%len(fns)],
			})
		}
		r.Categories = append(r.Categories, cat)
	}
	return r
}

// benchFile has n competitors with 90 % of the rubric's 40 signals each.
func benchFile(r *config.Rubric, n int) *signal.File {
	rng := rand.New(rand.NewPCG(1, 2))
	f := &signal.File{Schema: signal.Schema}
	for i := range n {
		c := signal.Competitor{ID: fmt.Sprintf("c%06d", i), Complete: true, Signals: make(map[string]signal.Signal, 41),
			Pages: []signal.Page{{Status: 200}, {Status: 200}, {Status: 404}}}
		for _, cat := range r.Categories {
			for _, cr := range cat.Criteria {
				if rng.IntN(10) == 0 {
					continue
				}
				v := signal.Number(rng.Float64() * 100)
				if cr.Score.Bool != nil {
					v = signal.Bool(rng.IntN(2) == 0)
				}
				ev := []signal.Evidence{{URL: "https://example.com/p", Snippet: "evidence", Method: signal.MethodText}}
				c.Signals[cr.Signal] = signal.Signal{Value: v, Evidence: ev}
			}
		}
		c.Signals[signal.RatingCount] = signal.Signal{Value: signal.Number(float64(rng.IntN(5000)))}
		if i == n/2 {
			c.Self = true
		}
		f.Competitors = append(f.Competitors, c)
	}
	return f
}

// BenchmarkScore scores n competitors on 40 criteria, with the default 200
// rank-stability trials and without them.
//
//	go test ./scoring -run '^$' -bench Score -benchmem
func BenchmarkScore(b *testing.B) {
	r := benchRubric()
	for _, n := range []int{1_000, 10_000} {
		f := benchFile(r, n)
		for _, tc := range []struct {
			name   string
			trials int
		}{{"stability", 0}, {"no-stability", -1}} {
			b.Run(fmt.Sprintf("competitors=%d/%s", n, tc.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					Score(r, f, Options{Trials: tc.trials})
				}
				perOp := b.Elapsed().Seconds() / float64(b.N)
				b.ReportMetric(float64(n)/perOp, "competitors/s")
			})
		}
	}
}

// BenchmarkRankStability is the perturbation analysis alone: 200 trials.
func BenchmarkRankStability(b *testing.B) {
	r := benchRubric()
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("competitors=%d", n), func(b *testing.B) {
			p := newPlan(r)
			comps := canonical(benchFile(r, n).Competitors)
			p.fitRelative(comps)
			m := &matrix{nCat: len(p.cats), nCrit: p.nCrit, cat: make([]float64, n*len(p.cats)),
				crit: make([]float64, n*p.nCrit), overall: make([]float64, n)}
			for i, c := range comps {
				p.scoreCompetitor(c, m.catRow(i), m.critRow(i), &m.overall[i])
			}
			ranks := rankOf(m.overall)
			b.ResetTimer()
			for b.Loop() {
				rankStability(m, p, ranks, DefaultTrials, 1)
			}
			b.ReportMetric(float64(n)*DefaultTrials/(b.Elapsed().Seconds()/float64(b.N)), "competitor-trials/s")
		})
	}
}
