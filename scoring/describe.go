package scoring

import (
	"math"
	"strconv"
	"strings"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// Describe says in plain words what a scoring function does, for the
// methodology section of a report: "linear: 3 → 0, 5 → 100".
func Describe(fn config.ScoreFunc) string {
	switch kindOf(fn) {
	case kindBool:
		t, f := 100.0, 0.0
		if fn.Bool.True != nil {
			t = *fn.Bool.True
		}
		if fn.Bool.False != nil {
			f = *fn.Bool.False
		}
		return "bool: true → " + fmtNum(t) + ", false → " + fmtNum(f)
	case kindLinear:
		return "linear: " + ends(fn.Linear.Worst, fn.Linear.Best)
	case kindLog:
		return "log scale: " + ends(fn.Log.Worst, fn.Log.Best) + " (values below 1 count as 1)"
	case kindBands:
		return describeBands(fn.Bands)
	case kindRelative:
		if fn.Relative.Better == "lower" {
			return "relative: lowest value in the run → 100, highest → 0, linear between"
		}
		return "relative: highest value in the run → 100, lowest → 0, linear between"
	case kindBayesian:
		b := fn.Bayesian
		count := b.CountSignal
		if count == "" {
			count = signal.RatingCount
		}
		return "bayesian: shrunk toward " + fmtNum(b.PriorMean) + " as if " + fmtNum(b.PriorCount) +
			" more reviews (count from " + count + "), then linear: " + ends(b.Worst, b.Best)
	case kindTarget:
		t := fn.Target
		if t.Worst > t.Goal {
			return "target: " + fmtNum(t.Goal) + " or less → 100, " + fmtNum(t.Worst) + " or more → 0, linear between"
		}
		return "target: " + fmtNum(t.Goal) + " or more → 100, " + fmtNum(t.Worst) + " or less → 0, linear between"
	}
	return "no scoring function"
}

// ends describes a linear mapping, noting when lower is better.
func ends(worst, best float64) string {
	s := fmtNum(worst) + " → 0, " + fmtNum(best) + " → 100"
	if worst > best {
		s += " (lower is better)"
	}
	return s
}

func describeBands(bf *config.BandsFunc) string {
	mins, maxs, elseScore := splitBands(bf)
	parts := make([]string, 0, len(mins)+len(maxs)+1)
	for _, b := range mins {
		p := "≥ " + fmtNum(b.min)
		if b.hasMax {
			p += " and ≤ " + fmtNum(b.max)
		}
		parts = append(parts, p+" → "+fmtNum(b.score))
	}
	for _, b := range maxs {
		parts = append(parts, "≤ "+fmtNum(b.max)+" → "+fmtNum(b.score))
	}
	parts = append(parts, "else "+fmtNum(elseScore))
	return "bands: " + strings.Join(parts, ", ")
}

// fmtNum formats a number for people: at most two decimals, no trailing
// zeros, thousands separated by commas ("1,200", "4.74").
func fmtNum(f float64) string {
	var buf [48]byte
	return string(appendNum(buf[:0], f))
}

// appendNum appends fmtNum(f) to dst.
func appendNum(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.AppendFloat(dst, f, 'g', -1, 64)
	}
	if math.Abs(f) >= 1e15 {
		return strconv.AppendFloat(dst, f, 'g', 6, 64)
	}
	r := math.Round(f*100) / 100
	if r == 0 {
		return append(dst, '0')
	}
	var tmp [32]byte
	s := strconv.AppendFloat(tmp[:0], r, 'f', -1, 64)
	if s[0] == '-' {
		dst = append(dst, '-')
		s = s[1:]
	}
	intLen := len(s)
	for i, c := range s {
		if c == '.' {
			intLen = i
			break
		}
	}
	for i := range intLen {
		if i > 0 && (intLen-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, s[i])
	}
	return append(dst, s[intLen:]...)
}
