package history

import (
	"time"

	"github.com/cxbench/cxbench/scoring"
)

// Trend is every competitor's scores over runs, oldest first.
type Trend struct {
	Runs []TrendRun `json:"runs"`
}

// TrendRun is one run's scores.
type TrendRun struct {
	ID     string                 `json:"id"`
	At     time.Time              `json:"at"`
	Scores map[string]TrendScores `json:"scores"` // by competitor id
}

// TrendScores is one competitor's scores in one run.
type TrendScores struct {
	Overall    float64             `json:"overall"`
	Rank       int                 `json:"rank"`
	Categories map[string]*float64 `json:"categories"`
}

// TrendRunOf takes the scores of one run.
func TrendRunOf(id string, at time.Time, sc *scoring.Scorecard) TrendRun {
	tr := TrendRun{ID: id, At: at, Scores: map[string]TrendScores{}}
	for _, c := range sc.Competitors {
		ts := TrendScores{Overall: c.Overall, Rank: c.Rank, Categories: map[string]*float64{}}
		for _, cat := range c.Categories {
			ts.Categories[cat.ID] = cat.Score
		}
		tr.Scores[c.ID] = ts
	}
	return tr
}

// MaxTrend is the number of most recent runs a trend covers.
const MaxTrend = 60

// TrendOf reads the scorecards of runs (oldest first) into a trend, the
// last MaxTrend of them. Unreadable scorecards are skipped.
func TrendOf(runs []Run) *Trend {
	if len(runs) > MaxTrend {
		runs = runs[len(runs)-MaxTrend:]
	}
	t := &Trend{}
	for _, r := range runs {
		sc, err := r.Scorecard()
		if err != nil {
			continue
		}
		t.Runs = append(t.Runs, TrendRunOf(r.ID, r.Manifest.StartedAt, sc))
	}
	return t
}
