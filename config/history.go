package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// History is the run archive: history: {dir: runs/, keep: 52, max_age: 1y}.
type History struct {
	// Dir is where runs are archived, relative to the configuration file.
	Dir string `yaml:"dir"`
	// Keep is the number of newest runs kept (0: no limit).
	Keep int `yaml:"keep"`
	// MaxAge removes runs older than this (0: no limit). The newest run
	// is always kept.
	MaxAge Duration `yaml:"max_age"`
	// ResponseTolerance is the relative move of response times ignored
	// as noise (default 0.25 = 25 %).
	ResponseTolerance float64 `yaml:"response_tolerance"`
	// CountTolerance is the relative move of counts (rating.count)
	// ignored as noise (default 0.10).
	CountTolerance float64 `yaml:"count_tolerance"`

	Loc `yaml:"-"`
}

// HistoryDir returns the archive directory of the configuration, resolved
// against the configuration file's directory, or "" when there is none.
func (c *Config) HistoryDir() string {
	if c.History == nil || c.History.Dir == "" {
		return ""
	}
	if filepath.IsAbs(c.History.Dir) {
		return c.History.Dir
	}
	return filepath.Join(filepath.Dir(c.File), c.History.Dir)
}

// Alerts tell webhooks (Slack, Teams, Mattermost, Discord-compatible...)
// when a declared condition holds after a run.
type Alerts struct {
	// Webhooks receive a JSON POST: {"text": ..., "cxbench": {...}}.
	Webhooks []string `yaml:"webhooks"`
	// Retries for failed deliveries, with exponential backoff (default 3).
	Retries *int `yaml:"retries"`
	// Timeout per delivery attempt (default 10s).
	Timeout Duration `yaml:"timeout"`
	// Conditions: an alert is sent when at least one holds.
	Conditions []AlertCondition `yaml:"conditions"`

	Loc `yaml:"-"`
}

// RedactURL shows a URL whose path is a secret (a webhook's) as
// scheme://host/…: path, query, fragment and user info are left out. It
// does so for malformed URLs too, and never fails.
func RedactURL(s string) string {
	scheme, rest := "", s
	if i := strings.Index(s, "://"); i >= 0 {
		scheme, rest = s[:i+3], s[i+3:]
	}
	host, cut := rest, false
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		host, cut = rest[:j], true
	}
	if k := strings.LastIndex(host, "@"); k >= 0 {
		host = host[k+1:]
	}
	out := clip(scheme + host)
	if cut {
		out += "/…"
	}
	return out
}

// Alert defaults.
const (
	DefaultAlertRetries = 3
	DefaultAlertTimeout = 10 * time.Second
)

// AlertCondition is one condition: exactly one field is set.
type AlertCondition struct {
	RankDrop  *RankDrop    `yaml:"rank_drop"`
	ScoreMove *ScoreMove   `yaml:"score_move"`
	Signal    *SignalAlert `yaml:"signal"`

	Loc `yaml:"-"`
}

// RankDrop holds when self's rank in Category (overall or a category id)
// gets worse by at least By places (default 1).
type RankDrop struct {
	Category string `yaml:"category"` // default overall
	By       int    `yaml:"by"`

	Loc `yaml:"-"`
}

// ScoreMove holds when a competitor's score in Category moves by more than
// By points, up or down.
type ScoreMove struct {
	Category string  `yaml:"category"` // default overall
	By       float64 `yaml:"by"`
	// Competitor is "any" (default), "self" or a competitor id.
	Competitor string `yaml:"competitor"`

	Loc `yaml:"-"`
}

// SignalAlert holds when a signal crosses a line: exactly one of When,
// Above and Below is set.
type SignalAlert struct {
	Name string `yaml:"name"`
	// When is any_competitor_exceeds_self (a competitor's value is now
	// higher than self's) or any_competitor_beats_self (better, by the
	// signal's direction).
	When  string   `yaml:"when"`
	Above *float64 `yaml:"above"`
	Below *float64 `yaml:"below"`
	// Competitor, with above or below: "self" (default), "any" or an id.
	Competitor string `yaml:"competitor"`

	Loc `yaml:"-"`
}

// Signal alert comparisons.
const (
	WhenExceedsSelf = "any_competitor_exceeds_self"
	WhenBeatsSelf   = "any_competitor_beats_self"
)

func (v *validator) history(h *History) {
	if strings.TrimSpace(h.Dir) == "" {
		v.add(h.Pos(), "history needs dir: (the directory runs are archived in)")
	}
	if h.Keep < 0 {
		v.add(h.At("keep"), "keep must not be negative")
	}
	for _, k := range []struct {
		key string
		val float64
	}{{"response_tolerance", h.ResponseTolerance}, {"count_tolerance", h.CountTolerance}} {
		if k.val < 0 || k.val > 1 {
			v.add(h.At(k.key), "%s must be between 0 and 1 (a share: 0.25 = 25 %%), got %g", k.key, k.val)
		}
	}
}

func (v *validator) alerts(c *Config, a *Alerts) {
	if len(a.Webhooks) == 0 {
		v.add(a.KeyAt("webhooks"), "alerts need at least one webhook URL under webhooks:")
	}
	for _, u := range a.Webhooks {
		// The message shows scheme and host only: a webhook's path is
		// its secret.
		if _, err := ParseURL(u); err != nil {
			v.add(a.At("webhooks"), "webhooks: %q must be an absolute http:// or https:// URL", RedactURL(u))
		}
	}
	if a.Retries != nil && (*a.Retries < 0 || *a.Retries > 10) {
		v.add(a.At("retries"), "retries must be between 0 and 10, got %d", *a.Retries)
	}
	v.durationAtMost(a.Loc, "timeout", a.Timeout, MaxTimeout, "per delivery attempt")
	if len(a.Conditions) == 0 {
		v.add(a.KeyAt("conditions"), "alerts need at least one condition under conditions: (rank_drop, score_move or signal)")
	}
	var self string
	ids := []string{"any", "self"}
	for _, comp := range c.Competitors {
		ids = append(ids, comp.ID)
		if comp.Self {
			self = comp.ID
		}
	}
	cats := []string{"overall"}
	for _, cat := range c.Rubric.Categories {
		cats = append(cats, cat.ID)
	}
	for i := range a.Conditions {
		cond := &a.Conditions[i]
		var set []string
		for _, k := range []string{"rank_drop", "score_move", "signal"} {
			if cond.Has(k) {
				set = append(set, k)
			}
		}
		switch len(set) {
		case 0:
			v.add(cond.Pos(), "condition needs one of rank_drop, score_move or signal")
		case 1:
		default:
			v.add(cond.At(set[1]), "condition has both %s and %s; keep one (list them as separate conditions)", set[0], set[1])
		}
		switch {
		case cond.RankDrop != nil:
			r := cond.RankDrop
			v.category(r.Loc, r.Category, cats)
			if r.By < 0 {
				v.add(r.At("by"), "by must be at least 1 (places), got %d", r.By)
			}
			if self == "" {
				v.add(cond.KeyAt("rank_drop"), "rank_drop watches self's rank: mark one competitor self: true")
			}
		case cond.ScoreMove != nil:
			m := cond.ScoreMove
			v.category(m.Loc, m.Category, cats)
			if m.By <= 0 || m.By > 100 {
				v.add(m.At("by"), "score_move needs by: a move in points, > 0 and ≤ 100")
			}
			v.alertCompetitor(m.Loc, m.Competitor, ids, self)
		case cond.Signal != nil:
			v.signalAlert(cond.Signal, ids, self)
		}
	}
}

func (v *validator) category(l Loc, cat string, cats []string) {
	if cat == "" {
		return // overall
	}
	for _, c := range cats {
		if c == cat {
			return
		}
	}
	msg := "unknown category " + quote(cat)
	if s := Suggest(cat, cats); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	v.add(l.At("category"), "%s; use %s", msg, strings.Join(cats, ", "))
}

func (v *validator) alertCompetitor(l Loc, id string, ids []string, self string) {
	if id == "" {
		return
	}
	if id == "self" && self == "" {
		v.add(l.At("competitor"), "competitor: self needs a competitor marked self: true")
		return
	}
	for _, c := range ids {
		if c == id {
			return
		}
	}
	msg := "unknown competitor " + quote(id)
	if s := Suggest(id, ids); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	v.add(l.At("competitor"), "%s; use any, self or a competitor id", msg)
}

func (v *validator) signalAlert(s *SignalAlert, ids []string, self string) {
	typ, known := v.types[s.Name]
	switch {
	case s.Name == "":
		v.add(s.Pos(), "signal condition needs name: (a signal such as policy.return_days)")
	case !known:
		v.unknownSignal(s.At("name"), s.Name)
	}
	n := 0
	for _, k := range []string{"when", "above", "below"} {
		if s.Has(k) {
			n++
		}
	}
	if n != 1 {
		v.add(s.Pos(), "signal condition needs exactly one of when, above or below")
	}
	switch {
	case s.Has("when"):
		if s.When != WhenExceedsSelf && s.When != WhenBeatsSelf {
			msg := fmt.Sprintf("when must be %s or %s, got %s", WhenExceedsSelf, WhenBeatsSelf, quote(s.When))
			if sug := Suggest(s.When, []string{WhenExceedsSelf, WhenBeatsSelf}); sug != "" {
				msg = fmt.Sprintf("unknown when %s (did you mean %s?)", quote(s.When), sug)
			}
			v.add(s.At("when"), "%s", msg)
		}
		if known && typ == "string" {
			v.add(s.At("name"), "when compares values: %s is a string signal", clip(s.Name))
		}
		if self == "" {
			v.add(s.At("when"), "when compares competitors with self: mark one competitor self: true")
		}
		if s.Has("competitor") {
			v.add(s.At("competitor"), "competitor does not apply with when: (every competitor is compared with self)")
		}
	case s.Has("above") || s.Has("below"):
		key := "above"
		if !s.Has("above") {
			key = "below"
		}
		if known && typ != "number" {
			v.add(s.At(key), "%s needs a number signal: %s is a %s signal", key, clip(s.Name), typ)
		}
		if s.Competitor == "" && self == "" {
			v.add(s.At(key), "%s watches self by default: mark one competitor self: true, or set competitor: any or an id", key)
		}
		v.alertCompetitor(s.Loc, s.Competitor, ids, self)
	}
}

// AlertRetries is the number of delivery retries after defaults.
func (a *Alerts) AlertRetries() int {
	if a.Retries == nil {
		return DefaultAlertRetries
	}
	return *a.Retries
}

// AlertTimeout is the per-attempt delivery timeout after defaults.
func (a *Alerts) AlertTimeout() time.Duration {
	if a.Timeout <= 0 {
		return DefaultAlertTimeout
	}
	return a.Timeout.D()
}
