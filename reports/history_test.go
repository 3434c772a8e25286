package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/signal"
)

// TestHTMLWithHistory renders the history parts: the changes section
// (escaped: signal values are scraped text), sparklines and trend charts;
// HTML without history has none of them.
func TestHTMLWithHistory(t *testing.T) {
	sc := loadFixture(t)
	t0 := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	older := *sc
	older.Competitors = append(older.Competitors[:0:0], sc.Competitors...)
	older.Competitors[0].Overall -= 10
	trend := &history.Trend{Runs: []history.TrendRun{
		history.TrendRunOf("20261120T060000Z-aaaaaaaa", t0, &older),
		history.TrendRunOf("20261127T060000Z-bbbbbbbb", t0.Add(7*24*time.Hour), sc),
	}}
	sigs := func(slogan string) *signal.File {
		f := &signal.File{}
		for _, c := range sc.Competitors {
			f.Competitors = append(f.Competitors, signal.Competitor{ID: c.ID, Signals: map[string]signal.Signal{
				"custom.slogan": {Value: signal.String(slogan)}}})
		}
		return f
	}
	d := history.Compare(
		history.Snapshot{ID: "20261120T060000Z-aaaaaaaa", At: t0, Signals: sigs("old"), Scorecard: &older},
		history.Snapshot{ID: "20261127T060000Z-bbbbbbbb", At: t0.Add(7 * 24 * time.Hour), Signals: sigs("<script>x</script>"), Scorecard: sc},
		history.Tolerances{})
	var with, without bytes.Buffer
	if err := HTMLWithHistory(&with, sc, &History{Trend: trend, Diff: d}); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&without, sc); err != nil {
		t.Fatal(err)
	}
	page := with.String()
	for _, want := range []string{
		`id="changes"`, "What changed since the last run", "custom.slogan: old → &lt;script&gt;x&lt;/script&gt;",
		`<svg class="spark"`, `"id":"chart-trend-overall"`, `href="#trends"`, "Overall " + fmtScore(older.Competitors[0].Overall) + " → " + fmtScore(sc.Competitors[0].Overall),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report with history lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>x</script>") {
		t.Error("a scraped value reached the page unescaped")
	}
	for _, absent := range []string{`id="changes"`, `class="spark"`, "chart-trend", `href="#trends"`} {
		if strings.Contains(without.String(), absent) {
			t.Errorf("report without history has %q", absent)
		}
	}
}

// TestChangesInWords checks "what changed" speaks of criteria and signals
// by their names for people, with units, and lists the largest changes
// first: competitors by the size of their overall move (self first),
// categories by their move, signals by the points their criterion moved.
func TestChangesInWords(t *testing.T) {
	sc := loadFixture(t)
	fp := func(f float64) *float64 { return &f }
	d := &history.Diff{
		From: history.RunRef{ID: "a", At: time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)},
		To:   history.RunRef{ID: "b"},
		Competitors: []history.CompetitorDiff{
			{ID: "acme", Name: "Acme Outdoor", Overall: history.Move{Old: fp(79), New: fp(80), OldRank: 1, NewRank: 1, Reported: true},
				Signals: []history.SignalChange{{Signal: "policy.free_returns", Kind: history.Changed, Old: signal.Bool(false), New: signal.Bool(true), Direction: history.Better}}},
			{ID: "summit", Name: "Summit Gear Co.", Overall: history.Move{Old: fp(70), New: fp(62.9), OldRank: 2, NewRank: 3, Reported: true},
				Categories: []history.CategoryMove{
					{ID: "support", Name: "Support", Move: history.Move{Old: fp(50), New: fp(48), Reported: true}},
					{ID: "policies", Name: "Returns & warranty", Move: history.Move{Old: fp(100), New: fp(60), Reported: true}},
				},
				Signals: []history.SignalChange{
					{Signal: "site.pages", Kind: history.Changed, Old: signal.Number(40), New: signal.Number(38), Direction: history.Neutral},
					{Signal: "policy.return_days", Kind: history.Changed, Old: signal.Number(90), New: signal.Number(14), Direction: history.Worse},
					{Signal: "contact.chat", Kind: history.Vanished, Old: signal.Bool(true), Direction: history.Worse},
				},
				Contributions: []history.Contribution{
					{Category: "policies", Criterion: "return-window", Signal: "policy.return_days", Share: 0.15, Old: fp(100), New: fp(0), Points: -6.0},
					{Category: "support", Criterion: "chat", Signal: "contact.chat", Share: 0.06, Old: fp(100), New: nil, Points: -1.1},
				}},
			{ID: "northwind", Name: "Northwind Outfitters", Self: true, Overall: history.Move{Old: fp(63.8), New: fp(63.9), Reported: false},
				Signals: []history.SignalChange{{Signal: "custom.slogan", Kind: history.Appeared, New: signal.String("Go further"), Direction: history.Neutral}}},
		},
	}
	cv := buildChanges(sc, d)
	var got []string
	for _, g := range cv.Groups {
		got = append(got, "# "+g.Name)
		if g.Overall != nil {
			got = append(got, g.Overall.Text+" ["+g.Overall.Dir+"]")
		}
		for _, l := range g.Lines {
			got = append(got, l.Text)
		}
		for _, b := range g.Because {
			got = append(got, "because "+b.Text)
		}
	}
	want := []string{
		"# Northwind Outfitters",
		"custom.slogan: now found, Go further",
		"# Summit Gear Co.",
		"Overall 70.0 → 62.9 (−7.1), rank 2 → 3 (down) [worse]",
		"Returns & warranty 100.0 → 60.0 (−40.0)",
		"Support 50.0 → 48.0 (−2.0)",
		"Return window: 90 days → 14 days (worse)",
		"Live chat: no longer found (was yes) (worse)",
		"Pages fetched: 40 pages → 38 pages",
		"because Return window (Returns & warranty): −6.0 points (weight 15%, score 100.0 → 0.0)",
		"because Live chat (Support): −1.1 points (weight 6%, no longer scored)",
		"# Acme Outdoor",
		"Overall 79.0 → 80.0 (+1.0) [better]",
		"Free returns: no → yes (better)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}
