package scoring

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

func fp(f float64) *float64 { return &f }

func num(f float64) signal.Signal  { return signal.Signal{Value: signal.Number(f)} }
func boolean(b bool) signal.Signal { return signal.Signal{Value: signal.Bool(b)} }
func text(s string) signal.Signal  { return signal.Signal{Value: signal.String(s)} }
func sigs(kv ...any) map[string]signal.Signal {
	m := make(map[string]signal.Signal, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(signal.Signal)
	}
	return m
}

// result is an outcome with its score rounded to 0.01, for comparison.
type result struct {
	Score   float64
	Explain string
	OK      bool
}

// evalOne applies fn to the signal "x" of have; field holds the signals of
// the whole run for relative functions (have is added to it).
func evalOne(fn config.ScoreFunc, have map[string]signal.Signal, field ...map[string]signal.Signal) result {
	r := &config.Rubric{Categories: []config.Category{{ID: "c", Weight: 1, Criteria: []config.Criterion{{Signal: "x", Weight: 1, Score: fn}}}}}
	p := newPlan(r)
	comps := []*signal.Competitor{{ID: "me", Signals: have}}
	for i, f := range field {
		comps = append(comps, &signal.Competitor{ID: string(rune('a' + i)), Signals: f})
	}
	p.fitRelative(comps)
	sg, found := have["x"]
	o := p.cats[0].crits[0].eval(sg, found, have)
	return result{Score: math.Round(o.score*100) / 100, Explain: o.explain, OK: o.ok}
}

type funcCase struct {
	name  string
	fn    config.ScoreFunc
	have  map[string]signal.Signal
	field []map[string]signal.Signal
	want  result
}

func runFuncCases(t *testing.T, tests []funcCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evalOne(tt.fn, tt.have, tt.field...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBool(t *testing.T) {
	def := config.ScoreFunc{Bool: &config.BoolFunc{}}
	custom := config.ScoreFunc{Bool: &config.BoolFunc{True: fp(80), False: fp(25)}}
	runFuncCases(t, []funcCase{
		{"true default", def, sigs("x", boolean(true)), nil, result{100, "true → 100", true}},
		{"false default", def, sigs("x", boolean(false)), nil, result{0, "false → 0", true}},
		{"true custom", custom, sigs("x", boolean(true)), nil, result{80, "true → 80", true}},
		{"false custom", custom, sigs("x", boolean(false)), nil, result{25, "false → 25", true}},
		{"out of range clamped", config.ScoreFunc{Bool: &config.BoolFunc{True: fp(150)}}, sigs("x", boolean(true)), nil, result{100, "true → 100", true}},
		{"number is a type mismatch", def, sigs("x", num(1)), nil, result{0, "1 is not true or false", false}},
		{"string is a type mismatch", def, sigs("x", text("yes")), nil, result{0, `"yes" is not true or false`, false}},
		{"absent", def, sigs("y", boolean(true)), nil, result{0, "no data", false}},
		{"null value", def, sigs("x", signal.Signal{}), nil, result{0, "no data", false}},
	})
}

func TestLinear(t *testing.T) {
	up := config.ScoreFunc{Linear: &config.LinearFunc{Worst: 3, Best: 5}}
	down := config.ScoreFunc{Linear: &config.LinearFunc{Worst: 3000, Best: 500}}
	runFuncCases(t, []funcCase{
		{"between", up, sigs("x", num(4.6)), nil, result{80, "4.6 on a linear scale 3 → 5", true}},
		{"at worst", up, sigs("x", num(3)), nil, result{0, "3 on a linear scale 3 → 5", true}},
		{"at best", up, sigs("x", num(5)), nil, result{100, "5 on a linear scale 3 → 5", true}},
		{"clamped below", up, sigs("x", num(1.5)), nil, result{0, "1.5 on a linear scale 3 → 5", true}},
		{"clamped above", up, sigs("x", num(7)), nil, result{100, "7 on a linear scale 3 → 5", true}},
		{"lower is better", down, sigs("x", num(1750)), nil, result{50, "1,750 on a linear scale 3,000 → 500", true}},
		{"lower is better clamped above", down, sigs("x", num(100)), nil, result{100, "100 on a linear scale 3,000 → 500", true}},
		{"lower is better clamped below", down, sigs("x", num(9000)), nil, result{0, "9,000 on a linear scale 3,000 → 500", true}},
		{"worst equals best: step reached", config.ScoreFunc{Linear: &config.LinearFunc{Worst: 2, Best: 2}}, sigs("x", num(2)), nil, result{100, "2 on a linear scale 2 → 2", true}},
		{"worst equals best: step missed", config.ScoreFunc{Linear: &config.LinearFunc{Worst: 2, Best: 2}}, sigs("x", num(1.9)), nil, result{0, "1.9 on a linear scale 2 → 2", true}},
		{"bool is a type mismatch", up, sigs("x", boolean(true)), nil, result{0, "true is not a number", false}},
		{"string is a type mismatch", up, sigs("x", text("4.6")), nil, result{0, `"4.6" is not a number`, false}},
		{"not finite", up, sigs("x", num(math.Inf(1))), nil, result{0, "the value is not a finite number", false}},
		{"NaN parameters", config.ScoreFunc{Linear: &config.LinearFunc{Worst: math.NaN(), Best: 5}}, sigs("x", num(4)), nil,
			result{0, "the scoring function's parameters give no score for 4", false}},
	})
}

func TestLog(t *testing.T) {
	up := config.ScoreFunc{Log: &config.LogFunc{Worst: 10, Best: 10000}}
	down := config.ScoreFunc{Log: &config.LogFunc{Worst: 10000, Best: 10}}
	runFuncCases(t, []funcCase{
		{"one decade of three", up, sigs("x", num(100)), nil, result{33.33, "100 on a log scale 10 → 10,000", true}},
		{"two decades of three", up, sigs("x", num(1000)), nil, result{66.67, "1,000 on a log scale 10 → 10,000", true}},
		{"clamped below", up, sigs("x", num(3)), nil, result{0, "3 on a log scale 10 → 10,000", true}},
		{"clamped above", up, sigs("x", num(1e6)), nil, result{100, "1,000,000 on a log scale 10 → 10,000", true}},
		{"zero counts as one", config.ScoreFunc{Log: &config.LogFunc{Worst: 0, Best: 100}}, sigs("x", num(0)), nil, result{0, "0 on a log scale 0 → 100", true}},
		{"negative counts as one", config.ScoreFunc{Log: &config.LogFunc{Worst: 1, Best: 100}}, sigs("x", num(-5)), nil, result{0, "-5 on a log scale 1 → 100", true}},
		{"worst below one counts as one", config.ScoreFunc{Log: &config.LogFunc{Worst: 0, Best: 100}}, sigs("x", num(10)), nil, result{50, "10 on a log scale 0 → 100", true}},
		{"lower is better", down, sigs("x", num(100)), nil, result{66.67, "100 on a log scale 10,000 → 10", true}},
		{"type mismatch", up, sigs("x", boolean(false)), nil, result{0, "false is not a number", false}},
	})
}

func TestBands(t *testing.T) {
	minBands := config.ScoreFunc{Bands: &config.BandsFunc{Bands: []config.Band{
		{Min: fp(30), Score: 70}, {Min: fp(14), Score: 40}, {Min: fp(60), Score: 100}, // any order
	}}}
	maxBands := config.ScoreFunc{Bands: &config.BandsFunc{Bands: []config.Band{
		{Max: fp(2000), Score: 40}, {Max: fp(500), Score: 100}, {Max: fp(1000), Score: 70},
	}, Else: fp(10)}}
	runFuncCases(t, []funcCase{
		{"min: highest band reached", minBands, sigs("x", num(75)), nil, result{100, "75: band ≥ 60 → 100", true}},
		{"min: exactly on a threshold", minBands, sigs("x", num(60)), nil, result{100, "60: band ≥ 60 → 100", true}},
		{"min: just below a threshold", minBands, sigs("x", num(59.9)), nil, result{70, "59.9: band ≥ 30 → 70", true}},
		{"min: lowest band", minBands, sigs("x", num(14)), nil, result{40, "14: band ≥ 14 → 40", true}},
		{"min: below every band, default else", minBands, sigs("x", num(7)), nil, result{0, "7: below every band → 0", true}},
		{"max: lowest band not exceeded", maxBands, sigs("x", num(420)), nil, result{100, "420: band ≤ 500 → 100", true}},
		{"max: exactly on a threshold", maxBands, sigs("x", num(1000)), nil, result{70, "1,000: band ≤ 1,000 → 70", true}},
		{"max: middle", maxBands, sigs("x", num(1500)), nil, result{40, "1,500: band ≤ 2,000 → 40", true}},
		{"max: above every band, else", maxBands, sigs("x", num(2500)), nil, result{10, "2,500: above every band → 10", true}},
		{"equal thresholds: the later band wins", config.ScoreFunc{Bands: &config.BandsFunc{Bands: []config.Band{
			{Min: fp(10), Score: 50}, {Min: fp(10), Score: 60}}}}, sigs("x", num(10)), nil, result{60, "10: band ≥ 10 → 60", true}},
		{"no bands", config.ScoreFunc{Bands: &config.BandsFunc{Else: fp(5)}}, sigs("x", num(1)), nil, result{5, "1: no band matched → 5", true}},
		{"type mismatch", minBands, sigs("x", text("60 days")), nil, result{0, `"60 days" is not a number`, false}},
	})
}

func TestRelative(t *testing.T) {
	higher := config.ScoreFunc{Relative: &config.RelativeFunc{}}
	lower := config.ScoreFunc{Relative: &config.RelativeFunc{Better: "lower"}}
	field := []map[string]signal.Signal{sigs("x", num(10)), sigs("x", num(50)), sigs("y", num(1000)), sigs("x", boolean(true))}
	runFuncCases(t, []funcCase{
		{"higher: between", higher, sigs("x", num(20)), field, result{25, "20 against the field: worst 10 → 0, best 50 → 100", true}},
		{"higher: best", higher, sigs("x", num(50)), field, result{100, "50 against the field: worst 10 → 0, best 50 → 100", true}},
		{"higher: worst", higher, sigs("x", num(10)), field, result{0, "10 against the field: worst 10 → 0, best 50 → 100", true}},
		{"lower: between", lower, sigs("x", num(20)), field, result{75, "20 against the field: worst 50 → 0, best 10 → 100", true}},
		{"lower: best", lower, sigs("x", num(10)), field, result{100, "10 against the field: worst 50 → 0, best 10 → 100", true}},
		{"only competitor with data", higher, sigs("x", num(3)), []map[string]signal.Signal{sigs("y", num(9))}, result{100, "3: the only competitor with data → 100", true}},
		{"alone in the run", lower, sigs("x", num(3)), nil, result{100, "3: the only competitor with data → 100", true}},
		{"all equal", higher, sigs("x", num(7)), []map[string]signal.Signal{sigs("x", num(7)), sigs("x", num(7))}, result{100, "7: all 3 competitors equal → 100", true}},
		{"all equal, lower", lower, sigs("x", num(7)), []map[string]signal.Signal{sigs("x", num(7))}, result{100, "7: all 2 competitors equal → 100", true}},
		{"type mismatch", higher, sigs("x", boolean(true)), field, result{0, "true is not a number", false}},
	})
}

func TestBayesian(t *testing.T) {
	fn := config.ScoreFunc{Bayesian: &config.BayesianFunc{PriorMean: 4.2, PriorCount: 50, Worst: 3, Best: 5}}
	runFuncCases(t, []funcCase{
		{"many reviews barely move", fn, sigs("x", num(4.8), "rating.count", num(1200)), nil,
			result{88.8, "4.8 from 1,200 reviews, shrunk to 4.78 (prior 4.2 × 50)", true}},
		{"few reviews shrink to the prior", fn, sigs("x", num(5), "rating.count", num(3)), nil,
			result{62.26, "5 from 3 reviews, shrunk to 4.25 (prior 4.2 × 50)", true}},
		{"one review", fn, sigs("x", num(1), "rating.count", num(1)), nil,
			result{56.86, "1 from 1 review, shrunk to 4.14 (prior 4.2 × 50)", true}},
		{"missing count is zero", fn, sigs("x", num(5)), nil,
			result{60, "5 with no rating.count, shrunk to 4.2 (prior 4.2 × 50)", true}},
		{"non-numeric count is zero", fn, sigs("x", num(5), "rating.count", text("many")), nil,
			result{60, "5 with no rating.count, shrunk to 4.2 (prior 4.2 × 50)", true}},
		{"negative count is zero", fn, sigs("x", num(5), "rating.count", num(-10)), nil,
			result{60, "5 from 0 reviews, shrunk to 4.2 (prior 4.2 × 50)", true}},
		{"no prior: the rating itself", config.ScoreFunc{Bayesian: &config.BayesianFunc{Worst: 3, Best: 5}}, sigs("x", num(4.5)), nil,
			result{75, "4.5 with no rating.count, shrunk to 4.5 (prior 0 × 0)", true}},
		{"custom count signal", config.ScoreFunc{Bayesian: &config.BayesianFunc{PriorMean: 3, PriorCount: 10, CountSignal: "votes", Worst: 0, Best: 5}},
			sigs("x", num(5), "votes", num(10), "rating.count", num(1e6)), nil,
			result{80, "5 from 10 reviews, shrunk to 4 (prior 3 × 10)", true}},
		{"clamped", fn, sigs("x", num(2), "rating.count", num(1e6)), nil,
			result{0, "2 from 1,000,000 reviews, shrunk to 2 (prior 4.2 × 50)", true}},
		{"type mismatch", fn, sigs("x", boolean(true), "rating.count", num(10)), nil, result{0, "true is not a number", false}},
	})

	// The example: 5.0 from 3 reviews ranks below 4.7 from 3,000.
	few := evalOne(fn, sigs("x", num(5.0), "rating.count", num(3)))
	many := evalOne(fn, sigs("x", num(4.7), "rating.count", num(3000)))
	if !(few.Score < many.Score) {
		t.Errorf("5.0 from 3 reviews scored %v, 4.7 from 3,000 scored %v; want the first lower", few.Score, many.Score)
	}
}

func TestTarget(t *testing.T) {
	higher := config.ScoreFunc{Target: &config.TargetFunc{Goal: 60, Worst: 14}}
	lower := config.ScoreFunc{Target: &config.TargetFunc{Goal: 4, Worst: 72}}
	runFuncCases(t, []funcCase{
		{"higher: at goal", higher, sigs("x", num(60)), nil, result{100, "60: goal ≥ 60 → 100, 14 → 0", true}},
		{"higher: beyond goal", higher, sigs("x", num(365)), nil, result{100, "365: goal ≥ 60 → 100, 14 → 0", true}},
		{"higher: halfway", higher, sigs("x", num(37)), nil, result{50, "37: goal ≥ 60 → 100, 14 → 0", true}},
		{"higher: at worst", higher, sigs("x", num(14)), nil, result{0, "14: goal ≥ 60 → 100, 14 → 0", true}},
		{"higher: below worst", higher, sigs("x", num(0)), nil, result{0, "0: goal ≥ 60 → 100, 14 → 0", true}},
		{"lower: at goal", lower, sigs("x", num(4)), nil, result{100, "4: goal ≤ 4 → 100, 72 → 0", true}},
		{"lower: beyond goal", lower, sigs("x", num(0.5)), nil, result{100, "0.5: goal ≤ 4 → 100, 72 → 0", true}},
		{"lower: halfway", lower, sigs("x", num(38)), nil, result{50, "38: goal ≤ 4 → 100, 72 → 0", true}},
		{"lower: beyond worst", lower, sigs("x", num(100)), nil, result{0, "100: goal ≤ 4 → 100, 72 → 0", true}},
		{"goal equals worst", config.ScoreFunc{Target: &config.TargetFunc{Goal: 5, Worst: 5}}, sigs("x", num(4)), nil, result{0, "4: goal ≥ 5 → 100, 5 → 0", true}},
		{"type mismatch", lower, sigs("x", text("fast")), nil, result{0, `"fast" is not a number`, false}},
	})
}

func TestNoFunction(t *testing.T) {
	got := evalOne(config.ScoreFunc{}, sigs("x", num(1)))
	if diff := cmp.Diff(result{0, "no scoring function", false}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Units from the catalog appear in explanations of built-in signals.
func TestExplainUnits(t *testing.T) {
	tests := []struct {
		name   string
		signal string
		value  float64
		want   string
	}{
		{"days", signal.PolicyReturnDays, 60, "60 days: band ≥ 30 → 100"},
		{"singular", signal.PolicyReturnDays, 1, "1 day: below every band → 0"},
		{"ms keeps its s", signal.ResponseMedianMS, 1, "1 ms: below every band → 0"},
		{"stars have no unit", signal.RatingValue, 4.5, "4.5: below every band → 0"},
		{"currency has no unit", signal.PolicyFreeShippingThreshold, 50, "50: band ≥ 30 → 100"},
		{"custom signal", "custom.thing", 45, "45: band ≥ 30 → 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := config.Criterion{Signal: tt.signal, Weight: 1, Score: config.ScoreFunc{Bands: &config.BandsFunc{Bands: []config.Band{{Min: fp(30), Score: 100}}}}}
			cp := newCritPlan(&cr, config.MissingSkip)
			got := cp.eval(num(tt.value), true, nil).explain
			if got != tt.want {
				t.Errorf("explain = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		fn   config.ScoreFunc
		want string
	}{
		{"bool", config.ScoreFunc{Bool: &config.BoolFunc{}}, "bool: true → 100, false → 0"},
		{"bool custom", config.ScoreFunc{Bool: &config.BoolFunc{True: fp(90), False: fp(10)}}, "bool: true → 90, false → 10"},
		{"linear", config.ScoreFunc{Linear: &config.LinearFunc{Worst: 3, Best: 5}}, "linear: 3 → 0, 5 → 100"},
		{"linear lower", config.ScoreFunc{Linear: &config.LinearFunc{Worst: 3000, Best: 500}}, "linear: 3,000 → 0, 500 → 100 (lower is better)"},
		{"log", config.ScoreFunc{Log: &config.LogFunc{Worst: 10, Best: 10000}}, "log scale: 10 → 0, 10,000 → 100 (values below 1 count as 1)"},
		{"bands min", config.ScoreFunc{Bands: &config.BandsFunc{Bands: []config.Band{{Min: fp(14), Score: 40}, {Min: fp(60), Score: 100}}}},
			"bands: ≥ 60 → 100, ≥ 14 → 40, else 0"},
		{"bands max", config.ScoreFunc{Bands: &config.BandsFunc{Bands: []config.Band{{Max: fp(2000), Score: 40}, {Max: fp(500), Score: 100}}, Else: fp(10)}},
			"bands: ≤ 500 → 100, ≤ 2,000 → 40, else 10"},
		{"relative", config.ScoreFunc{Relative: &config.RelativeFunc{Better: "higher"}}, "relative: highest value in the run → 100, lowest → 0, linear between"},
		{"relative lower", config.ScoreFunc{Relative: &config.RelativeFunc{Better: "lower"}}, "relative: lowest value in the run → 100, highest → 0, linear between"},
		{"bayesian", config.ScoreFunc{Bayesian: &config.BayesianFunc{PriorMean: 4.2, PriorCount: 50, Worst: 3, Best: 5}},
			"bayesian: shrunk toward 4.2 as if 50 more reviews (count from rating.count), then linear: 3 → 0, 5 → 100"},
		{"target higher", config.ScoreFunc{Target: &config.TargetFunc{Goal: 60, Worst: 14}}, "target: 60 or more → 100, 14 or less → 0, linear between"},
		{"target lower", config.ScoreFunc{Target: &config.TargetFunc{Goal: 4, Worst: 72}}, "target: 4 or less → 100, 72 or more → 0, linear between"},
		{"none", config.ScoreFunc{}, "no scoring function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Describe(tt.fn); got != tt.want {
				t.Errorf("Describe = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFmtNum(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {-0.001, "0"}, {4.6, "4.6"}, {4.745, "4.75"}, {1200, "1,200"},
		{999, "999"}, {1000000, "1,000,000"}, {-12345.5, "-12,345.5"}, {0.5, "0.5"}, {123456.789, "123,456.79"},
		{math.Inf(1), "+Inf"}, {2e20, "2e+20"},
	}
	for _, tt := range tests {
		if got := fmtNum(tt.in); got != tt.want {
			t.Errorf("fmtNum(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
