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

// ApplyManual sets every competitor's manual signals in f (matched by id),
// replacing crawled values of the same name: a stated fact wins.
func (c *Config) ApplyManual(f *signal.File, now time.Time) {
	for i := range f.Competitors {
		fc := &f.Competitors[i]
		for j := range c.Competitors {
			if c.Competitors[j].ID != fc.ID {
				continue
			}
			for name, s := range c.ManualSignals(&c.Competitors[j], now) {
				if fc.Signals == nil {
					fc.Signals = map[string]signal.Signal{}
				}
				fc.Signals[name] = s
			}
		}
	}
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
