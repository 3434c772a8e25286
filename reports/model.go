package reports

import (
	"math"
	"slices"

	"github.com/cxbench/cxbench/scoring"
)

// field is the scorecard as numbers: what the verdict, the gap table and
// the head-to-head compute over. report.js runs the same computations when
// the what-if weights move (see the "field" functions there); the browser
// tests check that both agree at the rubric's weights.
//
// Scores are the scorecard's, as shown (to 0.1); sums run in full
// precision and only the displayed figures are rounded.
type field struct {
	cats        []fieldCat
	nCrit       int
	comps       []fieldComp // scorecard order: rank, then id
	minCoverage float64
}

type fieldCat struct {
	id, name string
	weight   float64 // finite and ≥ 0
	crits    []fieldCrit
}

type fieldCrit struct {
	k        int // index across categories, in rubric order
	id, name string
	category string // category name
	weight   float64
}

type fieldComp struct {
	name    string
	self    bool
	overall float64 // as scored
	rank    int
	low     bool
	cat     []*float64 // category scores, rubric order
	catCov  []float64  // category coverage, 0–1
	crit    []*float64 // criterion scores by k
	critAt  []*scoring.CriterionScore
}

// minShown is the smallest gain or gap worth showing: less rounds to 0.0.
const minShown = 0.05

func newField(sc *scoring.Scorecard) *field {
	f := &field{minCoverage: sc.Rubric.MinCoverage}
	for _, cat := range sc.Rubric.Categories {
		fc := fieldCat{id: cat.ID, name: cat.Name, weight: cleanWeight(cat.Weight)}
		for _, cr := range cat.Criteria {
			fc.crits = append(fc.crits, fieldCrit{
				k: f.nCrit, id: cr.ID, name: criterionName(cr.Name, cr.ID, cr.Signal),
				category: cat.Name, weight: cleanWeight(cr.Weight),
			})
			f.nCrit++
		}
		f.cats = append(f.cats, fc)
	}
	for i := range sc.Competitors {
		c := &sc.Competitors[i]
		fc := fieldComp{
			name: c.Name, self: c.Self, overall: c.Overall, rank: c.Rank, low: c.LowCoverage,
			crit: make([]*float64, f.nCrit), critAt: make([]*scoring.CriterionScore, f.nCrit),
		}
		for _, cat := range f.cats {
			var cov float64
			var score *float64
			for j := range c.Categories {
				if c.Categories[j].ID == cat.id {
					score, cov = c.Categories[j].Score, c.Categories[j].Coverage
				}
			}
			fc.cat = append(fc.cat, score)
			fc.catCov = append(fc.catCov, cov)
			for _, cr := range cat.crits {
				if cs := criterionScore(*c, cat.id, cr.id); cs != nil {
					fc.crit[cr.k] = cs.Score
					fc.critAt[cr.k] = cs
				}
			}
		}
		f.comps = append(f.comps, fc)
	}
	return f
}

func cleanWeight(w float64) float64 {
	if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
		return 0
	}
	return w
}

// rubricWeights returns the category weights as the rubric states them.
func (f *field) rubricWeights() []float64 {
	w := make([]float64, len(f.cats))
	for i, c := range f.cats {
		w[i] = c.weight
	}
	return w
}

// self returns the index of the best-ranked competitor marked self, or -1.
func (f *field) self() int {
	for i, c := range f.comps {
		if c.self {
			return i
		}
	}
	return -1
}

// leader returns the best-ranked competitor whose coverage is not low, or
// -1 when every competitor's data covers too little of the rubric: a
// low-coverage competitor is never called the leader or the best.
func (f *field) leader() int {
	return f.firstEligible(-1)
}

// firstEligible returns the best-ranked competitor that is not low
// coverage and not skip, or -1.
func (f *field) firstEligible(skip int) int {
	for i, c := range f.comps {
		if i != skip && !c.low {
			return i
		}
	}
	return -1
}

// overallOf recomputes an overall score from criterion scores under
// category weights w, the way scoring does: a category's score is the
// weighted mean of its criteria with a score, the overall the weighted
// mean of the categories with a score. ok is false when nothing had data.
func (f *field) overallOf(crit []*float64, w []float64) (overall float64, ok bool) {
	var sum, wsum float64
	for ci, cat := range f.cats {
		var csum, cw float64
		for _, cr := range cat.crits {
			if s := crit[cr.k]; s != nil && cr.weight > 0 {
				csum += cr.weight * *s
				cw += cr.weight
			}
		}
		if cw > 0 && w[ci] > 0 {
			sum += w[ci] * (csum / cw)
			wsum += w[ci]
		}
	}
	if wsum == 0 {
		return 0, false
	}
	return sum / wsum, true
}

// bestAt returns the competitor other than subject with the highest score
// on criterion k among those that have one and are not low coverage (the
// better ranked on a tie), or -1.
func (f *field) bestAt(k, subject int) int {
	best := -1
	for i, c := range f.comps {
		if i == subject || c.low || c.crit[k] == nil {
			continue
		}
		if best < 0 || *c.crit[k] > *f.comps[best].crit[k] {
			best = i
		}
	}
	return best
}

// gain is one change worth points: subject's overall if its score on
// criterion k matched target's.
type gain struct {
	k      int
	target int
	points float64 // overall points gained, full precision
}

// gains lists the criteria on which subject trails, worth the most
// points first (rubric order on a tie), under category weights w. target
// picks whom subject is measured against on criterion k (-1: nobody).
// Points are the change of subject's overall were its score on k the
// target's: the criterion's weight share × the gap when subject has a
// score there, and exact even when it has none.
func (f *field) gains(subject int, w []float64, target func(k int) int) []gain {
	s := &f.comps[subject]
	base, _ := f.overallOf(s.crit, w) // 0 when subject has no score at all
	var out []gain
	trial := slices.Clone(s.crit)
	for _, cat := range f.cats {
		for _, cr := range cat.crits {
			t := target(cr.k)
			if t < 0 || f.comps[t].crit[cr.k] == nil {
				continue
			}
			theirs := *f.comps[t].crit[cr.k]
			if mine := s.crit[cr.k]; mine != nil && *mine >= theirs {
				continue
			}
			trial[cr.k] = &theirs
			after, _ := f.overallOf(trial, w)
			trial[cr.k] = s.crit[cr.k]
			if p := after - base; p >= minShown {
				out = append(out, gain{k: cr.k, target: t, points: p})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b gain) int {
		switch {
		case a.points > b.points:
			return -1
		case a.points < b.points:
			return 1
		}
		return 0
	})
	return out
}

// together is subject's overall and rank were all of gs made, under the
// rubric weights (others keep their scores).
func (f *field) together(subject int, gs []gain) (overall float64, rank int) {
	s := &f.comps[subject]
	w := f.rubricWeights()
	base, _ := f.overallOf(s.crit, w)
	trial := slices.Clone(s.crit)
	for _, g := range gs {
		v := *f.comps[g.target].crit[g.k]
		trial[g.k] = &v
	}
	after, _ := f.overallOf(trial, w)
	overall = s.overall + (after - base)
	rank = 1
	for i, c := range f.comps {
		if i != subject && rankKey(c.overall) > rankKey(overall) {
			rank++
		}
	}
	return overall, rank
}

// rankKey is an overall score as displayed, in tenths: scores that show
// the same share a rank, as in scoring.
func rankKey(overall float64) int64 {
	return int64(math.Round(overall * 10))
}

// critByK returns criterion k of the rubric.
func (f *field) critByK(k int) fieldCrit {
	for _, cat := range f.cats {
		for _, cr := range cat.crits {
			if cr.k == k {
				return cr
			}
		}
	}
	return fieldCrit{k: k}
}

// effectiveShare is the share of subject's overall that category ci
// carries under weights w: its weight over the weight of the categories
// in which subject has a score (0 when it has none there).
func (f *field) effectiveShare(subject, ci int, w []float64) float64 {
	c := &f.comps[subject]
	if c.cat[ci] == nil || w[ci] <= 0 {
		return 0
	}
	var total float64
	for i := range f.cats {
		if c.cat[i] != nil && w[i] > 0 {
			total += w[i]
		}
	}
	return w[ci] / total
}
