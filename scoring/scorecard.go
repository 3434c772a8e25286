// Package scoring applies a weighted rubric to collected signals and
// produces a scorecard. It is pure: no I/O, no clock, no network.
package scoring

import (
	"time"

	"github.com/cxbench/cxbench/signal"
)

// Schema identifies the scorecard.json format.
const Schema = "cxbench.scorecard/v1"

// Scorecard is the scorecard.json document and the view every report
// format renders.
type Scorecard struct {
	Schema      string       `json:"schema"`
	Rubric      RubricInfo   `json:"rubric"`
	Run         RunInfo      `json:"run"`
	Competitors []Competitor `json:"competitors"` // ordered by rank, then id
	// Self is the analysis of the competitor marked self: true, if any.
	Self *SelfAnalysis `json:"self_analysis,omitempty"`
	// Stability describes the rank-stability analysis; nil when it was
	// not run.
	Stability *StabilityInfo `json:"stability,omitempty"`
}

// RubricInfo describes the rubric used, including everything the report's
// methodology section prints.
type RubricInfo struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Hash        string         `json:"hash,omitempty"`
	Missing     string         `json:"missing"`
	MinCoverage float64        `json:"min_coverage"`
	Categories  []CategoryInfo `json:"categories"`
}

// CategoryInfo describes one rubric category.
type CategoryInfo struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Weight      float64         `json:"weight"`
	Criteria    []CriterionInfo `json:"criteria"`
}

// CriterionInfo describes one rubric criterion in plain words.
type CriterionInfo struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Signal      string  `json:"signal"`
	Weight      float64 `json:"weight"`
	Description string  `json:"description,omitempty"`
	Missing     string  `json:"missing"`
	// Function is the scoring function in words, e.g.
	// "linear: 3 → 0, 5 → 100" (see scoring.Describe).
	Function string `json:"function"`
}

// RunInfo is the run manifest copied from signals.json and the config.
type RunInfo struct {
	StartedAt   time.Time `json:"started_at"`
	FinishedAt  time.Time `json:"finished_at"`
	Tool        string    `json:"tool,omitempty"`
	UserAgent   string    `json:"user_agent,omitempty"`
	ConfigHash  string    `json:"config_hash,omitempty"`
	SignalsHash string    `json:"signals_hash,omitempty"`
}

// Competitor is one competitor's scores.
type Competitor struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	URL      string  `json:"url,omitempty"`
	Self     bool    `json:"self"`
	Overall  float64 `json:"overall"`
	Rank     int     `json:"rank"`     // 1 = best; ties share a rank
	Coverage float64 `json:"coverage"` // share of rubric weight that had data, 0–1
	// LowCoverage is true when Coverage is below the rubric's min_coverage:
	// the rank is shown but flagged as unreliable.
	LowCoverage bool `json:"low_coverage,omitempty"`
	// RankStability is the share (0–1) of weight perturbations (every
	// category weight ±20 %) under which this competitor keeps its rank.
	RankStability float64             `json:"rank_stability"`
	Categories    []CategoryScore     `json:"categories"`
	Pages         int                 `json:"pages"`
	Complete      bool                `json:"complete"`
	Errors        []signal.CrawlError `json:"errors,omitempty"`
}

// CategoryScore is one category's score for one competitor.
type CategoryScore struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
	// Score is nil when no criterion of the category had data.
	Score    *float64         `json:"score"`
	Coverage float64          `json:"coverage"`
	Criteria []CriterionScore `json:"criteria"`
}

// CriterionScore is one criterion's score for one competitor.
type CriterionScore struct {
	ID     string  `json:"id"`
	Name   string  `json:"name,omitempty"`
	Signal string  `json:"signal"`
	Weight float64 `json:"weight"`
	// Value is the signal's value; invalid (null) when absent.
	Value signal.Value `json:"value"`
	// Score is nil when the signal is absent and missing: skip.
	Score    *float64          `json:"score"`
	Explain  string            `json:"explain"`
	Evidence []signal.Evidence `json:"evidence,omitempty"`
	Manual   bool              `json:"manual,omitempty"`
	// AsOf is the date a manual value was stated (YYYY-MM-DD); crawled
	// values date from the run.
	AsOf  string `json:"as_of,omitempty"`
	Stale bool   `json:"stale,omitempty"`
}

// SelfAnalysis compares the self competitor with the field.
type SelfAnalysis struct {
	ID string `json:"id"`
	// Gaps per category: self's score minus the leader's (negative = behind).
	Gaps []CategoryGap `json:"gaps"`
	// Strongest and Weakest are up to three criteria each, by self's score
	// minus the field's mean score on that criterion.
	Strongest []CriterionDelta `json:"strongest"`
	Weakest   []CriterionDelta `json:"weakest"`
}

// CategoryGap is self's distance to the best competitor in one category.
type CategoryGap struct {
	Category  string   `json:"category"`
	Name      string   `json:"name"`
	Self      *float64 `json:"self"`
	Leader    string   `json:"leader"` // competitor id
	LeaderVal *float64 `json:"leader_score"`
	Gap       *float64 `json:"gap"`
}

// CriterionDelta is self's score on one criterion against the field mean.
type CriterionDelta struct {
	Category  string  `json:"category"`
	Criterion string  `json:"criterion"`
	Signal    string  `json:"signal"`
	Self      float64 `json:"self"`
	FieldMean float64 `json:"field_mean"`
	Delta     float64 `json:"delta"`
}

// StabilityInfo describes the rank-stability analysis behind every
// competitor's RankStability, for the methodology section.
type StabilityInfo struct {
	// Trials is the number of perturbations run (fewer than asked for
	// very large fields; see scoring.Options).
	Trials int   `json:"trials"`
	Seed   int64 `json:"seed"`
	// Spread is the largest relative change of a category weight (0.2:
	// every weight is multiplied by a uniform factor in [0.8, 1.2]).
	Spread float64 `json:"spread"`
}
