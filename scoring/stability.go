package scoring

import (
	"math"
	"math/rand/v2"
)

// perturbSpread is how far each category weight is moved in a trial: it is
// multiplied by a uniform factor in [1-perturbSpread, 1+perturbSpread].
const perturbSpread = 0.2

// Work limit for the rank-stability analysis. One trial rescores every
// competitor from its cached category scores, O(n × categories), and ranks
// them with a counting pass over the 1,001 possible displayed scores, O(n):
// about 25 ms for 200 trials of 10,000 competitors (BenchmarkRankStability).
// The trials asked for are cut to keep trials × n at or below
// maxStabilityWork, but never below minTrials: the default 200 trials run
// in full up to 25,000 competitors; beyond that the analysis costs about
// the same as at 25,000, and even at minTrials the share's sampling error
// stays within ±14 points (binomial, 95 %, worst case p = 0.5).
const (
	maxStabilityWork = 5_000_000
	minTrials        = 50
)

// pcgStream is the second PCG seed word; Options.Seed is the first.
const pcgStream = 0x9e3779b97f4a7c15

// effectiveTrials returns how many perturbations to run for n competitors.
func effectiveTrials(asked, n int) int {
	switch {
	case asked < 0 || n == 0:
		return 0
	case asked == 0:
		asked = DefaultTrials
	}
	return min(asked, max(minTrials, maxStabilityWork/n))
}

// rankStability returns, per competitor (canonical order), the share of
// trials in which its rank stays ranks[i] when every category weight is
// multiplied by an independent uniform factor in [0.8, 1.2]. The random
// stream depends only on seed, the trial and the category, never on the
// competitors, so their order cannot change the result.
func rankStability(m *matrix, p *plan, ranks []int, trials int, seed int64) []float64 {
	n := len(m.overall)
	rng := rand.New(rand.NewPCG(uint64(seed), pcgStream))
	w := make([]float64, m.nCat)
	keys := make([]int, n)
	kept := make([]int, n)
	rk := new(ranker)
	for range trials {
		for c := range w {
			w[c] = p.cats[c].w * (1 - perturbSpread + 2*perturbSpread*rng.Float64())
		}
		for i := range n {
			var sum, ws float64
			for c, x := range m.catRow(i) {
				if !math.IsNaN(x) && w[c] > 0 {
					sum += w[c] * x
					ws += w[c]
				}
			}
			o := 0.0
			if ws > 0 {
				o = sum / ws
			}
			keys[i] = rankKey(o)
		}
		rk.reset(keys)
		for i, k := range keys {
			if rk.rank(k) == ranks[i] {
				kept[i]++
			}
		}
	}
	out := make([]float64, n)
	for i, k := range kept {
		out[i] = float64(k) / float64(trials)
	}
	return out
}
