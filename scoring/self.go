package scoring

import (
	"cmp"
	"math"
	"slices"
)

// maxHighlights is how many strongest and weakest criteria are listed.
const maxHighlights = 3

// selfAnalysis compares the competitor marked self with the field. out is
// in canonical order and order lists it by rank; with several competitors
// marked self the best ranked is analysed. Nil when none is marked.
func selfAnalysis(p *plan, m *matrix, out []Competitor, order []int) *SelfAnalysis {
	self := -1
	for _, i := range order {
		if out[i].Self {
			self = i
			break
		}
	}
	if self < 0 {
		return nil
	}
	sa := &SelfAnalysis{
		ID:        out[self].ID,
		Gaps:      make([]CategoryGap, 0, len(p.cats)),
		Strongest: []CriterionDelta{},
		Weakest:   []CriterionDelta{},
	}

	// Gaps: self minus the category's leader; ties go to the better ranked.
	// A competitor whose data covers too little of the rubric leads no
	// category (as it leads nothing in the report).
	for ci, cat := range p.cats {
		g := CategoryGap{Category: cat.id, Name: cat.name}
		leader, best := -1, math.Inf(-1)
		for _, i := range order {
			if out[i].LowCoverage && i != self {
				continue
			}
			if s := m.catRow(i)[ci]; !math.IsNaN(s) && s > best {
				leader, best = i, s
			}
		}
		mine := m.catRow(self)[ci]
		if !math.IsNaN(mine) {
			g.Self = ptr(round1(mine))
		}
		if leader >= 0 {
			g.Leader = out[leader].ID
			g.LeaderVal = ptr(round1(best))
			if !math.IsNaN(mine) {
				// From the displayed scores, so the gap adds up on the page.
				g.Gap = ptr(round1(round1(mine) - round1(best)))
			}
		}
		sa.Gaps = append(sa.Gaps, g)
	}

	// Criterion deltas against the mean of every competitor scored there.
	var deltas []CriterionDelta
	var raw []float64
	k := 0
	for _, cat := range p.cats {
		for _, cr := range cat.crits {
			mine := m.critRow(self)[k]
			if !math.IsNaN(mine) {
				sum, cnt := 0.0, 0
				for i := range out {
					if s := m.critRow(i)[k]; !math.IsNaN(s) {
						sum += s
						cnt++
					}
				}
				mean := sum / float64(cnt)
				deltas = append(deltas, CriterionDelta{
					Category: cat.id, Criterion: cr.id, Signal: cr.signal,
					Self: round1(mine), FieldMean: round1(mean), Delta: round1(round1(mine) - round1(mean)),
				})
				raw = append(raw, mine-mean)
			}
			k++
		}
	}
	idx := make([]int, len(deltas))
	for i := range idx {
		idx[i] = i
	}
	// Largest delta first; rubric order breaks ties.
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(raw[b], raw[a]) })
	for _, i := range idx {
		if len(sa.Strongest) < maxHighlights && deltas[i].Delta > 0 {
			sa.Strongest = append(sa.Strongest, deltas[i])
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(raw[a], raw[b]), cmp.Compare(a, b)) })
	for _, i := range idx {
		if len(sa.Weakest) < maxHighlights && deltas[i].Delta < 0 {
			sa.Weakest = append(sa.Weakest, deltas[i])
		}
	}
	return sa
}

func ptr(f float64) *float64 { return &f }
