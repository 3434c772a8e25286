package config

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/cxbench/cxbench/signal"
	"go.yaml.in/yaml/v3"
)

var (
	competitorID = regexp.MustCompile(`^[a-z0-9-]+$`)
	rubricID     = regexp.MustCompile(`^[a-z0-9_-]+$`)
	signalName   = regexp.MustCompile(`^[a-z0-9_-]+(\.[a-z0-9_-]+)*$`)
)

type validator struct {
	problems Problems
	// types maps every known signal name to its type.
	types map[string]string
}

func (v *validator) add(p Pos, format string, args ...any) {
	v.problems = append(v.problems, Problem{p, fmt.Sprintf(format, args...)})
}

func builtinTypes() map[string]string {
	m := map[string]string{}
	for _, s := range signal.Builtins() {
		m[s.Name] = string(s.Type)
	}
	return m
}

func (c *Config) validate() Problems {
	v := &validator{types: builtinTypes()}
	v.crawl(&c.Crawl)
	for i := range c.Signals {
		v.custom(&c.Signals[i], false)
	}
	if len(c.Competitors) == 0 {
		v.add(c.KeyAt("competitors"), "no competitors: list at least one under competitors:")
	}
	ids := map[string]Pos{}
	var self *Competitor
	for i := range c.Competitors {
		comp := &c.Competitors[i]
		v.competitor(comp)
		if comp.ID != "" {
			if first, dup := ids[comp.ID]; dup {
				v.add(comp.At("id"), "duplicate competitor id %s (first at line %d)", quote(comp.ID), first.Line)
			}
			ids[comp.ID] = comp.At("id")
		}
		if comp.Self {
			if self != nil {
				v.add(comp.At("self"), "only one competitor can be self: true (%s already is)", quote(self.ID))
			}
			self = comp
		}
	}
	for i := range c.Competitors {
		for j := range c.Competitors[i].Manual {
			v.manual(&c.Competitors[i].Manual[j])
		}
	}
	switch {
	case !c.rubricGiven:
		v.add(c.KeyAt("rubric"), "no rubric: add rubric: with at least one category, or name a rubric file")
	case c.Rubric.node != nil: // else the rubric file could not be read, as reported
		v.rubric(&c.Rubric)
	}
	if c.History != nil {
		v.history(c.History)
	}
	if c.Alerts != nil {
		v.alerts(c, c.Alerts)
	}
	return v.problems
}

// Upper bounds of crawl settings: beyond them a value is a mistake (a
// crawl that would never end, or memory no machine has), not a choice.
const (
	MaxMaxPages     = 100_000
	MaxMaxDepth     = 1_000
	MaxConcurrency  = 1_000
	MaxRetries      = 10
	MaxMaxRedirects = 100
	MaxDelay        = time.Hour
	MaxTimeout      = time.Hour
	MaxMaxBody      = 1 << 30
)

func (v *validator) crawl(c *Crawl) {
	for _, k := range []struct {
		key      string
		val, max int
	}{{"max_pages", c.MaxPages, MaxMaxPages}, {"max_depth", c.MaxDepth, MaxMaxDepth}, {"concurrency", c.Concurrency, MaxConcurrency},
		{"retries", c.Retries, MaxRetries}, {"max_redirects", c.MaxRedirects, MaxMaxRedirects}} {
		switch {
		case k.val < 0:
			v.add(c.At(k.key), "%s must not be negative", k.key)
		case k.val > k.max:
			v.add(c.At(k.key), "%s must be at most %d, got %d", k.key, k.max, k.val)
		}
	}
	v.durationAtMost(c.Loc, "delay", c.Delay, MaxDelay, "the gap between two requests to one host")
	v.durationAtMost(c.Loc, "timeout", c.Timeout, MaxTimeout, "per request")
	if c.MaxBody > MaxMaxBody {
		v.add(c.At("max_body"), "max_body must be at most 1GiB (a page is held in memory), got %d bytes", c.MaxBody)
	}
	if strings.ContainsAny(c.UserAgent, "\r\n") {
		v.add(c.At("user_agent"), "user_agent must be a single line")
	}
	v.hosts(c.Loc, c.AllowedHosts)
}

// durationAtMost reports a duration above max; what says what it is.
func (v *validator) durationAtMost(l Loc, key string, d Duration, max time.Duration, what string) {
	if d.D() > max {
		v.add(l.At(key), "%s must be at most %s (%s), got %s", key, formatDuration(max), what, formatDuration(d.D()))
	}
}

// formatDuration writes d as a person would: 1h, 90m, 3d, not 1h0m0s.
func formatDuration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

func (v *validator) hosts(l Loc, hosts []string) {
	for _, h := range hosts {
		if h == "" || strings.ContainsAny(h, "/: ") {
			v.add(l.At("allowed_hosts"), "allowed_hosts: %s is not a host name (write shop.example.com, no scheme or path)", quote(h))
		}
	}
}

func (v *validator) competitor(c *Competitor) {
	switch {
	case c.ID == "":
		v.add(c.Pos(), "competitor needs an id ([a-z0-9-]+)")
	case !competitorID.MatchString(c.ID):
		v.add(c.At("id"), "competitor id %s must use only a-z, 0-9 and -", quote(c.ID))
	}
	if c.Name == "" {
		c.Name = c.ID
	}
	if c.URL == "" {
		v.add(c.Pos(), "competitor %s needs a url where the crawl starts", quote(c.ID))
	} else if _, err := ParseURL(c.URL); err != nil {
		v.add(c.At("url"), "url: %v", err)
	}
	for _, p := range c.Pages {
		if strings.HasPrefix(p, "/") {
			continue
		}
		if _, err := ParseURL(p); err != nil {
			v.add(c.At("pages"), "pages: %v (or use a path such as /returns)", err)
		}
	}
	for _, p := range c.Reviews {
		if _, err := ParseURL(p); err != nil {
			v.add(c.At("reviews"), "reviews: %v", err)
		}
	}
	v.hosts(c.Loc, c.AllowedHosts)
	for i := range c.Signals {
		v.custom(&c.Signals[i], true)
	}
}

// ParseURL parses an absolute http or https URL.
func ParseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%s is not a valid URL", quote(s))
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%s must be an absolute http:// or https:// URL", quote(s))
	}
	return u, nil
}

func (v *validator) custom(s *CustomSignal, perCompetitor bool) {
	switch {
	case s.Name == "":
		v.add(s.Pos(), "custom signal needs a name (e.g. custom.gift_wrap)")
		return
	case !signalName.MatchString(s.Name):
		v.add(s.At("name"), "signal name %s must be lowercase words joined by dots (e.g. custom.gift_wrap)", quote(s.Name))
	}
	builtin, isBuiltin := signal.Lookup(s.Name)
	if isBuiltin && !perCompetitor {
		v.add(s.At("name"), "custom signal %s would replace a built-in for everyone; override it per competitor under competitors[].signals, or choose another name", quote(s.Name))
	}
	switch s.Type {
	case "number", "bool", "string":
		if isBuiltin && s.Type != string(builtin.Type) {
			v.add(s.At("type"), "%s is a %s signal; an override must have type: %s", clip(s.Name), builtin.Type, builtin.Type)
		}
	case "":
		v.add(s.Pos(), "custom signal %s needs a type: number, bool or string", quote(s.Name))
	default:
		v.add(s.At("type"), "type %s must be number, bool or string", quote(s.Type))
	}
	if prev, ok := v.types[s.Name]; !ok {
		v.types[s.Name] = s.Type
	} else if !isBuiltin && prev != s.Type && s.Type != "" {
		v.add(s.At("type"), "custom signal %s is declared elsewhere as %s", quote(s.Name), prev)
	}
	set := 0
	for _, k := range []string{"selector", "regex", "phrase"} {
		if s.Has(k) {
			set++
		}
	}
	if set != 1 {
		v.add(s.Pos(), "custom signal %s needs exactly one of selector, regex or phrase", quote(s.Name))
	}
	if s.Selector != "" {
		sel, err := cascadia.ParseGroup(s.Selector)
		if err != nil {
			v.add(s.At("selector"), "invalid CSS selector %s: %s", quote(s.Selector), clip(err.Error()))
		} else {
			s.CompiledSelector = sel
		}
	}
	if s.Attr != "" && s.Selector == "" {
		v.add(s.At("attr"), "attr only applies with a selector")
	}
	if s.Regex != "" {
		re, err := regexp.Compile(s.Regex)
		if err != nil {
			v.add(s.At("regex"), "invalid regular expression: %s", clip(strings.TrimPrefix(err.Error(), "error parsing regexp: ")))
		} else {
			s.CompiledRegex = re
		}
	}
	if s.Has("phrase") && (s.Type == "number" || s.Type == "string") {
		v.add(s.At("type"), "a phrase signal is found or not: its type must be bool")
	}
	for _, k := range s.Kinds {
		if !slices.Contains(signal.PageKinds, k) {
			msg := "unknown page kind " + quote(k)
			if sug := Suggest(k, signal.PageKinds); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			v.add(s.At("kinds"), "%s; kinds are %s", msg, strings.Join(signal.PageKinds, ", "))
		}
	}
}

// ValueType returns the signal type of a manual value.
func (m *Manual) ValueType() string {
	switch m.Value.Tag {
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "bool"
	case "!!str":
		return "string"
	}
	return ""
}

// TypedValue returns the manual value as a signal.Value.
func (m *Manual) TypedValue() signal.Value {
	switch m.ValueType() {
	case "number":
		var f float64
		if m.Value.Decode(&f) == nil {
			return signal.Number(f)
		}
	case "bool":
		var b bool
		if m.Value.Decode(&b) == nil {
			return signal.Bool(b)
		}
	case "string":
		return signal.String(m.Value.Value)
	}
	return signal.Value{}
}

func finiteNumber(n *yaml.Node) bool {
	var f float64
	return n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) <= MaxNumber
}

func (v *validator) manual(m *Manual) {
	if m.Signal == "" {
		v.add(m.Pos(), "manual signal needs signal: (its name)")
		return
	}
	if !signalName.MatchString(m.Signal) {
		v.add(m.At("signal"), "signal name %s must be lowercase words joined by dots (e.g. survey.nps)", quote(m.Signal))
	}
	typ := m.ValueType()
	switch {
	case m.Value.Kind == 0 || m.Value.Tag == "!!null":
		v.add(m.Pos(), "manual signal %s needs a value", quote(m.Signal))
	case m.Value.Kind != yaml.ScalarNode || typ == "":
		v.add(m.At("value"), "value must be a number, true/false or text")
	case typ == "number" && !finiteNumber(&m.Value):
		v.add(m.At("value"), "value must be a finite number between -1e15 and 1e15, got %s", describe(&m.Value))
	default:
		if want, ok := v.types[m.Signal]; ok && want != "" && want != typ {
			v.add(m.At("value"), "%s is a %s signal, but this value is a %s", clip(m.Signal), want, typ)
		} else if !ok {
			v.types[m.Signal] = typ
		}
	}
	if m.Source == "" {
		v.add(m.Pos(), "manual signal %s needs a source (where the figure comes from)", quote(m.Signal))
	}
	if !m.Has("as_of") {
		v.add(m.Pos(), "manual signal %s needs as_of: YYYY-MM-DD", quote(m.Signal))
	}
}
