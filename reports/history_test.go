package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

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
		`id="changes"`, "What changed since the last run", "custom.slogan old → &lt;script&gt;x&lt;/script&gt;",
		`<svg class="spark"`, `"id":"chart-trend-overall"`, `href="#trends"`, "overall " + fmtScore(older.Competitors[0].Overall) + " → " + fmtScore(sc.Competitors[0].Overall),
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
