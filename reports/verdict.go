package reports

import (
	"fmt"
	"math"
	"strconv"

	"github.com/cxbench/cxbench/scoring"
)

// maxMoves is how many changes the verdict lists.
const maxMoves = 3

// Verdict modes.
const (
	verdictSelf   = "self"   // our standing and what would move us most
	verdictLeader = "leader" // no self: what puts the leader ahead of the runner-up
	verdictNone   = "none"   // no competitor qualifies as leader, and no self
)

// verdictView is the strip at the top of the page: where we stand and the
// changes worth the most points. Without a self competitor it profiles the
// leader against the runner-up instead.
type verdictView struct {
	Mode        string
	Headline    string
	Subject     string // whose standing the figures describe
	Rank        int
	Of          int
	Overall     string
	Coverage    string
	LowCoverage bool
	Stability   badge
	// Leader is the best-ranked competitor with enough coverage; "" when
	// none qualifies.
	Leader      string
	LeaderScore string
	// Gap is Subject's overall minus the leader's ("−34.3"), or its lead
	// over the runner-up ("+12.0") when Subject leads; GapLabel says which.
	Gap      string
	GapLabel string
	GapClass string // lag, lead, even, na
	// MovesTitle heads the list of Moves; NoMoves explains an empty list.
	MovesTitle string
	MovesNote  string
	Moves      []moveView
	NoMoves    string
	Together   string
	Note       string // a caveat: low coverage, no leader
}

// moveView is one change worth points: the subject's score on a criterion
// raised to the best competitor's, with both sides' evidence.
type moveView struct {
	K         int
	Criterion string
	Category  string
	Points    string // "+6.3"
	Share     string // the criterion's share of the rubric weight, "8%"
	Ours      sideView
	Theirs    sideView
}

// sideView is one competitor's value, score and first evidence on a
// criterion.
type sideView struct {
	Name     string
	Self     bool
	Value    string
	Score    scoreCell
	Evidence *evidence // nil when there is none
}

func buildVerdict(sc *scoring.Scorecard, f *field) verdictView {
	v := verdictView{Of: len(f.comps), GapClass: "na"}
	w := f.rubricWeights()
	self, leader := f.self(), f.leader()
	if leader >= 0 {
		v.Leader, v.LeaderScore = f.comps[leader].name, fmtScore(f.comps[leader].overall)
	}
	subject, against := self, -1
	switch {
	case self >= 0:
		v.Mode = verdictSelf
	case leader >= 0:
		v.Mode = verdictLeader
		subject = leader
	default:
		v.Mode = verdictNone
		v.Headline = "No competitor has data on enough of the rubric to be called the leader."
		v.Note = "Every competitor's data covers less than " + pct(f.minCoverage) + " of the rubric's weight: see the coverage column of the leaderboard."
		return v
	}
	s := &f.comps[subject]
	v.Subject, v.Rank, v.Overall = s.name, s.rank, fmtScore(s.overall)
	c := &sc.Competitors[subject]
	v.Coverage, v.LowCoverage, v.Stability = pct(c.Coverage), c.LowCoverage, stability(c.RankStability)

	runnerUp := f.firstEligible(leader)
	switch {
	case leader < 0:
		v.GapLabel = "No leader to compare with"
	case subject == leader && runnerUp >= 0:
		d := s.overall - f.comps[runnerUp].overall
		v.Gap, v.GapLabel, v.GapClass = signedScore(d), "ahead of "+f.comps[runnerUp].name, "lead"
	case subject == leader:
		v.GapLabel = "No rival with enough coverage"
	case s.rank == f.comps[leader].rank:
		v.Gap, v.GapLabel, v.GapClass = signedScore(0), "level with "+f.comps[leader].name, "even"
	case s.rank < f.comps[leader].rank:
		// Ranked above the leader on too little data to lead.
		d := s.overall - f.comps[leader].overall
		v.Gap, v.GapLabel, v.GapClass = signedScore(d), "ahead of "+f.comps[leader].name+", the best-ranked with enough data", "lead"
	default:
		d := s.overall - f.comps[leader].overall
		v.Gap, v.GapLabel, v.GapClass = signedScore(d), "behind the leader, "+f.comps[leader].name, "lag"
	}
	v.Headline = verdictHeadline(f, subject, leader, runnerUp, v.Mode)

	var gs []gain
	switch v.Mode {
	case verdictSelf:
		v.MovesTitle = "The changes worth the most points"
		v.MovesNote = "For each criterion: the points our overall score gains with the score of the best competitor with data on it (low-coverage competitors are left out). That is its share of the weight × our gap when we have data in every category; where we have none, the other categories' weight grows, and so do the points."
		gs = f.gains(subject, w, func(k int) int { return f.bestAt(k, subject) })
		v.NoMoves = "Nothing to catch up: on every criterion, " + s.name + " matches or beats the best competitor with data."
		if s.low {
			v.Note = s.name + "'s data covers only " + v.Coverage + " of the rubric's weight (the minimum is " + pct(f.minCoverage) + "): read this rank with care."
		}
		if leader < 0 {
			v.Note = "No competitor has data on enough of the rubric (" + pct(f.minCoverage) + " of its weight) to be called the leader."
		}
	case verdictLeader:
		if runnerUp < 0 {
			v.NoMoves = "No other competitor has data on enough of the rubric to compare with."
			break
		}
		ru := &f.comps[runnerUp]
		against = runnerUp
		v.MovesTitle = "What puts " + s.name + " ahead of " + ru.name
		v.MovesNote = "The criteria worth the most points to " + ru.name + " if it matched " + s.name + ": the points its overall score gains with the leader's score on each criterion (the criterion's share of the weight × the gap, more where it has no data in a category). No competitor is marked self: add self: true to yours in benchmarks.yaml to see your own verdict."
		gs = f.gains(runnerUp, w, func(int) int { return subject })
		v.NoMoves = ru.name + " matches or beats " + s.name + " on every criterion both have data on."
	}
	if len(gs) > maxMoves {
		gs = gs[:maxMoves]
	}
	from := subject
	if against >= 0 {
		from = against
	}
	for _, g := range gs {
		v.Moves = append(v.Moves, buildMove(sc, f, from, g))
	}
	if len(gs) > 0 {
		all, rank := f.together(from, gs)
		fc := &f.comps[from]
		v.Together = fmt.Sprintf("%s: %s points → %s, rank #%d", togetherWord(len(gs)), signedScore(all-fc.overall), fmtScore(all), rank)
		if rank != fc.rank {
			v.Together += " (now #" + strconv.Itoa(fc.rank) + ")"
		} else {
			v.Together += " (unchanged)"
		}
	}
	return v
}

func togetherWord(n int) string {
	switch n {
	case 1:
		return "This change"
	case 2:
		return "Both changes together"
	}
	return "All " + strconv.Itoa(n) + " changes together"
}

func verdictHeadline(f *field, subject, leader, runnerUp int, mode string) string {
	s := &f.comps[subject]
	switch {
	case mode == verdictLeader && runnerUp >= 0:
		ru := &f.comps[runnerUp]
		return fmt.Sprintf("%s leads with %s, %s points ahead of %s (%s).", s.name, fmtScore(s.overall),
			fmtScore(math.Abs(s.overall-ru.overall)), ru.name, fmtScore(ru.overall))
	case mode == verdictLeader:
		return fmt.Sprintf("%s leads with %s; no other competitor has data on enough of the rubric to compare.", s.name, fmtScore(s.overall))
	}
	head := fmt.Sprintf("%s ranks #%d of %d with %s", s.name, s.rank, len(f.comps), fmtScore(s.overall))
	switch {
	case leader < 0:
		return head + "."
	case subject == leader && runnerUp >= 0:
		return fmt.Sprintf("%s and leads, %s points ahead of %s (%s).", head, fmtScore(s.overall-f.comps[runnerUp].overall),
			f.comps[runnerUp].name, fmtScore(f.comps[runnerUp].overall))
	case subject == leader:
		return head + " and leads."
	case s.rank == f.comps[leader].rank:
		return fmt.Sprintf("%s, level with %s.", head, f.comps[leader].name)
	}
	l := &f.comps[leader]
	if s.rank < l.rank {
		return fmt.Sprintf("%s, %s points ahead of %s (%s), the best-ranked competitor with data on enough of the rubric.", head,
			fmtScore(s.overall-l.overall), l.name, fmtScore(l.overall))
	}
	return fmt.Sprintf("%s, %s points behind the leader, %s (%s).", head, fmtScore(l.overall-s.overall), l.name, fmtScore(l.overall))
}

func buildMove(sc *scoring.Scorecard, f *field, subject int, g gain) moveView {
	cr := f.critByK(g.k)
	total := 0.0
	for _, c := range f.cats {
		total += c.weight
	}
	share := 0.0
	for _, c := range f.cats {
		var ct float64
		for _, x := range c.crits {
			ct += x.weight
		}
		for _, x := range c.crits {
			if x.k == g.k && total > 0 && ct > 0 {
				share = c.weight / total * x.weight / ct
			}
		}
	}
	return moveView{
		K: g.k, Criterion: cr.name, Category: cr.category,
		Points: signedScore(g.points), Share: pct(share),
		Ours:   side(sc, f, subject, g.k),
		Theirs: side(sc, f, g.target, g.k),
	}
}

// side is competitor i's value, score and first evidence on criterion k.
func side(sc *scoring.Scorecard, f *field, i, k int) sideView {
	c := &f.comps[i]
	sv := sideView{Name: c.name, Self: c.self, Value: "no data", Score: cell(c.crit[k])}
	if cs := c.critAt[k]; cs != nil {
		sv.Value = fmtValue(cs.Value, cs.Signal)
		if len(cs.Evidence) > 0 {
			e := makeEvidence(cs.Evidence[0], evidenceWhen(sc, cs))
			sv.Evidence = &e
		}
	}
	return sv
}
