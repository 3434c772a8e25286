package scoring

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

var (
	linear0to100 = config.ScoreFunc{Linear: &config.LinearFunc{Worst: 0, Best: 100}}
	boolFn       = config.ScoreFunc{Bool: &config.BoolFunc{}}
)

// crit is a criterion scoring signal s linearly from 0 to 100.
func crit(s string, w float64) config.Criterion {
	return config.Criterion{Signal: s, Weight: w, Score: linear0to100}
}

func comp(id string, kv ...any) signal.Competitor {
	return signal.Competitor{ID: id, Name: id, Signals: sigs(kv...)}
}

func file(cs ...signal.Competitor) *signal.File {
	return &signal.File{Schema: signal.Schema, Competitors: cs}
}

// twoCats has categories a (weight 3: criteria a1 w1, a2 w3) and b (weight 1:
// criterion b1 w1).
func twoCats(missing config.MissingPolicy) *config.Rubric {
	return &config.Rubric{Name: "t", Missing: missing, MinCoverage: 0.5, Categories: []config.Category{
		{ID: "a", Weight: 3, Criteria: []config.Criterion{crit("a1", 1), crit("a2", 3)}},
		{ID: "b", Weight: 1, Criteria: []config.Criterion{crit("b1", 1)}},
	}}
}

func val(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// summary is the part of a competitor the aggregation tests check.
type summary struct {
	ID          string
	Rank        int
	Overall     float64
	Coverage    float64
	LowCoverage bool
	Cats        []any // category scores, nil when absent
	CatCoverage []float64
	Crits       []any // criterion scores in rubric order
	Explains    []string
}

func summarize(sc *Scorecard) []summary {
	var out []summary
	for _, c := range sc.Competitors {
		s := summary{ID: c.ID, Rank: c.Rank, Overall: c.Overall, Coverage: c.Coverage, LowCoverage: c.LowCoverage}
		for _, cat := range c.Categories {
			s.Cats = append(s.Cats, val(cat.Score))
			s.CatCoverage = append(s.CatCoverage, cat.Coverage)
			for _, cr := range cat.Criteria {
				s.Crits = append(s.Crits, val(cr.Score))
				s.Explains = append(s.Explains, cr.Explain)
			}
		}
		out = append(out, s)
	}
	return out
}

func TestAggregation(t *testing.T) {
	tests := []struct {
		name string
		r    *config.Rubric
		f    *signal.File
		want []summary
	}{
		{
			name: "full data",
			r:    twoCats(""),
			f:    file(comp("x", "a1", num(100), "a2", num(60), "b1", num(20))),
			// a = (100 + 3·60)/4 = 70; overall = (3·70 + 20)/4 = 57.5
			want: []summary{{ID: "x", Rank: 1, Overall: 57.5, Coverage: 1, Cats: []any{70.0, 20.0}, CatCoverage: []float64{1, 1},
				Crits:    []any{100.0, 60.0, 20.0},
				Explains: []string{"100 on a linear scale 0 → 100", "60 on a linear scale 0 → 100", "20 on a linear scale 0 → 100"}}},
		},
		{
			name: "missing skip leaves the criterion out",
			r:    twoCats(config.MissingSkip),
			f:    file(comp("x", "a1", num(100), "b1", num(20))),
			// a = 100 over a1 only; coverage = 3/4·1/4 + 1/4·1 = 0.4375 < 0.5
			want: []summary{{ID: "x", Rank: 1, Overall: 80, Coverage: 0.4375, LowCoverage: true, Cats: []any{100.0, 20.0}, CatCoverage: []float64{0.25, 1},
				Crits:    []any{100.0, nil, 20.0},
				Explains: []string{"100 on a linear scale 0 → 100", "no data (skipped)", "20 on a linear scale 0 → 100"}}},
		},
		{
			name: "missing zero scores 0 but does not count as covered",
			r:    twoCats(config.MissingZero),
			f:    file(comp("x", "a1", num(100), "b1", num(20))),
			// a = (100 + 3·0)/4 = 25; overall = (75 + 20)/4 = 23.75
			want: []summary{{ID: "x", Rank: 1, Overall: 23.8, Coverage: 0.4375, LowCoverage: true, Cats: []any{25.0, 20.0}, CatCoverage: []float64{0.25, 1},
				Crits:    []any{100.0, 0.0, 20.0},
				Explains: []string{"100 on a linear scale 0 → 100", "no data → 0 (missing: zero)", "20 on a linear scale 0 → 100"}}},
		},
		{
			name: "criterion policy overrides the rubric's",
			r: func() *config.Rubric {
				r := twoCats(config.MissingZero)
				r.Categories[0].Criteria[1].Missing = config.MissingSkip
				return r
			}(),
			f: file(comp("x", "a1", num(100), "b1", num(20))),
			want: []summary{{ID: "x", Rank: 1, Overall: 80, Coverage: 0.4375, LowCoverage: true, Cats: []any{100.0, 20.0}, CatCoverage: []float64{0.25, 1},
				Crits:    []any{100.0, nil, 20.0},
				Explains: []string{"100 on a linear scale 0 → 100", "no data (skipped)", "20 on a linear scale 0 → 100"}}},
		},
		{
			name: "a category without data drops out of the overall",
			r:    twoCats(config.MissingSkip),
			f:    file(comp("x", "a2", num(40))),
			want: []summary{{ID: "x", Rank: 1, Overall: 40, Coverage: 0.5625, Cats: []any{40.0, nil}, CatCoverage: []float64{0.75, 0},
				Crits:    []any{nil, 40.0, nil},
				Explains: []string{"no data (skipped)", "40 on a linear scale 0 → 100", "no data (skipped)"}}},
		},
		{
			name: "type mismatch is missing data",
			r:    twoCats(config.MissingZero),
			f:    file(comp("x", "a1", boolean(true), "a2", num(100), "b1", text("lots"))),
			want: []summary{{ID: "x", Rank: 1, Overall: 56.3, Coverage: 0.5625, Cats: []any{75.0, 0.0}, CatCoverage: []float64{0.75, 0},
				Crits: []any{0.0, 100.0, 0.0},
				Explains: []string{"true is not a number → 0 (missing: zero)", "100 on a linear scale 0 → 100",
					`"lots" is not a number → 0 (missing: zero)`}}},
		},
		{
			name: "no data at all is flagged even without min_coverage",
			r:    &config.Rubric{Categories: []config.Category{{ID: "a", Weight: 1, Criteria: []config.Criterion{crit("a1", 1)}}}},
			f:    file(comp("x"), comp("y", "a1", num(10))),
			want: []summary{
				{ID: "y", Rank: 1, Overall: 10, Coverage: 1, Cats: []any{10.0}, CatCoverage: []float64{1}, Crits: []any{10.0}, Explains: []string{"10 on a linear scale 0 → 100"}},
				{ID: "x", Rank: 2, Overall: 0, Coverage: 0, LowCoverage: true, Cats: []any{nil}, CatCoverage: []float64{0}, Crits: []any{nil}, Explains: []string{"no data (skipped)"}},
			},
		},
		{
			name: "coverage exactly at min_coverage is not flagged",
			r: &config.Rubric{MinCoverage: 0.3, Categories: []config.Category{
				{ID: "a", Weight: 1, Criteria: []config.Criterion{crit("a1", 0.1), crit("a2", 0.2), crit("a3", 0.7)}}}},
			f: file(comp("x", "a1", num(50), "a2", num(50))),
			want: []summary{{ID: "x", Rank: 1, Overall: 50, Coverage: 0.3, Cats: []any{50.0}, CatCoverage: []float64{0.3},
				Crits: []any{50.0, 50.0, nil}, Explains: []string{"50 on a linear scale 0 → 100", "50 on a linear scale 0 → 100", "no data (skipped)"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(Score(tt.r, tt.f, Options{Trials: -1}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRanks(t *testing.T) {
	r := &config.Rubric{Categories: []config.Category{{ID: "a", Weight: 1, Criteria: []config.Criterion{crit("s", 1)}}}}
	type rank struct {
		ID      string
		Rank    int
		Overall float64
	}
	tests := []struct {
		name string
		f    *signal.File
		want []rank
	}{
		{
			name: "ties share a rank and skip the next",
			f:    file(comp("d", "s", num(60)), comp("c", "s", num(70)), comp("a", "s", num(80)), comp("b", "s", num(70))),
			want: []rank{{"a", 1, 80}, {"b", 2, 70}, {"c", 2, 70}, {"d", 4, 60}},
		},
		{
			name: "equal after rounding to 0.1 is a tie",
			f:    file(comp("x", "s", num(70.04)), comp("y", "s", num(69.96)), comp("z", "s", num(69.94))),
			want: []rank{{"x", 1, 70}, {"y", 1, 70}, {"z", 3, 69.9}},
		},
		{
			name: "all tied",
			f:    file(comp("b", "s", num(5)), comp("a", "s", num(5))),
			want: []rank{{"a", 1, 5}, {"b", 1, 5}},
		},
		{
			name: "one competitor",
			f:    file(comp("solo", "s", num(33.33))),
			want: []rank{{"solo", 1, 33.3}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := Score(r, tt.f, Options{})
			var got []rank
			for _, c := range sc.Competitors {
				got = append(got, rank{c.ID, c.Rank, c.Overall})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCopiedFields(t *testing.T) {
	ev := []signal.Evidence{{URL: "https://a.example/returns", Snippet: "30 days", Method: signal.MethodText}}
	f := &signal.File{
		Schema: signal.Schema, Tool: "cxbench test", UserAgent: "ua/1", ConfigHash: "fromfile",
		StartedAt:  time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC),
		FinishedAt: time.Date(2026, 11, 22, 6, 3, 10, 0, time.UTC),
		Competitors: []signal.Competitor{{
			ID: "a", URL: "https://a.example/", Self: true, Complete: false,
			Pages:  []signal.Page{{Status: 200}, {Status: 204}, {Status: 301}, {Status: 404}, {Status: 0}, {Status: 299}},
			Errors: []signal.CrawlError{{URL: "https://a.example/x", Status: 404, Message: "fetching x: 404"}},
			Signals: map[string]signal.Signal{
				"policy.return_days": {Value: signal.Number(30), Evidence: ev, Manual: true, Source: "call", AsOf: "2025-01-01", Stale: true},
			},
		}},
	}
	r := &config.Rubric{Categories: []config.Category{{ID: "p", Weight: 1, Criteria: []config.Criterion{crit("policy.return_days", 1)}}}}

	t.Run("competitor and criterion", func(t *testing.T) {
		c := Score(r, f, Options{}).Competitors[0]
		got := []any{c.Name, c.URL, c.Self, c.Complete, c.Pages, c.Errors}
		want := []any{"a", "https://a.example/", true, false, 3, f.Competitors[0].Errors}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("competitor (-want +got):\n%s", diff)
		}
		cr := c.Categories[0].Criteria[0]
		wantCr := CriterionScore{ID: "policy.return_days", Name: "policy.return_days", Signal: "policy.return_days", Weight: 1,
			Value: signal.Number(30), Score: fp(30), Explain: "30 days on a linear scale 0 → 100", Evidence: ev, Manual: true, AsOf: "2025-01-01", Stale: true}
		if diff := cmp.Diff(wantCr, cr, cmp.AllowUnexported(signal.Value{})); diff != "" {
			t.Errorf("criterion (-want +got):\n%s", diff)
		}
	})
	t.Run("run info", func(t *testing.T) {
		tests := []struct {
			name string
			opt  Options
			want RunInfo
		}{
			{"config hash from the file", Options{}, RunInfo{StartedAt: f.StartedAt, FinishedAt: f.FinishedAt, Tool: "cxbench test", UserAgent: "ua/1", ConfigHash: "fromfile"}},
			{"config hash from options", Options{ConfigHash: "opt", SignalsHash: "sig"},
				RunInfo{StartedAt: f.StartedAt, FinishedAt: f.FinishedAt, Tool: "cxbench test", UserAgent: "ua/1", ConfigHash: "opt", SignalsHash: "sig"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if diff := cmp.Diff(tt.want, Score(r, f, tt.opt).Run); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	})
	t.Run("rubric info", func(t *testing.T) {
		r := &config.Rubric{Name: "R", Description: "d", MinCoverage: 0.6, Categories: []config.Category{
			{ID: "p", Name: "Policies", Description: "pd", Weight: 2, Criteria: []config.Criterion{
				{ID: "ret", Name: "Returns", Signal: "policy.return_days", Weight: 3, Description: "cd", Missing: config.MissingZero,
					Score: config.ScoreFunc{Target: &config.TargetFunc{Goal: 60, Worst: 14}}},
				{Signal: "contact.chat", Weight: 1, Score: boolFn},
			}},
		}}
		want := RubricInfo{Name: "R", Description: "d", Hash: "h", Missing: "skip", MinCoverage: 0.6, Categories: []CategoryInfo{
			{ID: "p", Name: "Policies", Description: "pd", Weight: 2, Criteria: []CriterionInfo{
				{ID: "ret", Name: "Returns", Signal: "policy.return_days", Weight: 3, Description: "cd", Missing: "zero",
					Function: "target: 60 or more → 100, 14 or less → 0, linear between"},
				{ID: "contact.chat", Name: "contact.chat", Signal: "contact.chat", Weight: 1, Missing: "skip", Function: "bool: true → 100, false → 0"},
			}},
		}}
		if diff := cmp.Diff(want, Score(r, f, Options{RubricHash: "h"}).Rubric); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestSelfAnalysis(t *testing.T) {
	r := &config.Rubric{Categories: []config.Category{
		{ID: "a", Name: "A", Weight: 1, Criteria: []config.Criterion{crit("a1", 1), crit("a2", 1)}},
		{ID: "b", Name: "B", Weight: 1, Criteria: []config.Criterion{crit("b1", 1), crit("b2", 1), crit("b3", 1)}},
		{ID: "c", Name: "C", Weight: 1, Criteria: []config.Criterion{crit("c1", 1)}},
	}}
	me := comp("me", "a1", num(90), "a2", num(10), "b1", num(80), "b2", num(70), "b3", num(60))
	me.Self = true
	f := file(me,
		comp("x", "a1", num(50), "a2", num(40), "b1", num(30), "b2", num(70), "b3", num(70), "c1", num(20)),
		comp("y", "a1", num(10), "a2", num(70), "b1", num(20), "b2", num(70), "b3", num(80), "c1", num(80)),
	)
	want := &SelfAnalysis{
		ID: "me",
		Gaps: []CategoryGap{
			{Category: "a", Name: "A", Self: fp(50), Leader: "me", LeaderVal: fp(50), Gap: fp(0)}, // x 45, y 40
			{Category: "b", Name: "B", Self: fp(70), Leader: "me", LeaderVal: fp(70), Gap: fp(0)}, // x 56.7, y 56.7
			{Category: "c", Name: "C", Self: nil, Leader: "y", LeaderVal: fp(80), Gap: nil},
		},
		Strongest: []CriterionDelta{
			{Category: "a", Criterion: "a1", Signal: "a1", Self: 90, FieldMean: 50, Delta: 40},
			{Category: "b", Criterion: "b1", Signal: "b1", Self: 80, FieldMean: 43.3, Delta: 36.7},
		},
		Weakest: []CriterionDelta{
			{Category: "a", Criterion: "a2", Signal: "a2", Self: 10, FieldMean: 40, Delta: -30},
			{Category: "b", Criterion: "b3", Signal: "b3", Self: 60, FieldMean: 70, Delta: -10},
		},
	}
	if diff := cmp.Diff(want, Score(r, f, Options{}).Self); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	t.Run("at most three each, largest first", func(t *testing.T) {
		r := &config.Rubric{Categories: []config.Category{{ID: "a", Weight: 1, Criteria: []config.Criterion{
			crit("s1", 1), crit("s2", 1), crit("s3", 1), crit("s4", 1), crit("s5", 1), crit("s6", 1), crit("s7", 1), crit("s8", 1),
		}}}}
		me := comp("me", "s1", num(100), "s2", num(90), "s3", num(80), "s4", num(70), "s5", num(30), "s6", num(20), "s7", num(10), "s8", num(0))
		me.Self = true
		other := comp("o", "s1", num(50), "s2", num(50), "s3", num(50), "s4", num(50), "s5", num(50), "s6", num(50), "s7", num(50), "s8", num(50))
		sa := Score(r, file(other, me), Options{}).Self
		var strong, weak []string
		for _, d := range sa.Strongest {
			strong = append(strong, d.Criterion)
		}
		for _, d := range sa.Weakest {
			weak = append(weak, d.Criterion)
		}
		if diff := cmp.Diff([][]string{{"s1", "s2", "s3"}, {"s8", "s7", "s6"}}, [][]string{strong, weak}); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("a low-coverage competitor leads no category", func(t *testing.T) {
		r := &config.Rubric{MinCoverage: 0.6, Categories: []config.Category{
			{ID: "a", Weight: 1, Criteria: []config.Criterion{crit("a1", 1)}},
			{ID: "b", Weight: 4, Criteria: []config.Criterion{crit("b1", 1)}},
		}}
		me := comp("me", "a1", num(40), "b1", num(50))
		me.Self = true
		thin := comp("thin", "a1", num(100)) // 20 % of the weight
		full := comp("full", "a1", num(70), "b1", num(60))
		gaps := Score(r, file(me, thin, full), Options{}).Self.Gaps
		if g := gaps[0]; g.Leader != "full" || *g.LeaderVal != 70 || *g.Gap != -30 {
			t.Errorf("category a: leader %s %v, gap %v; want full 70, -30", g.Leader, *g.LeaderVal, *g.Gap)
		}
	})
	t.Run("no self", func(t *testing.T) {
		if sa := Score(r, file(comp("x"), comp("y")), Options{}).Self; sa != nil {
			t.Errorf("self analysis = %+v, want nil", sa)
		}
	})
}

func TestRankStability(t *testing.T) {
	r := &config.Rubric{Categories: []config.Category{
		{ID: "a", Weight: 1, Criteria: []config.Criterion{crit("a", 1)}},
		{ID: "b", Weight: 1, Criteria: []config.Criterion{crit("b", 1)}},
	}}
	f := file(
		comp("top", "a", num(100), "b", num(100)),
		// p and q are 50 under equal weights and swap as the weights move.
		comp("p", "a", num(80), "b", num(20)),
		comp("q", "a", num(20), "b", num(80)),
		comp("bottom", "a", num(0), "b", num(0)),
	)
	stab := func(sc *Scorecard) map[string]float64 {
		m := map[string]float64{}
		for _, c := range sc.Competitors {
			m[c.ID] = c.RankStability
		}
		return m
	}
	got := stab(Score(r, f, Options{}))
	if got["top"] != 1 || got["bottom"] != 1 {
		t.Errorf("stability of dominant competitors = %v, want 1", got)
	}
	for _, id := range []string{"p", "q"} {
		// They keep rank 2 only when the weights stay within 0.1 % of each
		// other or favour them; about half the time each.
		if s := got[id]; s < 0.3 || s > 0.7 {
			t.Errorf("stability of %s = %v, want about 0.5", id, s)
		}
	}
	if got["p"]+got["q"] < 0.99 || got["p"]+got["q"] > 1.1 {
		t.Errorf("p and q = %v, %v: one of them should keep rank 2 in almost every trial", got["p"], got["q"])
	}
	again := stab(Score(r, f, Options{}))
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("same seed gave different results (-first +second):\n%s", diff)
	}
	if sc := Score(r, f, Options{Trials: -1}); sc.Stability != nil || stab(sc)["top"] != 0 {
		t.Errorf("Trials -1: stability %+v, want the analysis off", sc.Stability)
	}
	if sc := Score(r, f, Options{Seed: 9, Trials: 10}); *sc.Stability != (StabilityInfo{Trials: 10, Seed: 9, Spread: 0.2}) {
		t.Errorf("stability info = %+v", *sc.Stability)
	}
}

func TestEffectiveTrials(t *testing.T) {
	tests := []struct {
		asked, n, want int
	}{
		{0, 5, DefaultTrials},
		{-1, 5, 0},
		{100, 0, 0},
		{500, 10, 500},
		{200, 10_000, 200},
		{200, 25_000, 200},
		{200, 50_000, 100},
		{200, 100_000, 50},
		{200, 10_000_000, 50},
		{20, 10_000_000, 20},
		{math.MaxInt, 3, maxStabilityWork / 3},
	}
	for _, tt := range tests {
		if got := effectiveTrials(tt.asked, tt.n); got != tt.want {
			t.Errorf("effectiveTrials(%d, %d) = %d, want %d", tt.asked, tt.n, got, tt.want)
		}
	}
}

// Nothing a bad rubric or file holds makes Score panic or write JSON that
// cannot be encoded.
func TestRobustness(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		r    *config.Rubric
		f    *signal.File
	}{
		{"nil rubric and file", nil, nil},
		{"empty rubric", &config.Rubric{}, file(comp("x", "a", num(1)))},
		{"no competitors", twoCats(""), &signal.File{}},
		{"zero and negative weights", &config.Rubric{Categories: []config.Category{
			{ID: "a", Weight: 0, Criteria: []config.Criterion{crit("a", -1), crit("b", 0)}},
			{ID: "b", Weight: -3, Criteria: []config.Criterion{crit("a", nan)}},
			{ID: "c", Weight: math.Inf(1), Criteria: []config.Criterion{crit("a", math.Inf(1))}},
			{ID: "d", Weight: 1e300, Criteria: []config.Criterion{crit("a", 1e300), crit("b", math.MaxFloat64)}},
			{ID: "e", Weight: math.SmallestNonzeroFloat64, Criteria: []config.Criterion{crit("a", math.SmallestNonzeroFloat64)}},
		}}, file(comp("x", "a", num(1), "b", num(2)))},
		{"NaN everywhere", &config.Rubric{MinCoverage: nan, Categories: []config.Category{{ID: "a", Weight: nan, Criteria: []config.Criterion{
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Linear: &config.LinearFunc{Worst: nan, Best: nan}}},
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Log: &config.LogFunc{Worst: nan, Best: 1}}},
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Bands: &config.BandsFunc{Bands: []config.Band{{Min: fp(nan)}, {}}, Else: fp(nan)}}},
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Bayesian: &config.BayesianFunc{PriorMean: nan, PriorCount: nan}}},
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Target: &config.TargetFunc{Goal: nan, Worst: 1}}},
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Bool: &config.BoolFunc{True: fp(nan)}}},
			{Signal: "b", Weight: 1, Score: config.ScoreFunc{Bool: &config.BoolFunc{True: fp(nan)}}},
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Relative: &config.RelativeFunc{Better: "sideways"}}},
			{Signal: "a", Weight: 1},
		}}}}, file(comp("x", "a", num(1), "b", boolean(true)), comp("y", "a", num(math.Inf(-1))))},
		{"several functions set", &config.Rubric{Categories: []config.Category{{ID: "a", Weight: 1, Criteria: []config.Criterion{
			{Signal: "a", Weight: 1, Score: config.ScoreFunc{Bool: &config.BoolFunc{}, Linear: &config.LinearFunc{Best: 1}}},
		}}}}, file(comp("x", "a", boolean(true)))},
		{"duplicate ids", twoCats(""), file(comp("x", "a1", num(1)), comp("x", "a1", num(2)))},
		{"unknown missing policy", &config.Rubric{Missing: "maybe", Categories: []config.Category{{ID: "a", Weight: 1, Criteria: []config.Criterion{
			{Signal: "a", Weight: 1, Missing: "perhaps", Score: boolFn}}}}}, file(comp("x"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := Score(tt.r, tt.f, Options{Trials: 20})
			if _, err := json.Marshal(sc); err != nil {
				t.Fatalf("encoding the scorecard: %v", err)
			}
			checkRanges(t, sc)
		})
	}
}

// checkRanges fails when any score, coverage or stability is out of range.
func checkRanges(t *testing.T, sc *Scorecard) {
	t.Helper()
	in := func(what string, x, lo, hi float64) {
		if !(x >= lo && x <= hi) {
			t.Errorf("%s = %v, want within [%v, %v]", what, x, lo, hi)
		}
	}
	for _, c := range sc.Competitors {
		in(c.ID+" overall", c.Overall, 0, 100)
		in(c.ID+" coverage", c.Coverage, 0, 1)
		in(c.ID+" rank stability", c.RankStability, 0, 1)
		if c.Rank < 1 || c.Rank > len(sc.Competitors) {
			t.Errorf("%s rank = %d", c.ID, c.Rank)
		}
		for _, cat := range c.Categories {
			in(c.ID+" "+cat.ID+" coverage", cat.Coverage, 0, 1)
			if cat.Score != nil {
				in(c.ID+" "+cat.ID, *cat.Score, 0, 100)
			}
			for _, cr := range cat.Criteria {
				if cr.Score != nil {
					in(c.ID+" "+cat.ID+" "+cr.ID, *cr.Score, 0, 100)
				}
				if cr.Explain == "" {
					t.Errorf("%s %s %s: empty explanation", c.ID, cat.ID, cr.ID)
				}
			}
		}
	}
}

// Competitors the output order cannot tell apart by rank and id (duplicate
// ids, which validation rejects) still come out in one order: by name, then
// URL, whatever the input order.
func TestDuplicateIDsOrder(t *testing.T) {
	r := &config.Rubric{Categories: []config.Category{{ID: "a", Weight: 1, Criteria: []config.Criterion{crit("s", 1)}}}}
	a, b := comp("x", "s", num(50)), comp("x", "s", num(50))
	a.Name, b.Name = "Alpha", "Beta"
	for _, f := range []*signal.File{file(a, b), file(b, a)} {
		var got []string
		for _, c := range Score(r, f, Options{}).Competitors {
			got = append(got, c.Name)
		}
		if diff := cmp.Diff([]string{"Alpha", "Beta"}, got); diff != "" {
			t.Errorf("input %s, %s: (-want +got):\n%s", f.Competitors[0].Name, f.Competitors[1].Name, diff)
		}
	}
}
