package main

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
	"github.com/spf13/cobra"
)

// gateOptions are the CI gates: exit status 3 when one is not met.
type gateOptions struct {
	failUnder        float64
	failOnRegression float64
	assertRank       []string

	// set by parse
	hasFailUnder, hasRegression bool
	ranks                       []rankAssertion
}

type rankAssertion struct {
	category string // overall or a category id
	max      int
}

func gateFlags(cmd *cobra.Command, g *gateOptions) {
	cmd.Flags().Float64Var(&g.failUnder, "fail-under", 0, "exit with status 3 when self's overall score is below `N`")
	cmd.Flags().Float64Var(&g.failOnRegression, "fail-on-regression", 0,
		"exit with status 3 when self's overall score dropped by more than `X` points since the previous archived run (needs --history)")
	cmd.Flags().StringArrayVar(&g.assertRank, "assert-rank", nil,
		"exit with status 3 unless self ranks at least this well: `CATEGORY<=N` (CATEGORY: overall or a category id; repeatable)")
}

var rankAssert = regexp.MustCompile(`^\s*([a-z0-9_-]+)\s*<=\s*([0-9]+)\s*$`)

// parse checks the gate flags (usage errors, exit status 2).
func (g *gateOptions) parse(cmd *cobra.Command) error {
	g.hasFailUnder = cmd.Flags().Changed("fail-under")
	g.hasRegression = cmd.Flags().Changed("fail-on-regression")
	if g.hasFailUnder && (g.failUnder < 0 || g.failUnder > 100) {
		return fmt.Errorf("--fail-under must be a score from 0 to 100, got %g", g.failUnder)
	}
	if g.hasRegression && g.failOnRegression < 0 {
		return fmt.Errorf("--fail-on-regression must be a number of points >= 0, got %g", g.failOnRegression)
	}
	g.ranks = nil
	for _, s := range g.assertRank {
		m := rankAssert.FindStringSubmatch(s)
		if m == nil {
			return fmt.Errorf("--assert-rank %q: want CATEGORY<=N, e.g. overall<=3 or policies<=1", s)
		}
		n, err := strconv.Atoi(m[2])
		if err != nil || n < 1 {
			return fmt.Errorf("--assert-rank %q: the rank must be at least 1", s)
		}
		g.ranks = append(g.ranks, rankAssertion{m[1], n})
	}
	return nil
}

func (g *gateOptions) any() bool { return g.hasFailUnder || g.hasRegression || len(g.ranks) > 0 }

// check applies the gates to sc (prev: the previous archived run's
// scorecard, for --fail-on-regression). Every failed gate is listed.
func (g *gateOptions) check(sc, prev *scoring.Scorecard) error {
	if !g.any() {
		return nil
	}
	var self *scoring.Competitor
	for i := range sc.Competitors {
		if sc.Competitors[i].Self {
			self = &sc.Competitors[i]
		}
	}
	if self == nil {
		return &exitError{exitGate, errors.New("gate: no competitor is marked self: true, so no gate can be checked")}
	}
	var fails []string
	if g.hasFailUnder && self.Overall < g.failUnder {
		fails = append(fails, fmt.Sprintf("%s's overall score %.1f is below --fail-under %g", self.Name, self.Overall, g.failUnder))
	}
	if g.hasRegression && prev != nil {
		for _, p := range prev.Competitors {
			if p.ID == self.ID && p.Overall-self.Overall > g.failOnRegression {
				fails = append(fails, fmt.Sprintf("%s's overall score dropped %.1f → %.1f (−%.1f points), more than --fail-on-regression %g",
					self.Name, p.Overall, self.Overall, p.Overall-self.Overall, g.failOnRegression))
			}
		}
	}
	cats := map[string]bool{"overall": true}
	for _, c := range sc.Rubric.Categories {
		cats[c.ID] = true
	}
	for _, r := range g.ranks {
		if !cats[r.category] {
			fails = append(fails, fmt.Sprintf("--assert-rank %s<=%d: no category %q in the rubric", r.category, r.max, r.category))
			continue
		}
		rank := history.CategoryRank(sc, r.category, self.ID)
		switch {
		case rank == 0:
			fails = append(fails, fmt.Sprintf("%s has no %s score, so --assert-rank %s<=%d fails", self.Name, r.category, r.category, r.max))
		case rank > r.max:
			fails = append(fails, fmt.Sprintf("%s ranks %d in %s, worse than --assert-rank %s<=%d", self.Name, rank, r.category, r.category, r.max))
		}
	}
	if len(fails) == 0 {
		return nil
	}
	return &exitError{exitGate, errors.New("gate failed: " + strings.Join(fails, "; gate failed: "))}
}

// previousScorecard returns the newest archived run's scorecard in dir,
// or nil when the archive is empty.
func previousScorecard(dir string) (*scoring.Scorecard, error) {
	arch, err := history.Open(dir)
	if err != nil {
		return nil, err
	}
	r, ok, err := arch.Latest()
	if err != nil || !ok {
		return nil, err
	}
	return r.Scorecard()
}
