package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

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
				v.add(comp.At("id"), "duplicate competitor id %q (first at line %d)", comp.ID, first.Line)
			}
			ids[comp.ID] = comp.At("id")
		}
		if comp.Self {
			if self != nil {
				v.add(comp.At("self"), "only one competitor can be self: true (%q already is)", self.ID)
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

func (v *validator) crawl(c *Crawl) {
	nonNegative := map[string]int{"max_pages": c.MaxPages, "max_depth": c.MaxDepth, "concurrency": c.Concurrency,
		"retries": c.Retries, "max_redirects": c.MaxRedirects}
	for _, key := range []string{"max_pages", "max_depth", "concurrency", "retries", "max_redirects"} {
		if nonNegative[key] < 0 {
			v.add(c.At(key), "%s must not be negative", key)
		}
	}
	if c.Retries > 10 {
		v.add(c.At("retries"), "retries must be at most 10")
	}
	if strings.ContainsAny(c.UserAgent, "\r\n") {
		v.add(c.At("user_agent"), "user_agent must be a single line")
	}
	v.hosts(c.Loc, c.AllowedHosts)
}

func (v *validator) hosts(l Loc, hosts []string) {
	for _, h := range hosts {
		if h == "" || strings.ContainsAny(h, "/: ") {
			v.add(l.At("allowed_hosts"), "allowed_hosts: %q is not a host name (write shop.example.com, no scheme or path)", h)
		}
	}
}

func (v *validator) competitor(c *Competitor) {
	switch {
	case c.ID == "":
		v.add(c.Pos(), "competitor needs an id ([a-z0-9-]+)")
	case !competitorID.MatchString(c.ID):
		v.add(c.At("id"), "competitor id %q must use only a-z, 0-9 and -", c.ID)
	}
	if c.Name == "" {
		c.Name = c.ID
	}
	if c.URL == "" {
		v.add(c.Pos(), "competitor %q needs a url where the crawl starts", c.ID)
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
		return nil, fmt.Errorf("%q is not a valid URL", s)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%q must be an absolute http:// or https:// URL", s)
	}
	return u, nil
}

func (v *validator) custom(s *CustomSignal, perCompetitor bool) {
	switch {
	case s.Name == "":
		v.add(s.Pos(), "custom signal needs a name (e.g. custom.gift_wrap)")
		return
	case !signalName.MatchString(s.Name):
		v.add(s.At("name"), "signal name %q must be lowercase words joined by dots (e.g. custom.gift_wrap)", s.Name)
	}
	builtin, isBuiltin := signal.Lookup(s.Name)
	if isBuiltin && !perCompetitor {
		v.add(s.At("name"), "custom signal %q would replace a built-in for everyone; override it per competitor under competitors[].signals, or choose another name", s.Name)
	}
	switch s.Type {
	case "number", "bool", "string":
		if isBuiltin && s.Type != string(builtin.Type) {
			v.add(s.At("type"), "%s is a %s signal; an override must have type: %s", s.Name, builtin.Type, builtin.Type)
		}
	case "":
		v.add(s.Pos(), "custom signal %q needs a type: number, bool or string", s.Name)
	default:
		v.add(s.At("type"), "type %q must be number, bool or string", s.Type)
	}
	if prev, ok := v.types[s.Name]; !ok {
		v.types[s.Name] = s.Type
	} else if !isBuiltin && prev != s.Type && s.Type != "" {
		v.add(s.At("type"), "custom signal %q is declared elsewhere as %s", s.Name, prev)
	}
	set := 0
	for _, k := range []string{"selector", "regex", "phrase"} {
		if s.Has(k) {
			set++
		}
	}
	if set != 1 {
		v.add(s.Pos(), "custom signal %q needs exactly one of selector, regex or phrase", s.Name)
	}
	if s.Selector != "" {
		sel, err := cascadia.ParseGroup(s.Selector)
		if err != nil {
			v.add(s.At("selector"), "invalid CSS selector %q: %v", s.Selector, err)
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
			v.add(s.At("regex"), "invalid regular expression: %v", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		} else {
			s.CompiledRegex = re
		}
	}
	if s.Has("phrase") && (s.Type == "number" || s.Type == "string") {
		v.add(s.At("type"), "a phrase signal is found or not: its type must be bool")
	}
	for _, k := range s.Kinds {
		if !slices.Contains(signal.PageKinds, k) {
			msg := fmt.Sprintf("unknown page kind %q", k)
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

func (v *validator) manual(m *Manual) {
	if m.Signal == "" {
		v.add(m.Pos(), "manual signal needs signal: (its name)")
		return
	}
	if !signalName.MatchString(m.Signal) {
		v.add(m.At("signal"), "signal name %q must be lowercase words joined by dots (e.g. survey.nps)", m.Signal)
	}
	typ := m.ValueType()
	switch {
	case m.Value.Kind == 0 || m.Value.Tag == "!!null":
		v.add(m.Pos(), "manual signal %q needs a value", m.Signal)
	case m.Value.Kind != yaml.ScalarNode || typ == "":
		v.add(m.At("value"), "value must be a number, true/false or text")
	default:
		if want, ok := v.types[m.Signal]; ok && want != "" && want != typ {
			v.add(m.At("value"), "%s is a %s signal, but this value is a %s", m.Signal, want, typ)
		} else if !ok {
			v.types[m.Signal] = typ
		}
	}
	if m.Source == "" {
		v.add(m.Pos(), "manual signal %q needs a source (where the figure comes from)", m.Signal)
	}
	if !m.Has("as_of") {
		v.add(m.Pos(), "manual signal %q needs as_of: YYYY-MM-DD", m.Signal)
	}
}
