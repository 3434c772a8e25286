package reports

import (
	"github.com/cxbench/cxbench/scoring"
)

// h2hView is the head-to-head battlecard: two competitors criterion by
// criterion, who wins each and both sides' evidence. The page is written
// with a default pair (us against the leader); report.js redraws it for
// the pair picked, which it keeps in the URL fragment.
type h2hView struct {
	// SelfMode fixes the left side to the self competitor; without one
	// both sides can be picked.
	SelfMode   bool
	Left       h2hHead
	Right      h2hHead
	Options    []h2hOption
	Tally      h2hTally
	Categories []h2hCategory
}

type h2hHead struct {
	ID       string
	Name     string
	Self     bool
	Rank     int
	Overall  string
	Coverage string
	Low      bool
}

type h2hOption struct {
	ID   string
	Name string
	Rank int
	Self bool
	Low  bool
}

// h2hTally counts criteria won by each side, tied, and without a
// comparison (one side has no data).
type h2hTally struct {
	Left, Right, Ties, NA int
}

type h2hCategory struct {
	Name  string
	Left  scoreCell
	Right scoreCell
	Edge  edge
	Rows  []h2hRow
}

type h2hRow struct {
	K         int
	Criterion string
	Left      sideView
	Right     sideView
	Edge      edge
}

// edge says who wins a comparison: Class is left, right, tie or na; Text
// names the winner for people (never colour alone).
type edge struct {
	Class string
	Text  string
}

// compare judges two scores as shown: equal to 0.1 is a tie, and without
// both there is no comparison (unknown is not zero).
func compare(l, r *float64, left, right string) edge {
	switch {
	case l == nil && r == nil:
		return edge{"na", "no data"}
	case l == nil:
		return edge{"na", "no data for " + left}
	case r == nil:
		return edge{"na", "no data for " + right}
	}
	d := *l - *r
	switch {
	case d >= minShown:
		return edge{"left", left}
	case d <= -minShown:
		return edge{"right", right}
	}
	return edge{"tie", "tie"}
}

// h2hPair is the default pair: self against the leader (or, when self
// leads, the runner-up); without self the leader against the runner-up.
func h2hPair(f *field) (left, right int) {
	self, leader := f.self(), f.leader()
	left = self
	if left < 0 {
		left = max(leader, 0)
	}
	right = leader
	if right == left || right < 0 {
		right = f.firstEligible(left)
	}
	if right < 0 {
		for i := range f.comps {
			if i != left {
				return left, i
			}
		}
	}
	return left, right
}

func buildH2H(sc *scoring.Scorecard, f *field) *h2hView {
	if len(f.comps) < 2 {
		return nil
	}
	left, right := h2hPair(f)
	hv := &h2hView{SelfMode: f.self() >= 0}
	head := func(i int) h2hHead {
		c := &sc.Competitors[i]
		return h2hHead{ID: c.ID, Name: c.Name, Self: c.Self, Rank: c.Rank, Overall: fmtScore(c.Overall), Coverage: pct(c.Coverage), Low: c.LowCoverage}
	}
	hv.Left, hv.Right = head(left), head(right)
	for _, c := range sc.Competitors {
		hv.Options = append(hv.Options, h2hOption{ID: c.ID, Name: c.Name, Rank: c.Rank, Self: c.Self, Low: c.LowCoverage})
	}
	l, r := &f.comps[left], &f.comps[right]
	for ci, cat := range f.cats {
		hc := h2hCategory{Name: cat.name, Left: cell(l.cat[ci]), Right: cell(r.cat[ci]), Edge: compare(l.cat[ci], r.cat[ci], l.name, r.name)}
		for _, cr := range cat.crits {
			row := h2hRow{
				K: cr.k, Criterion: cr.name,
				Left: side(sc, f, left, cr.k), Right: side(sc, f, right, cr.k),
				Edge: compare(l.crit[cr.k], r.crit[cr.k], l.name, r.name),
			}
			switch row.Edge.Class {
			case "left":
				hv.Tally.Left++
			case "right":
				hv.Tally.Right++
			case "tie":
				hv.Tally.Ties++
			default:
				hv.Tally.NA++
			}
			hc.Rows = append(hc.Rows, row)
		}
		hv.Categories = append(hv.Categories, hc)
	}
	return hv
}
