package scoring

import (
	"math"
	"slices"
	"strings"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// kind is the scoring function a criterion uses.
type kind int

const (
	kindNone kind = iota
	kindBool
	kindLinear
	kindLog
	kindBands
	kindRelative
	kindBayesian
	kindTarget
)

// kindOf returns the first function set in fn, in the order of its fields.
// A validated rubric sets exactly one.
func kindOf(fn config.ScoreFunc) kind {
	switch {
	case fn.Bool != nil:
		return kindBool
	case fn.Linear != nil:
		return kindLinear
	case fn.Log != nil:
		return kindLog
	case fn.Bands != nil:
		return kindBands
	case fn.Relative != nil:
		return kindRelative
	case fn.Bayesian != nil:
		return kindBayesian
	case fn.Target != nil:
		return kindTarget
	}
	return kindNone
}

// band is a config.Band with its bounds unpacked.
type band struct {
	min, max       float64
	hasMin, hasMax bool
	score          float64
	text           string // explanation suffix: ": band ≥ 60 → 100"
}

// critPlan is one criterion ready to be applied: defaults resolved, weights
// sanitised, bands sorted and, for relative functions, the field's range.
type critPlan struct {
	id, name, signal string
	description      string
	weight           float64 // as written in the rubric
	w                float64 // weight used in the maths: 0 unless finite and > 0
	missing          config.MissingPolicy
	fn               config.ScoreFunc
	kind             kind
	unit             string

	// suffix is the constant tail of the explanation of linear, log,
	// target and relative functions: " on a linear scale 3 → 5".
	suffix string

	// bool
	trueScore, falseScore float64
	trueText, falseText   string

	// bands
	minBands, maxBands []band // minBands by min descending, maxBands by max ascending
	bandElse           float64
	elseText           string

	// relative: the range of the signal's numeric values over the run.
	fieldMin, fieldMax float64
	fieldN             int

	// bayesian
	countSignal string
	countUnit   string
}

// outcome is the result of applying a criterion to one competitor. When ok
// is false the criterion had no usable data and explain says why (for
// example "no data" or "true is not a number").
type outcome struct {
	score   float64
	explain string
	ok      bool
}

func noData(reason string) outcome { return outcome{explain: reason} }

// newCritPlan resolves a criterion's defaults; rubricMissing is the
// rubric-wide policy already defaulted.
func newCritPlan(cr *config.Criterion, rubricMissing config.MissingPolicy) critPlan {
	cp := critPlan{
		id:          cr.ID,
		name:        cr.Name,
		signal:      cr.Signal,
		weight:      finite(cr.Weight),
		description: cr.Description,
		w:           sanitizeWeight(cr.Weight),
		missing:     normalizeMissing(cr.Missing, rubricMissing),
		fn:          cr.Score,
		kind:        kindOf(cr.Score),
		unit:        unitOf(cr.Signal),
	}
	if cp.id == "" {
		cp.id = cr.Signal
	}
	if cp.name == "" {
		cp.name = cp.id
	}
	switch cp.kind {
	case kindBands:
		cp.minBands, cp.maxBands, cp.bandElse = splitBands(cr.Score.Bands)
	case kindBayesian:
		cp.countSignal = cr.Score.Bayesian.CountSignal
		if cp.countSignal == "" {
			cp.countSignal = signal.RatingCount
		}
		cp.countUnit = unitOf(cp.countSignal)
		if cp.countUnit == "" {
			cp.countUnit = "reviews"
		}
	}
	cp.prepare()
	return cp
}

// normalizeMissing returns p, or def when p is empty or unknown.
func normalizeMissing(p, def config.MissingPolicy) config.MissingPolicy {
	switch p {
	case config.MissingSkip, config.MissingZero:
		return p
	}
	switch def {
	case config.MissingSkip, config.MissingZero:
		return def
	}
	return config.MissingSkip
}

// maxWeight bounds usable weights so that weighted sums cannot overflow.
const maxWeight = 1e150

// sanitizeWeight returns w when it is a usable weight (> 0 and at most
// maxWeight), else 0: the criterion or category then has no say.
func sanitizeWeight(w float64) float64 {
	if w > 0 && w <= maxWeight {
		return w
	}
	return 0
}

// splitBands separates min and max bands and orders each from the tightest
// threshold to the loosest, so the first match is the one that counts.
// Bands with neither bound, or with a bound that is not a number, are ignored.
func splitBands(bf *config.BandsFunc) (mins, maxs []band, elseScore float64) {
	if bf.Else != nil {
		elseScore = *bf.Else
	}
	for _, b := range bf.Bands {
		nb := band{score: b.Score}
		if b.Min != nil && !math.IsNaN(*b.Min) {
			nb.min, nb.hasMin = *b.Min, true
		}
		if b.Max != nil && !math.IsNaN(*b.Max) {
			nb.max, nb.hasMax = *b.Max, true
		}
		switch {
		case nb.hasMin:
			mins = append(mins, nb)
		case nb.hasMax:
			maxs = append(maxs, nb)
		}
	}
	// Stable sorts: of two bands with the same threshold the later one
	// listed wins, as "the last band whose min the value reaches".
	slices.Reverse(mins)
	slices.SortStableFunc(mins, func(a, b band) int { return -cmpFloat(a.min, b.min) })
	slices.Reverse(maxs)
	slices.SortStableFunc(maxs, func(a, b band) int { return cmpFloat(a.max, b.max) })
	return mins, maxs, elseScore
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// number extracts a finite number from v, or explains why it cannot.
func number(v signal.Value) (float64, string, bool) {
	f, ok := v.Float()
	if !ok {
		return 0, describeValue(v) + " is not a number", false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, "the value is not a finite number", false
	}
	return f, "", true
}

// describeValue shows a value in an explanation; strings are quoted.
func describeValue(v signal.Value) string {
	if s, ok := v.Str(); ok {
		return `"` + s + `"`
	}
	return v.String()
}

// eval applies the criterion to one competitor: sg is its signal (found
// false when absent) and sigs all of its signals.
func (cp *critPlan) eval(sg signal.Signal, found bool, sigs map[string]signal.Signal) outcome {
	if !found || !sg.Value.Valid() {
		return noData("no data")
	}
	v := sg.Value
	switch cp.kind {
	case kindNone:
		return noData("no scoring function")
	case kindBool:
		return cp.evalBool(v)
	}
	x, why, ok := number(v)
	if !ok {
		return noData(why)
	}
	var s float64
	var explain string
	switch cp.kind {
	case kindLinear:
		s, explain = linear(x, cp.fn.Linear.Worst, cp.fn.Linear.Best), cp.explain(x, cp.suffix)
	case kindLog:
		s, explain = logScale(x, cp.fn.Log.Worst, cp.fn.Log.Best), cp.explain(x, cp.suffix)
	case kindTarget:
		s, explain = target(x, cp.fn.Target.Goal, cp.fn.Target.Worst), cp.explain(x, cp.suffix)
	case kindBands:
		var suffix string
		s, suffix = cp.bands(x)
		explain = cp.explain(x, suffix)
	case kindRelative:
		s, explain = cp.relative(x), cp.explain(x, cp.suffix)
	case kindBayesian:
		s, explain = cp.bayesian(x, sigs)
	}
	if math.IsNaN(s) {
		return noData("the scoring function's parameters give no score for " + describeValue(v))
	}
	return outcome{score: clamp(s), explain: explain, ok: true}
}

func (cp *critPlan) evalBool(v signal.Value) outcome {
	b, ok := v.BoolValue()
	if !ok {
		return noData(describeValue(v) + " is not true or false")
	}
	s, explain := cp.falseScore, cp.falseText
	if b {
		s, explain = cp.trueScore, cp.trueText
	}
	if math.IsNaN(s) {
		return noData("the scoring function's parameters give no score for " + v.String())
	}
	return outcome{score: clamp(s), explain: explain, ok: true}
}

// explain writes the value with its unit followed by suffix, in one
// allocation: "60 days" + ": band ≥ 60 → 100".
func (cp *critPlan) explain(x float64, suffix string) string {
	var buf [128]byte
	b := appendQty(buf[:0], x, cp.unit)
	return string(append(b, suffix...))
}

// appendQty appends a value with its unit: "60 days", "1 day", "850 ms".
func appendQty(dst []byte, x float64, unit string) []byte {
	dst = appendNum(dst, x)
	if unit == "" {
		return dst
	}
	if x == 1 && strings.HasSuffix(unit, "s") && unit != "ms" {
		unit = unit[:len(unit)-1]
	}
	return append(append(dst, ' '), unit...)
}

// prepare computes the constant parts of the criterion's explanations.
// Relative functions are prepared again once the field is known.
func (cp *critPlan) prepare() {
	switch cp.kind {
	case kindBool:
		cp.trueScore, cp.falseScore = 100, 0
		if p := cp.fn.Bool.True; p != nil {
			cp.trueScore = *p
		}
		if p := cp.fn.Bool.False; p != nil {
			cp.falseScore = *p
		}
		cp.trueText = "true → " + fmtNum(clamp(cp.trueScore))
		cp.falseText = "false → " + fmtNum(clamp(cp.falseScore))
	case kindLinear:
		cp.suffix = " on a linear scale " + fmtNum(cp.fn.Linear.Worst) + " → " + fmtNum(cp.fn.Linear.Best)
	case kindLog:
		cp.suffix = " on a log scale " + fmtNum(cp.fn.Log.Worst) + " → " + fmtNum(cp.fn.Log.Best)
	case kindTarget:
		t := cp.fn.Target
		cmp := "≥"
		if t.Worst > t.Goal {
			cmp = "≤"
		}
		cp.suffix = ": goal " + cmp + " " + fmtNum(t.Goal) + " → 100, " + fmtNum(t.Worst) + " → 0"
	case kindBands:
		for i := range cp.minBands {
			b := &cp.minBands[i]
			b.text = ": band ≥ " + fmtNum(b.min) + " → " + fmtNum(clamp(b.score))
		}
		for i := range cp.maxBands {
			b := &cp.maxBands[i]
			b.text = ": band ≤ " + fmtNum(b.max) + " → " + fmtNum(clamp(b.score))
		}
		where := "no band matched"
		switch {
		case len(cp.minBands) > 0 && len(cp.maxBands) == 0:
			where = "below every band"
		case len(cp.maxBands) > 0 && len(cp.minBands) == 0:
			where = "above every band"
		}
		cp.elseText = ": " + where + " → " + fmtNum(clamp(cp.bandElse))
	case kindRelative:
		switch {
		case cp.fieldN <= 1:
			cp.suffix = ": the only competitor with data → 100"
		case cp.fieldMin == cp.fieldMax:
			cp.suffix = ": all " + fmtNum(float64(cp.fieldN)) + " competitors equal → 100"
		default:
			worst, best := cp.relativeEnds()
			cp.suffix = " against the field: worst " + fmtNum(worst) + " → 0, best " + fmtNum(best) + " → 100"
		}
	}
}

// unitOf returns the catalog unit of a built-in signal when it reads well
// after a number ("days", "ms"); "" for custom signals and for units such
// as "stars (0–5)" or "currency".
func unitOf(name string) string {
	spec, ok := signal.Lookup(name)
	if !ok || spec.Unit == "currency" || strings.ContainsAny(spec.Unit, "( ") {
		return ""
	}
	return spec.Unit
}

// linear maps worst→0 and best→100, clamped; lower is better when
// worst > best. With worst == best it is a step: 100 at or above best.
func linear(x, worst, best float64) float64 {
	if worst == best {
		if x >= best {
			return 100
		}
		return 0
	}
	return clamp((x - worst) / (best - worst) * 100)
}

// logScale is linear on log10 of the value; the value and both ends are
// first raised to at least 1, so zero and negative counts score as 1 does.
func logScale(x, worst, best float64) float64 {
	lx := math.Log10(math.Max(x, 1))
	lw := math.Log10(math.Max(worst, 1))
	lb := math.Log10(math.Max(best, 1))
	return linear(lx, lw, lb)
}

// target gives 100 at or beyond goal, falling linearly to 0 at worst; lower
// is better when worst > goal. With worst == goal it is a step at goal.
func target(x, goal, worst float64) float64 {
	if worst == goal {
		if x >= goal {
			return 100
		}
		return 0
	}
	return linear(x, worst, goal)
}

// bands scores by the tightest matching band: the highest min the value
// reaches, else the lowest max it does not exceed, else the else score. It
// returns the explanation's suffix.
func (cp *critPlan) bands(x float64) (float64, string) {
	for _, b := range cp.minBands {
		if x >= b.min && (!b.hasMax || x <= b.max) {
			return b.score, b.text
		}
	}
	for _, b := range cp.maxBands {
		if x <= b.max {
			return b.score, b.text
		}
	}
	return cp.bandElse, cp.elseText
}

// relativeEnds returns the field's worst and best values.
func (cp *critPlan) relativeEnds() (worst, best float64) {
	if cp.fn.Relative.Better == "lower" {
		return cp.fieldMax, cp.fieldMin
	}
	return cp.fieldMin, cp.fieldMax
}

// relative places x between the worst (0) and best (100) value of the run;
// 100 when it is the only value or all values are equal.
func (cp *critPlan) relative(x float64) float64 {
	if cp.fieldN <= 1 || cp.fieldMin == cp.fieldMax {
		return 100
	}
	worst, best := cp.relativeEnds()
	return linear(x, worst, best)
}

// bayesian shrinks a rating toward the prior by its count, then maps it
// linearly. A missing, non-numeric or negative count counts as 0.
func (cp *critPlan) bayesian(x float64, sigs map[string]signal.Signal) (float64, string) {
	bf := cp.fn.Bayesian
	count, known := 0.0, false
	if sg, ok := sigs[cp.countSignal]; ok {
		if c, _, ok := number(sg.Value); ok {
			count, known = math.Max(c, 0), true
		}
	}
	prior := math.Max(bf.PriorCount, 0)
	if math.IsNaN(bf.PriorCount) {
		prior = 0
	}
	shrunk := x
	if count+prior > 0 {
		shrunk = (count*x + prior*bf.PriorMean) / (count + prior)
	}
	var buf [160]byte
	b := appendNum(buf[:0], x)
	if known {
		b = append(b, " from "...)
		b = appendQty(b, count, cp.countUnit)
	} else {
		b = append(b, " with no "...)
		b = append(b, cp.countSignal...)
	}
	b = append(b, ", shrunk to "...)
	b = appendNum(b, shrunk)
	b = append(b, " (prior "...)
	b = appendNum(b, bf.PriorMean)
	b = append(b, " × "...)
	b = appendNum(b, prior)
	b = append(b, ')')
	return linear(shrunk, bf.Worst, bf.Best), string(b)
}

// clamp limits s to 0–100; NaN stays NaN so callers can reject it.
func clamp(s float64) float64 {
	switch {
	case s < 0:
		return 0
	case s > 100:
		return 100
	}
	return s
}
