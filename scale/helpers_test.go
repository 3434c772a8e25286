package scale

import (
	"math"
	"testing"
	"time"
)

func TestExponent(t *testing.T) {
	ns := []float64{10, 100, 500}
	tests := []struct {
		name string
		f    func(n float64) float64
		want float64
	}{
		{"linear", func(n float64) float64 { return 3 * n }, 1},
		{"constant", func(float64) float64 { return 7 }, 0},
		{"quadratic", func(n float64) float64 { return n * n }, 2},
		{"square root", math.Sqrt, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ys []float64
			for _, n := range ns {
				ys = append(ys, tt.f(n))
			}
			if got := exponent(ns, ys); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("exponent = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPeakHeapMB(t *testing.T) {
	log := `gc 1 @0.005s 2%: 0.010+0.51+0.003 ms clock, 0.021+0.12/0.35/0.20+0.007 ms cpu, 3->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P
some other line 99->98 MB
gc 2 @0.105s 1%: 0.011+1.1+0.004 ms clock, 0.022+0.30/0.70/0.11+0.009 ms cpu, 41->57->12 MB, 44 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 3 @0.205s 1%: 0.011+1.1+0.004 ms clock, 0.022+0.30/0.70/0.11+0.009 ms cpu, 20->22->9 MB, 24 MB goal, 0 MB stacks, 0 MB globals, 2 P`
	if got := peakHeapMB(log); got != 57 {
		t.Errorf("peakHeapMB = %v, want 57", got)
	}
	if got := peakHeapMB("no gc"); got != 0 {
		t.Errorf("peakHeapMB without GC lines = %v, want 0", got)
	}
}

func TestPoliteLimit(t *testing.T) {
	tests := []struct {
		name              string
		n, conc, requests int
		want              time.Duration
	}{
		{"one wave", 10, 64, 32, 3100 * time.Millisecond},
		{"exactly one wave", 64, 64, 32, 3100 * time.Millisecond},
		{"two waves", 100, 64, 32, 6200 * time.Millisecond},
		{"eight waves", 500, 64, 32, 24800 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := politeLimit(tt.n, tt.conc, tt.requests, 100*time.Millisecond); got != tt.want {
				t.Errorf("politeLimit = %v, want %v", got, tt.want)
			}
		})
	}
}
