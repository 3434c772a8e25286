package scoring

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	mrand "math/rand"
	"math/rand/v2"
	"testing"
	"testing/quick"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// randomFunc returns a random scoring function with sane parameters.
func randomFunc(r *rand.Rand) config.ScoreFunc {
	a, b := r.NormFloat64()*50, r.NormFloat64()*50
	switch r.IntN(7) {
	case 0:
		return config.ScoreFunc{Bool: &config.BoolFunc{True: fp(r.Float64() * 100), False: fp(r.Float64() * 100)}}
	case 1:
		return config.ScoreFunc{Linear: &config.LinearFunc{Worst: a, Best: b}}
	case 2:
		return config.ScoreFunc{Log: &config.LogFunc{Worst: math.Abs(a) * 10, Best: math.Abs(b) * 100}}
	case 3:
		bf := &config.BandsFunc{Else: fp(r.Float64() * 20)}
		useMax := r.IntN(2) == 0
		for range 1 + r.IntN(4) {
			t := r.NormFloat64() * 50
			if useMax {
				bf.Bands = append(bf.Bands, config.Band{Max: fp(t), Score: r.Float64() * 100})
			} else {
				bf.Bands = append(bf.Bands, config.Band{Min: fp(t), Score: r.Float64() * 100})
			}
		}
		return config.ScoreFunc{Bands: bf}
	case 4:
		return config.ScoreFunc{Relative: &config.RelativeFunc{Better: []string{"", "higher", "lower"}[r.IntN(3)]}}
	case 5:
		return config.ScoreFunc{Bayesian: &config.BayesianFunc{PriorMean: 2 + r.Float64()*3, PriorCount: r.Float64() * 100, Worst: 1 + r.Float64()*2, Best: 4 + r.Float64()}}
	default:
		return config.ScoreFunc{Target: &config.TargetFunc{Goal: a, Worst: b}}
	}
}

var propSignals = []string{"n1", "n2", "n3", "b1", "b2", signal.RatingCount, signal.PolicyReturnDays, signal.ContactChat}

func randomRubric(r *rand.Rand) *config.Rubric {
	rb := &config.Rubric{Name: "random", MinCoverage: r.Float64(), Missing: []config.MissingPolicy{"", config.MissingSkip, config.MissingZero}[r.IntN(3)]}
	for c := range 1 + r.IntN(5) {
		cat := config.Category{ID: fmt.Sprintf("c%d", c), Weight: 0.5 + r.Float64()*20}
		for k := range 1 + r.IntN(6) {
			cat.Criteria = append(cat.Criteria, config.Criterion{
				ID:      fmt.Sprintf("c%d-k%d", c, k),
				Signal:  propSignals[r.IntN(len(propSignals))],
				Weight:  0.1 + r.Float64()*5,
				Missing: []config.MissingPolicy{"", config.MissingSkip, config.MissingZero}[r.IntN(3)],
				Score:   randomFunc(r),
			})
		}
		rb.Categories = append(rb.Categories, cat)
	}
	return rb
}

func randomValue(r *rand.Rand) signal.Value {
	switch r.IntN(10) {
	case 0:
		return signal.String("text")
	case 1, 2, 3:
		return signal.Bool(r.IntN(2) == 0)
	case 4:
		return signal.Number(math.Round(r.Float64()*3) * 10) // many ties
	default:
		return signal.Number(r.NormFloat64() * math.Pow(10, float64(r.IntN(5))))
	}
}

func randomFile(r *rand.Rand) *signal.File {
	f := &signal.File{Schema: signal.Schema}
	n := 1 + r.IntN(12)
	self := r.IntN(n + 1)
	for i := range n {
		c := signal.Competitor{ID: fmt.Sprintf("comp-%02d", i), Self: i == self, Signals: map[string]signal.Signal{}}
		for _, s := range propSignals {
			if r.IntN(10) < 7 {
				c.Signals[s] = signal.Signal{Value: randomValue(r)}
			}
		}
		f.Competitors = append(f.Competitors, c)
	}
	return f
}

func encode(t *testing.T, sc *Scorecard) []byte {
	t.Helper()
	data, err := json.Marshal(sc)
	if err != nil {
		t.Fatalf("encoding the scorecard: %v", err)
	}
	return data
}

// Random rubrics and signals: every score stays within 0–100 and the
// scorecard does not depend on the order of the competitors in the input.
func TestPropertyRandomRubrics(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 1))
	for i := range 300 {
		rb, f := randomRubric(r), randomFile(r)
		opt := Options{Seed: int64(i), Trials: 30}
		sc := Score(rb, f, opt)
		checkRanges(t, sc)
		want := encode(t, sc)

		shuffled := *f
		shuffled.Competitors = append([]signal.Competitor(nil), f.Competitors...)
		r.Shuffle(len(shuffled.Competitors), func(a, b int) {
			shuffled.Competitors[a], shuffled.Competitors[b] = shuffled.Competitors[b], shuffled.Competitors[a]
		})
		if got := encode(t, Score(rb, &shuffled, opt)); !bytes.Equal(want, got) {
			t.Fatalf("case %d: shuffling the competitors changed the scorecard", i)
		}
		if got := encode(t, Score(rb, f, opt)); !bytes.Equal(want, got) {
			t.Fatalf("case %d: scoring twice gave different scorecards", i)
		}
		if t.Failed() {
			t.Fatalf("case %d failed", i)
		}
	}
}

// The golden file's signals give the same scorecard in any order.
func TestShuffleGolden(t *testing.T) {
	rb, f := loadRubric(t, "rubric.yaml"), loadSignals(t, "signals.json")
	want := encode(t, Score(rb, f, Options{}))
	r := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		r.Shuffle(len(f.Competitors), func(a, b int) { f.Competitors[a], f.Competitors[b] = f.Competitors[b], f.Competitors[a] })
		if got := encode(t, Score(rb, f, Options{})); !bytes.Equal(want, got) {
			t.Fatalf("order %v changed the scorecard", ids(f))
		}
	}
}

func ids(f *signal.File) []string {
	var out []string
	for _, c := range f.Competitors {
		out = append(out, c.ID)
	}
	return out
}

// monotone reports whether score(x) never decreases (up) or never
// increases (!up) from x1 to x2 >= x1, and stays in 0–100.
func monotone(score func(float64) float64, x1, x2 float64, up bool) bool {
	if x1 > x2 {
		x1, x2 = x2, x1
	}
	s1, s2 := score(x1), score(x2)
	if s1 < 0 || s1 > 100 || s2 < 0 || s2 > 100 {
		return false
	}
	if up {
		return s2 >= s1
	}
	return s2 <= s1
}

func TestPropertyMonotonic(t *testing.T) {
	cfg := &quick.Config{MaxCount: 5000, Rand: mrand.New(mrand.NewSource(1))}
	// Bounded inputs: quick's float64s span the whole range.
	small := func(x float64) float64 { return math.Mod(x, 1e6) }
	tests := []struct {
		name string
		prop any
	}{
		{"linear", func(w, b, x1, x2 float64) bool {
			w, b = small(w), small(b)
			return monotone(func(x float64) float64 { return linear(x, w, b) }, small(x1), small(x2), b >= w)
		}},
		{"log", func(w, b, x1, x2 float64) bool {
			w, b = math.Abs(small(w)), math.Abs(small(b))
			return monotone(func(x float64) float64 { return logScale(x, w, b) }, small(x1), small(x2), b >= w)
		}},
		{"target", func(g, w, x1, x2 float64) bool {
			g, w = small(g), small(w)
			return monotone(func(x float64) float64 { return target(x, g, w) }, small(x1), small(x2), g >= w)
		}},
		{"bayesian in the rating", func(count uint16, x1, x2 float64) bool {
			fn := config.ScoreFunc{Bayesian: &config.BayesianFunc{PriorMean: 4, PriorCount: 30, Worst: 3, Best: 5}}
			score := func(x float64) float64 {
				return evalOne(fn, sigs("x", num(x), "rating.count", num(float64(count)))).Score
			}
			return monotone(score, math.Mod(x1, 6), math.Mod(x2, 6), true)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := quick.Check(tt.prop, cfg); err != nil {
				t.Error(err)
			}
		})
	}
}
