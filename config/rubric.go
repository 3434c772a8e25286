package config

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Functions lists the scoring functions by their YAML key.
var Functions = []string{"bool", "linear", "log", "bands", "relative", "bayesian", "target"}

// Name returns the key of the function that is set, or "".
func (f *ScoreFunc) Name() string {
	switch {
	case f.Bool != nil:
		return "bool"
	case f.Linear != nil:
		return "linear"
	case f.Log != nil:
		return "log"
	case f.Bands != nil:
		return "bands"
	case f.Relative != nil:
		return "relative"
	case f.Bayesian != nil:
		return "bayesian"
	case f.Target != nil:
		return "target"
	}
	return ""
}

// EffectiveMissing is the criterion's missing-data policy after defaults.
func (c *Criterion) EffectiveMissing(r *Rubric) MissingPolicy {
	if c.Missing != "" {
		return c.Missing
	}
	if r.Missing != "" {
		return r.Missing
	}
	return MissingSkip
}

func (v *validator) missing(l Loc, m MissingPolicy) {
	if m != "" && m != MissingSkip && m != MissingZero {
		v.add(l.At("missing"), "missing must be skip or zero, got %s", quote(string(m)))
	}
}

// unknownSignal reports a signal name that is neither built in nor
// declared, suggesting the closest known one.
func (v *validator) unknownSignal(p Pos, name string) {
	msg := "unknown signal " + quote(name)
	if s := Suggest(name, v.knownSignals()); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	v.add(p, "%s", msg)
}

func (v *validator) knownSignals() []string {
	names := make([]string, 0, len(v.types))
	for n := range v.types {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (v *validator) rubric(r *Rubric) {
	v.missing(r.Loc, r.Missing)
	if r.MinCoverage < 0 || r.MinCoverage > 1 {
		v.add(r.At("min_coverage"), "min_coverage must be between 0 and 1 (a share of the rubric weight), got %g", r.MinCoverage)
	}
	if len(r.Categories) == 0 {
		v.add(r.KeyAt("categories"), "the rubric needs at least one category")
	}
	catIDs := map[string]Pos{}
	critIDs := map[string]Pos{}
	for i := range r.Categories {
		c := &r.Categories[i]
		switch {
		case c.ID == "":
			v.add(c.Pos(), "category needs an id ([a-z0-9_-]+)")
		case !rubricID.MatchString(c.ID):
			v.add(c.At("id"), "category id %s must use only a-z, 0-9, _ and -", quote(c.ID))
		default:
			if first, dup := catIDs[c.ID]; dup {
				v.add(c.At("id"), "duplicate category id %s (first at line %d)", quote(c.ID), first.Line)
			}
			catIDs[c.ID] = c.At("id")
		}
		if c.Name == "" {
			c.Name = c.ID
		}
		v.weight(c.Loc, c.Weight)
		if len(c.Criteria) == 0 {
			v.add(c.Pos(), "category %s needs at least one criterion", quote(c.ID))
		}
		for j := range c.Criteria {
			cr := &c.Criteria[j]
			v.criterion(cr)
			if cr.ID == "" {
				continue
			}
			if first, dup := critIDs[cr.ID]; dup {
				p := cr.At("id")
				if !cr.Has("id") {
					p = cr.At("signal")
				}
				v.add(p, "duplicate criterion id %s (first at line %d); give one an id:", quote(cr.ID), first.Line)
			}
			critIDs[cr.ID] = cr.Pos()
		}
	}
}

func (v *validator) weight(l Loc, w float64) {
	if !l.Has("weight") {
		v.add(l.Pos(), "weight is required (a positive number; weights are relative)")
	} else if w <= 0 {
		v.add(l.At("weight"), "weight must be > 0, got %g", w)
	}
}

func (v *validator) criterion(c *Criterion) {
	typ, known := v.types[c.Signal]
	switch {
	case c.Signal == "":
		v.add(c.Pos(), "criterion needs a signal")
	case !known:
		v.unknownSignal(c.At("signal"), c.Signal)
	}
	if c.ID == "" {
		c.ID = c.Signal
	} else if !rubricID.MatchString(strings.ReplaceAll(c.ID, ".", "_")) {
		v.add(c.At("id"), "criterion id %s must use only a-z, 0-9, ., _ and -", quote(c.ID))
	}
	if c.Name == "" {
		c.Name = c.ID
	}
	v.weight(c.Loc, c.Weight)
	v.missing(c.Loc, c.Missing)
	f := &c.Score
	if !c.Has("score") {
		v.add(c.Pos(), "criterion %s needs score: with one of %s", quote(c.ID), strings.Join(Functions, ", "))
		return
	}
	var set []string
	for _, k := range Functions {
		if f.Has(k) {
			set = append(set, k)
		}
	}
	switch len(set) {
	case 0:
		v.add(c.At("score"), "score needs one function: %s", strings.Join(Functions, ", "))
		return
	case 1:
	default:
		v.add(f.KeyAt(set[1]), "score has both %s and %s; keep one", set[0], set[1])
		return
	}
	name := set[0]
	if known && typ != "" {
		switch {
		case typ == "string":
			v.add(f.KeyAt(name), "%s is a text signal and cannot be scored", clip(c.Signal))
		case name == "bool" && typ != "bool":
			v.add(f.KeyAt(name), "bool does not fit %s, a number signal (use linear, log, bands, relative, bayesian or target)", clip(c.Signal))
		case name != "bool" && typ == "bool":
			v.add(f.KeyAt(name), "%s does not fit %s, a bool signal (use bool)", name, clip(c.Signal))
		}
	}
	v.function(c, f)
}

func (v *validator) score(l Loc, key string, p *float64) {
	if p != nil && (*p < 0 || *p > 100) {
		v.add(l.At(key), "%s must be a score from 0 to 100, got %g", key, *p)
	}
}

func (v *validator) function(c *Criterion, f *ScoreFunc) {
	switch {
	case f.Bool != nil:
		v.score(f.Bool.Loc, "true", f.Bool.True)
		v.score(f.Bool.Loc, "false", f.Bool.False)
	case f.Linear != nil:
		v.worstBest(f.Linear.Loc, f.Linear.Worst, f.Linear.Best)
	case f.Log != nil:
		v.worstBest(f.Log.Loc, f.Log.Worst, f.Log.Best)
		for _, k := range []string{"worst", "best"} {
			if f.Log.Has(k) && map[string]float64{"worst": f.Log.Worst, "best": f.Log.Best}[k] <= 0 {
				v.add(f.Log.At(k), "log: %s must be > 0 (the scale is logarithmic)", k)
			}
		}
	case f.Bands != nil:
		v.bands(f.Bands)
	case f.Relative != nil:
		if b := f.Relative.Better; b != "" && b != "higher" && b != "lower" {
			v.add(f.Relative.At("better"), "relative: better must be higher or lower, got %s", quote(b))
		}
	case f.Bayesian != nil:
		b := f.Bayesian
		v.worstBest(b.Loc, b.Worst, b.Best)
		if !b.Has("prior_mean") {
			v.add(b.Pos(), "bayesian needs prior_mean (the rating a shop with few reviews is pulled toward)")
		}
		if !b.Has("prior_count") {
			v.add(b.Pos(), "bayesian needs prior_count (how many reviews the prior is worth)")
		} else if b.PriorCount <= 0 {
			v.add(b.At("prior_count"), "bayesian: prior_count must be > 0, got %g", b.PriorCount)
		}
		if b.CountSignal != "" {
			if t, ok := v.types[b.CountSignal]; !ok {
				v.unknownSignal(b.At("count_signal"), b.CountSignal)
			} else if t != "number" {
				v.add(b.At("count_signal"), "count_signal %s must be a number signal", clip(b.CountSignal))
			}
		}
	case f.Target != nil:
		t := f.Target
		if !t.Has("goal") || !t.Has("worst") {
			v.add(t.Pos(), "target needs goal (full score) and worst (zero score)")
		} else if t.Goal == t.Worst {
			v.add(t.At("worst"), "target: goal and worst must differ (both are %g)", t.Goal)
		}
	}
}

func (v *validator) worstBest(l Loc, worst, best float64) {
	if !l.Has("worst") || !l.Has("best") {
		v.add(l.Pos(), "needs worst (scores 0) and best (scores 100)")
		return
	}
	if worst == best {
		v.add(l.At("best"), "worst and best must differ (both are %g)", worst)
	}
}

func (v *validator) bands(b *BandsFunc) {
	if len(b.Bands) == 0 {
		v.add(b.KeyAt("bands"), "bands needs at least one band, e.g. {min: 30, score: 50}")
		return
	}
	v.score(b.Loc, "else", b.Else)
	kind := ""
	var prev *float64
	for i := range b.Bands {
		band := &b.Bands[i]
		v.score(band.Loc, "score", &band.Score)
		if !band.Has("score") {
			v.add(band.Pos(), "band needs a score")
		}
		var k string
		var t *float64
		switch {
		case band.Min != nil && band.Max != nil:
			v.add(band.KeyAt("max"), "a band has either min or max, not both")
			continue
		case band.Min != nil:
			k, t = "min", band.Min
		case band.Max != nil:
			k, t = "max", band.Max
		case band.Has("min") || band.Has("max"):
			continue // its value was reported as malformed
		default:
			v.add(band.Pos(), "band needs min (value at least) or max (value at most)")
			continue
		}
		if kind == "" {
			kind = k
		} else if k != kind {
			v.add(band.KeyAt(k), "mixes min and max bands; use one kind throughout")
			continue
		}
		if prev != nil && *t <= *prev {
			v.add(band.At(k), "bands must be in ascending order of %s: %g comes after %g", k, *t, *prev)
		}
		prev = t
	}
}

// Hash is a short SHA-256 of the rubric's content (not its layout or
// comments), to tell reports made with different rubrics apart.
func (r *Rubric) Hash() string {
	data, err := json.Marshal(struct {
		Name        string
		Missing     MissingPolicy
		MinCoverage float64
		Categories  []Category
	}{r.Name, r.Missing, r.MinCoverage, r.Categories})
	if err != nil {
		return ""
	}
	return Hash(data)
}
