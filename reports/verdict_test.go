package reports

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxbench/cxbench/scoring"
)

// variant edits a copy of the fixture.
func variant(t *testing.T, edit func(sc *scoring.Scorecard)) *scoring.Scorecard {
	sc := cloneScorecard(t, loadFixture(t))
	edit(sc)
	return sc
}

func byID(sc *scoring.Scorecard, id string) *scoring.Competitor {
	for i := range sc.Competitors {
		if sc.Competitors[i].ID == id {
			return &sc.Competitors[i]
		}
	}
	panic("no competitor " + id)
}

// markSelf makes id the only self competitor.
func markSelf(sc *scoring.Scorecard, id string) {
	for i := range sc.Competitors {
		sc.Competitors[i].Self = sc.Competitors[i].ID == id
	}
}

func TestVerdict(t *testing.T) {
	tests := []struct {
		name     string
		sc       func(t *testing.T) *scoring.Scorecard
		mode     string
		headline string
		gap      string // Gap + " " + GapLabel
		moves    []string
		note     string
		together string
		// headOnly: the fixture's overall was edited without its
		// criteria, so only the head of the verdict is compared.
		headOnly bool
	}{
		{
			name: "self trails the leader",
			sc:   func(t *testing.T) *scoring.Scorecard { return loadFixture(t) },
			mode: verdictSelf, headline: "Northwind Outfitters ranks #2 of 6 with 63.9, 16.0 points behind the leader, Acme Outdoor (80.0).",
			gap: "−16.0 behind the leader, Acme Outdoor",
			moves: []string{
				"Return window +11.8: Northwind Outfitters 30 days / Summit Gear Co. 90 days",
				"Free returns +7.5: Northwind Outfitters no / Acme Outdoor yes",
				"Promised reply time +3.5: Northwind Outfitters 24 hours / Acme Outdoor 4 hours",
			},
			together: "All 3 changes together: +22.9 points → 86.8, rank #1 (now #2)",
		},
		{
			name: "self leads",
			sc: func(t *testing.T) *scoring.Scorecard {
				return variant(t, func(sc *scoring.Scorecard) { markSelf(sc, "acme") })
			},
			mode: verdictSelf, headline: "Acme Outdoor ranks #1 of 6 with 80.0 and leads, 16.0 points ahead of Northwind Outfitters (63.9).",
			gap: "+16.0 ahead of Northwind Outfitters",
			moves: []string{
				"Phone support +6.3: Acme Outdoor no / Northwind Outfitters yes",
				"Return window +5.9: Acme Outdoor 60 days / Summit Gear Co. 90 days",
				"Policy clarity +1.8: Acme Outdoor 52 Flesch / Blue Peak Sports 66 Flesch",
			},
			together: "All 3 changes together: +13.9 points → 93.9, rank #1 (unchanged)",
		},
		{
			name: "no self: the leader against the runner-up",
			sc:   func(t *testing.T) *scoring.Scorecard { return withoutSelf(t, loadFixture(t)) },
			mode: verdictLeader, headline: "Acme Outdoor leads with 80.0, 16.0 points ahead of Northwind Outfitters (63.9).",
			gap: "+16.0 ahead of Northwind Outfitters",
			moves: []string{
				"Free returns +7.5: Northwind Outfitters no / Acme Outdoor yes",
				"Return window +5.9: Northwind Outfitters 30 days / Acme Outdoor 60 days",
				"Promised reply time +3.5: Northwind Outfitters 24 hours / Acme Outdoor 4 hours",
			},
			together: "All 3 changes together: +16.9 points → 80.9, rank #1 (now #2)",
		},
		{
			name: "a low-coverage competitor ranked first is not the leader",
			sc: func(t *testing.T) *scoring.Scorecard {
				return variant(t, func(sc *scoring.Scorecard) {
					low := byID(sc, "lowland")
					low.Overall, low.Rank = 95, 1
					for i := range sc.Competitors {
						if sc.Competitors[i].ID != "lowland" {
							sc.Competitors[i].Rank++
						}
					}
					sc.Competitors = append([]scoring.Competitor{*low}, sc.Competitors[:5]...)
				})
			},
			mode: verdictSelf, headline: "Northwind Outfitters ranks #3 of 6 with 63.9, 16.0 points behind the leader, Acme Outdoor (80.0).",
			gap: "−16.0 behind the leader, Acme Outdoor",
			moves: []string{
				"Return window +11.8: Northwind Outfitters 30 days / Summit Gear Co. 90 days",
				"Free returns +7.5: Northwind Outfitters no / Acme Outdoor yes",
				"Promised reply time +3.5: Northwind Outfitters 24 hours / Acme Outdoor 4 hours",
			},
			together: "All 3 changes together: +22.9 points → 86.8, rank #2 (now #3)",
		},
		{
			name: "self has low coverage",
			sc: func(t *testing.T) *scoring.Scorecard {
				return variant(t, func(sc *scoring.Scorecard) { markSelf(sc, "lowland") })
			},
			mode: verdictSelf, headline: "Lowland Trading ranks #6 of 6 with 1.2, 78.8 points behind the leader, Acme Outdoor (80.0).",
			gap:  "−78.8 behind the leader, Acme Outdoor",
			note: "Lowland Trading's data covers only 33% of the rubric's weight (the minimum is 60%): read this rank with care.",
			// Where we have no data the gain is exact too: the overall
			// recomputed with the best competitor's score there.
			moves: []string{
				"Return window +42.9: Lowland Trading 14 days / Summit Gear Co. 90 days",
				"Review volume +29.6: Lowland Trading no data / Acme Outdoor 12450 reviews",
				"Customer rating +25.1: Lowland Trading no data / Acme Outdoor 4.7 stars",
			},
			together: "All 3 changes together: +56.6 points → 57.8, rank #5 (now #6)",
		},
		{
			name: "self ranks first on too little data",
			sc: func(t *testing.T) *scoring.Scorecard {
				return variant(t, func(sc *scoring.Scorecard) {
					markSelf(sc, "lowland")
					low := byID(sc, "lowland")
					low.Overall, low.Rank = 95, 1
					for i := range sc.Competitors {
						if sc.Competitors[i].ID != "lowland" {
							sc.Competitors[i].Rank++
						}
					}
					sc.Competitors = append([]scoring.Competitor{*low}, sc.Competitors[:5]...)
				})
			},
			mode: verdictSelf, headline: "Lowland Trading ranks #1 of 6 with 95.0, 15.0 points ahead of Acme Outdoor (80.0), the best-ranked competitor with data on enough of the rubric.",
			gap:      "+15.0 ahead of Acme Outdoor, the best-ranked with enough data",
			note:     "Lowland Trading's data covers only 33% of the rubric's weight (the minimum is 60%): read this rank with care.",
			headOnly: true,
		},
		{
			name: "nobody has enough coverage",
			sc: func(t *testing.T) *scoring.Scorecard {
				return variant(t, func(sc *scoring.Scorecard) {
					for i := range sc.Competitors {
						sc.Competitors[i].LowCoverage = true
					}
				})
			},
			mode: verdictSelf, headline: "Northwind Outfitters ranks #2 of 6 with 63.9.",
			gap:      " No leader to compare with",
			note:     "No competitor has data on enough of the rubric (60% of its weight) to be called the leader.",
			moves:    nil,
			together: "",
		},
		{
			name: "nobody has enough coverage and no self",
			sc: func(t *testing.T) *scoring.Scorecard {
				return variant(t, func(sc *scoring.Scorecard) {
					for i := range sc.Competitors {
						sc.Competitors[i].LowCoverage, sc.Competitors[i].Self = true, false
					}
				})
			},
			mode: verdictNone, headline: "No competitor has data on enough of the rubric to be called the leader.",
			gap:  " ",
			note: "Every competitor's data covers less than 60% of the rubric's weight: see the coverage column of the leaderboard.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := tt.sc(t)
			v := buildVerdict(sc, newField(sc))
			var moves []string
			for _, m := range v.Moves {
				moves = append(moves, fmt.Sprintf("%s %s: %s %s / %s %s", m.Criterion, m.Points, m.Ours.Name, m.Ours.Value, m.Theirs.Name, m.Theirs.Value))
			}
			got := []any{v.Mode, v.Headline, v.Gap + " " + v.GapLabel, moves, v.Note, v.Together}
			want := []any{tt.mode, tt.headline, tt.gap, tt.moves, tt.note, tt.together}
			if tt.headOnly {
				got, want = append(got[:3], v.Note), append(want[:3], tt.note)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("verdict (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGainsAreExact checks a move is worth exactly what the overall score
// would gain (recomputed from the criteria), and that scaling every
// category weight by one factor changes neither the gains nor their order.
func TestGainsAreExact(t *testing.T) {
	sc := loadFixture(t)
	f := newField(sc)
	self := f.self()
	w := f.rubricWeights()
	gs := f.gains(self, w, func(k int) int { return f.bestAt(k, self) })
	if len(gs) < 3 {
		t.Fatalf("only %d gains", len(gs))
	}
	base, _ := f.overallOf(f.comps[self].crit, w)
	for _, g := range gs {
		trial := append([]*float64(nil), f.comps[self].crit...)
		trial[g.k] = f.comps[g.target].crit[g.k]
		after, _ := f.overallOf(trial, w)
		if math.Abs(after-base-g.points) > 1e-9 {
			t.Errorf("criterion %d: gain %v, recomputed %v", g.k, g.points, after-base)
		}
		if *f.comps[g.target].crit[g.k] <= scoreOr0(f.comps[self].crit[g.k]) {
			t.Errorf("criterion %d: the target does not beat us", g.k)
		}
	}
	for _, factor := range []float64{0.01, 3, 7.5, 1e6} {
		scaled := make([]float64, len(w))
		for i := range w {
			scaled[i] = w[i] * factor
		}
		gs2 := f.gains(self, scaled, func(k int) int { return f.bestAt(k, self) })
		if len(gs2) != len(gs) {
			t.Fatalf("weights ×%v: %d gains, want %d", factor, len(gs2), len(gs))
		}
		for i := range gs {
			if gs[i].k != gs2[i].k || math.Abs(gs[i].points-gs2[i].points) > 1e-9 {
				t.Errorf("weights ×%v: gain %d is %+v, want %+v", factor, i, gs2[i], gs[i])
			}
		}
	}
}

func scoreOr0(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func TestHeadToHead(t *testing.T) {
	sc := loadFixture(t)
	hv := buildH2H(sc, newField(sc))
	if hv.Left.ID != "northwind" || hv.Right.ID != "acme" || !hv.SelfMode {
		t.Fatalf("default pair %s vs %s (self mode %v), want northwind vs acme", hv.Left.ID, hv.Right.ID, hv.SelfMode)
	}
	if got := fmt.Sprint(hv.Tally); got != "{2 6 3 0}" {
		t.Errorf("tally = %s, want {2 6 3 0}", got)
	}
	var warranty h2hRow
	for _, c := range hv.Categories {
		for _, r := range c.Rows {
			if r.Criterion == "Warranty" {
				warranty = r
			}
		}
	}
	if warranty.Edge.Class != "tie" || warranty.Right.Evidence == nil || warranty.Right.Evidence.When != "stated as of 1 Mar 2024 (stale)" ||
		warranty.Left.Evidence == nil || warranty.Left.Evidence.When != "fetched 22 Nov 2026" {
		t.Errorf("warranty row = %+v, want a tie with both sides' dated evidence", warranty)
	}

	// Against a competitor without data, nothing is won: it is n/a.
	low := variant(t, func(sc *scoring.Scorecard) { markSelf(sc, "lowland") })
	hv = buildH2H(low, newField(low))
	if hv.Left.ID != "lowland" || hv.Right.ID != "acme" {
		t.Fatalf("pair %s vs %s", hv.Left.ID, hv.Right.ID)
	}
	rep := hv.Categories[0]
	if rep.Edge != (edge{"na", "no data for Lowland Trading"}) || rep.Left.Text != "n/a" {
		t.Errorf("reputation: %+v, want n/a for Lowland", rep)
	}
	if hv.Tally.NA == 0 {
		t.Errorf("tally %+v counts no criterion as not comparable", hv.Tally)
	}

	noSelf := withoutSelf(t, sc)
	hv = buildH2H(noSelf, newField(noSelf))
	if hv.SelfMode || hv.Left.ID != "acme" || hv.Right.ID != "northwind" {
		t.Errorf("without self: %s vs %s (self mode %v), want acme vs northwind", hv.Left.ID, hv.Right.ID, hv.SelfMode)
	}
}

// TestUnknownIsNotZero checks that a missing score is never drawn or
// labelled as 0: the radar breaks its line and says n/a on the axis, the
// heatmap hatches the cell, tables say n/a, and a low-coverage competitor
// is never the leader or the best.
func TestUnknownIsNotZero(t *testing.T) {
	sc := variant(t, func(sc *scoring.Scorecard) {
		nw := byID(sc, "northwind")
		nw.Categories[3].Score = nil // site experience: no data
		for i := range nw.Categories[3].Criteria {
			nw.Categories[3].Criteria[i].Score = nil
		}
	})
	v := buildView(sc)

	radar := v.Charts.Radar
	self := radar.Option.Series[0]
	if self.Name != "Northwind Outfitters" {
		t.Fatalf("first radar series is %q", self.Name)
	}
	if got := fmt.Sprint(self.Data); got != "[[71.8 0] [30.5 1] [83.8 2] [- 3] [71.8 4]]" {
		t.Errorf("self's radar points = %s, want no point on the site-experience axis", got)
	}
	if *self.ConnectNulls {
		t.Error("the radar connects across missing data")
	}
	if radar.Labels[3] != "Site experience\n(n/a: Northwind Outfitters)" {
		t.Errorf("site-experience axis name = %q", radar.Labels[3])
	}

	heat := v.Charts.Heatmap.Option.Series
	var nils int
	for _, c := range sc.Competitors {
		for _, cat := range c.Categories {
			for _, cr := range cat.Criteria {
				if cr.Score == nil {
					nils++
				}
			}
		}
	}
	if len(heat[1].Data) != nils || heat[1].ItemStyle.Decal == nil || heat[1].Label.Formatter != "n/a" {
		t.Errorf("heatmap: %d hatched n/a cells (decal %v), want %d", len(heat[1].Data), heat[1].ItemStyle.Decal != nil, nils)
	}
	for _, d := range heat[0].Data {
		if s := d.(dataItem).Value.([]any)[2]; s == nil {
			t.Errorf("a known heatmap cell has no score: %+v", d)
		}
	}
	if v.Charts.Heatmap.Option.VisualMap[0].SeriesIndex != 0 {
		t.Error("the colour scale applies to the n/a cells")
	}
	for _, r := range v.Leaderboard {
		if r.ID == "lowland" && (r.Scores[0].Text != "n/a" || r.Leader) {
			t.Errorf("lowland's row: %+v", r)
		}
	}
	for _, g := range v.Self.Gaps {
		if g.Rival == "Lowland Trading" {
			t.Errorf("low-coverage Lowland is named best rival in %s", g.Category)
		}
		if g.Category == "Site experience" && (g.Gap != "n/a" || g.Class != "na" || g.Self != "n/a") {
			t.Errorf("site-experience gap without our data = %+v, want n/a", g)
		}
	}
	for _, s := range v.Radar.Series {
		if strings.Contains(s.Name, "Lowland") {
			t.Errorf("radar shows low-coverage Lowland: %q", s.Name)
		}
	}
	for _, b := range []struct {
		name string
		low  bool
	}{{"northwind", false}, {"lowland", true}} {
		for i, c := range sc.Competitors {
			if c.ID == b.name {
				item := v.Charts.Leaderboard.Option.Series[0].Data[i].(dataItem)
				if (item.ItemStyle.Decal != nil) != b.low {
					t.Errorf("%s's bar hatched = %v, want %v", b.name, item.ItemStyle.Decal != nil, b.low)
				}
			}
		}
	}
}

// TestHeatScaleReadsInGrey checks the colour scale's luminance falls
// steadily from score 0 to 100, so it reads in greyscale and without
// hue.
func TestHeatScaleReadsInGrey(t *testing.T) {
	prev := math.Inf(1)
	for _, c := range heatColors {
		var r, g, b int
		if _, err := fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b); err != nil {
			t.Fatal(err)
		}
		lum := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
		if lum >= prev {
			t.Errorf("%s is not darker than the colour before it (%.3f ≥ %.3f)", c, lum, prev)
		}
		prev = lum
	}
	first, last := lumOf(heatColors[0]), lumOf(heatColors[len(heatColors)-1])
	if (first+0.05)/(last+0.05) < 7 {
		t.Errorf("0 and 100 differ by a contrast of only %.1f", (first+0.05)/(last+0.05))
	}
}

func lin(c int) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func lumOf(c string) float64 {
	var r, g, b int
	fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b)
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
