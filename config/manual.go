package config

import (
	"time"

	"github.com/cxbench/cxbench/signal"
)

// ManualSignals returns the manual signals stated for competitor comp,
// flagged stale when older than ManualMaxAge at now.
func (c *Config) ManualSignals(comp *Competitor, now time.Time) map[string]signal.Signal {
	if len(comp.Manual) == 0 {
		return nil
	}
	out := make(map[string]signal.Signal, len(comp.Manual))
	for _, m := range comp.Manual {
		v := m.TypedValue()
		if !v.Valid() {
			continue
		}
		asOf := m.AsOf.Format("2006-01-02")
		out[m.Signal] = signal.Signal{
			Value:    v,
			Evidence: []signal.Evidence{{Snippet: signal.Snip(m.Source + " (as of " + asOf + ")"), Method: signal.MethodManual}},
			Manual:   true,
			Source:   m.Source,
			AsOf:     asOf,
			Stale:    c.ManualMaxAge > 0 && now.Sub(m.AsOf.Time) > c.ManualMaxAge.D(),
		}
	}
	return out
}

// ManualByCompetitor returns every competitor's manual signals by
// competitor id, flagged stale when older than ManualMaxAge at now.
func (c *Config) ManualByCompetitor(now time.Time) map[string]map[string]signal.Signal {
	out := map[string]map[string]signal.Signal{}
	for i := range c.Competitors {
		if m := c.ManualSignals(&c.Competitors[i], now); len(m) > 0 {
			out[c.Competitors[i].ID] = m
		}
	}
	return out
}

// WithManual returns the crawled signals f as scoring sees them: with the
// configuration's manual signals on top, replacing crawled values of the
// same name (a stated fact wins). f is not changed, so signals.json keeps
// the crawled facts, and an edited or removed manual signal re-scores
// correctly. Manual entries in f, as older versions wrote them into
// signals.json, are ignored: the configuration decides.
func (c *Config) WithManual(f *signal.File, now time.Time) *signal.File {
	return f.WithManual(c.ManualByCompetitor(now))
}

// WithDefaults returns the crawl settings with every unset value
// defaulted. Delay and Retries are taken as they are (0 means none); Parse
// sets their defaults when benchmarks.yaml leaves them out.
func (c Crawl) WithDefaults() Crawl {
	if c.MaxPages <= 0 {
		c.MaxPages = DefaultMaxPages
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = DefaultMaxDepth
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent()
	}
	if c.Timeout <= 0 {
		c.Timeout = Duration(DefaultTimeout)
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = DefaultMaxRedirects
	}
	if c.MaxCrawlDelay <= 0 {
		c.MaxCrawlDelay = Duration(DefaultMaxCrawlDelay)
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = Duration(DefaultMaxRetryWait)
	}
	if c.MaxTime <= 0 {
		c.MaxTime = Duration(DefaultMaxTime)
	}
	return c
}
