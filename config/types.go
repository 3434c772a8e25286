// Package config reads and validates benchmarks.yaml: crawl settings, the
// competitors, custom and manual signals, and the scoring rubric. Every
// problem is reported with its file, line and column.
package config

import (
	"regexp"
	"time"

	"github.com/andybalholm/cascadia"
	"go.yaml.in/yaml/v3"
)

// Config is a parsed and validated benchmarks.yaml.
type Config struct {
	Crawl       Crawl          `yaml:"crawl"`
	Competitors []Competitor   `yaml:"competitors"`
	Signals     []CustomSignal `yaml:"signals"`
	// ManualMaxAge flags manual signals older than this as stale (0: never).
	ManualMaxAge Duration `yaml:"manual_max_age"`
	Rubric       Rubric   `yaml:"rubric"`
	// History archives every run (see history.go); nil: no archive unless
	// cxbench run --history DIR.
	History *History `yaml:"history"`
	// Alerts are webhooks told when a declared condition holds.
	Alerts *Alerts `yaml:"alerts"`

	// File is the path the configuration was read from.
	File string `yaml:"-"`
	// Hash is a short SHA-256 of the configuration bytes (and of a
	// separate rubric file, when there is one).
	Hash string `yaml:"-"`

	rubricGiven bool
	Loc         `yaml:"-"`
}

// Crawl holds the crawler's settings. Zero values mean the defaults below.
type Crawl struct {
	MaxPages     int      `yaml:"max_pages"`     // per competitor; default 40
	MaxDepth     int      `yaml:"max_depth"`     // link depth from a start page; default 5
	Delay        Duration `yaml:"delay"`         // minimum gap between requests to one host; default 1s
	Concurrency  int      `yaml:"concurrency"`   // hosts crawled at once; default 8
	UserAgent    string   `yaml:"user_agent"`    // default names the tool and its version
	Timeout      Duration `yaml:"timeout"`       // per request; default 15s
	MaxBody      ByteSize `yaml:"max_body"`      // per page; default 5MiB
	Retries      int      `yaml:"retries"`       // for 429/503 and network errors; default 2
	MaxRedirects int      `yaml:"max_redirects"` // default 10
	IgnoreRobots bool     `yaml:"ignore_robots"` // default false: robots.txt is honoured
	NoSitemaps   bool     `yaml:"no_sitemaps"`   // default false: sitemap.xml is used for discovery
	AllowedHosts []string `yaml:"allowed_hosts"` // extra hosts every competitor's crawl may enter
	// Bounds on the time one competitor can take (see crawler's package doc).
	MaxCrawlDelay Duration `yaml:"max_crawl_delay"` // cap on a robots.txt Crawl-delay; default 60s
	MaxRetryWait  Duration `yaml:"max_retry_wait"`  // longest Retry-After waited for; default 60s
	MaxTime       Duration `yaml:"max_time"`        // per competitor's crawl; default 10m

	Loc `yaml:"-"`
}

// Defaults for Crawl.
const (
	DefaultMaxPages     = 40
	DefaultMaxDepth     = 5
	DefaultDelay        = time.Second
	DefaultConcurrency  = 8
	DefaultTimeout      = 15 * time.Second
	DefaultMaxBody      = 5 << 20
	DefaultRetries      = 2
	DefaultMaxRedirects = 10

	DefaultMaxCrawlDelay = 60 * time.Second
	DefaultMaxRetryWait  = 60 * time.Second
	DefaultMaxTime       = 10 * time.Minute
)

// Competitor is one company to benchmark.
type Competitor struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	Self bool   `yaml:"self"`
	// Pages are extra start URLs on the competitor's site.
	Pages []string `yaml:"pages"`
	// Reviews are third-party review pages (any host), fetched politely.
	Reviews      []string `yaml:"reviews"`
	AllowedHosts []string `yaml:"allowed_hosts"`
	// Signals are custom signals for this competitor only; one named like a
	// global custom signal or a built-in overrides it for this competitor.
	Signals []CustomSignal `yaml:"signals"`
	Manual  []Manual       `yaml:"manual"`

	Loc `yaml:"-"`
}

// CustomSignal is a signal declared in benchmarks.yaml, found by a CSS
// selector (optionally reading an attribute), a regular expression (first
// capture group, or the whole match) or a phrase (case-insensitive).
type CustomSignal struct {
	Name        string   `yaml:"name"`
	Type        string   `yaml:"type"` // number, bool or string
	Description string   `yaml:"description"`
	Selector    string   `yaml:"selector"`
	Attr        string   `yaml:"attr"`
	Regex       string   `yaml:"regex"`
	Phrase      string   `yaml:"phrase"`
	Kinds       []string `yaml:"kinds"` // page kinds to look at; empty = all

	// Compiled forms, set by validation.
	CompiledSelector cascadia.Matcher `yaml:"-"`
	CompiledRegex    *regexp.Regexp   `yaml:"-"`

	Loc `yaml:"-"`
}

// Manual is a fact the crawler cannot see, stated in benchmarks.yaml.
type Manual struct {
	Signal string    `yaml:"signal"`
	Value  yaml.Node `yaml:"value"` // number, bool or string; see TypedValue
	Source string    `yaml:"source"`
	AsOf   Date      `yaml:"as_of"`

	Loc `yaml:"-"`
}

// MissingPolicy says how a criterion without data is scored.
type MissingPolicy string

// Missing-data policies.
const (
	MissingSkip MissingPolicy = "skip" // left out; coverage drops (default)
	MissingZero MissingPolicy = "zero" // scored 0
)

// Rubric is the weighted scoring rubric, inline under rubric: or in its own
// file named there (rubric: rubrics/retail.yaml).
type Rubric struct {
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Missing     MissingPolicy `yaml:"missing"`      // default skip
	MinCoverage float64       `yaml:"min_coverage"` // 0–1; competitors below are flagged
	Categories  []Category    `yaml:"categories"`

	// File is the separate rubric file, when the rubric was not inline.
	File string `yaml:"-"`

	Loc `yaml:"-"`
}

// Category groups criteria under one weight.
type Category struct {
	ID          string      `yaml:"id"`
	Name        string      `yaml:"name"`
	Description string      `yaml:"description"`
	Weight      float64     `yaml:"weight"`
	Criteria    []Criterion `yaml:"criteria"`

	Loc `yaml:"-"`
}

// Criterion scores one signal.
type Criterion struct {
	ID          string        `yaml:"id"` // default: the signal name
	Name        string        `yaml:"name"`
	Signal      string        `yaml:"signal"`
	Weight      float64       `yaml:"weight"`
	Description string        `yaml:"description"`
	Missing     MissingPolicy `yaml:"missing"` // default: the rubric's
	Score       ScoreFunc     `yaml:"score"`

	Loc `yaml:"-"`
}

// ScoreFunc maps a signal value to 0–100. Exactly one field is set.
type ScoreFunc struct {
	Bool     *BoolFunc     `yaml:"bool"`
	Linear   *LinearFunc   `yaml:"linear"`
	Log      *LogFunc      `yaml:"log"`
	Bands    *BandsFunc    `yaml:"bands"`
	Relative *RelativeFunc `yaml:"relative"`
	Bayesian *BayesianFunc `yaml:"bayesian"`
	Target   *TargetFunc   `yaml:"target"`

	Loc `yaml:"-"`
}

// BoolFunc scores a boolean: True (default 100) and False (default 0).
type BoolFunc struct {
	True  *float64 `yaml:"true"`
	False *float64 `yaml:"false"`
	Loc   `yaml:"-"`
}

// LinearFunc maps Worst→0 and Best→100 linearly, clamped; lower is better
// when Worst > Best.
type LinearFunc struct {
	Worst float64 `yaml:"worst"`
	Best  float64 `yaml:"best"`
	Loc   `yaml:"-"`
}

// LogFunc is LinearFunc on a log10 scale (counts such as reviews); values
// are taken as max(v, 1).
type LogFunc struct {
	Worst float64 `yaml:"worst"`
	Best  float64 `yaml:"best"`
	Loc   `yaml:"-"`
}

// BandsFunc scores by ordered thresholds: the score of the last band whose
// Min the value reaches (or, with lower-is-better bands, whose Max it does
// not exceed); Else below every band (default 0).
type BandsFunc struct {
	Bands []Band   `yaml:"bands"`
	Else  *float64 `yaml:"else"`
	Loc   `yaml:"-"`
}

// Band is one threshold of BandsFunc: exactly one of Min and Max is set.
type Band struct {
	Min   *float64 `yaml:"min"`
	Max   *float64 `yaml:"max"`
	Score float64  `yaml:"score"`
	Loc   `yaml:"-"`
}

// RelativeFunc places a value between the worst (0) and best (100)
// competitor of the run; Better is "higher" (default) or "lower".
type RelativeFunc struct {
	Better string `yaml:"better"`
	Loc    `yaml:"-"`
}

// BayesianFunc shrinks a rating toward PriorMean by its review count
// (CountSignal, default rating.count) with PriorCount pseudo-reviews, then
// maps Worst→0 and Best→100 linearly.
type BayesianFunc struct {
	PriorMean   float64 `yaml:"prior_mean"`
	PriorCount  float64 `yaml:"prior_count"`
	CountSignal string  `yaml:"count_signal"`
	Worst       float64 `yaml:"worst"`
	Best        float64 `yaml:"best"`
	Loc         `yaml:"-"`
}

// TargetFunc gives 100 at or beyond Goal and falls linearly to 0 at Worst
// (lower is better when Worst > Goal).
type TargetFunc struct {
	Goal  float64 `yaml:"goal"`
	Worst float64 `yaml:"worst"`
	Loc   `yaml:"-"`
}
