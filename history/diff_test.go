package history

import (
	"testing"

	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func snap(id string, sigs map[string]signal.Value) Snapshot {
	m := map[string]signal.Signal{}
	for k, v := range sigs {
		m[k] = signal.Signal{Value: v}
	}
	return Snapshot{ID: id,
		Signals:   &signal.File{Competitors: []signal.Competitor{{ID: "acme", Signals: m}}},
		Scorecard: &scoring.Scorecard{Competitors: []scoring.Competitor{{ID: "acme", Name: "Acme", Overall: 50, Rank: 1}}}}
}

func TestSignalChanges(t *testing.T) {
	n, b := signal.Number, signal.Bool
	tests := []struct {
		name     string
		old, new map[string]signal.Value
		want     []string
	}{
		{"return window shortened", map[string]signal.Value{"policy.return_days": n(30)}, map[string]signal.Value{"policy.return_days": n(14)},
			[]string{"policy.return_days 30 → 14 (worse)"}},
		{"threshold lowered is better", map[string]signal.Value{"policy.free_shipping_threshold": n(50)}, map[string]signal.Value{"policy.free_shipping_threshold": n(35)},
			[]string{"policy.free_shipping_threshold 50 → 35 (better)"}},
		{"rating within rounding", map[string]signal.Value{"rating.value": n(4.5)}, map[string]signal.Value{"rating.value": n(4.54)}, nil},
		{"rating by its rounding", map[string]signal.Value{"rating.value": n(4.5)}, map[string]signal.Value{"rating.value": n(4.55)},
			[]string{"rating.value 4.5 → 4.55 (better)"}},
		{"response time within 25 %", map[string]signal.Value{"response.median_ms": n(800)}, map[string]signal.Value{"response.median_ms": n(960)}, nil},
		{"response time jitter under the floor", map[string]signal.Value{"response.median_ms": n(2)}, map[string]signal.Value{"response.median_ms": n(9)}, nil},
		{"response time doubled", map[string]signal.Value{"response.median_ms": n(800)}, map[string]signal.Value{"response.median_ms": n(1600)},
			[]string{"response.median_ms 800 → 1600 (worse)"}},
		{"review count within 10 %", map[string]signal.Value{"rating.count": n(1000)}, map[string]signal.Value{"rating.count": n(1080)}, nil},
		{"review count up 20 %", map[string]signal.Value{"rating.count": n(1000)}, map[string]signal.Value{"rating.count": n(1200)},
			[]string{"rating.count 1000 → 1200 (better)"}},
		{"chat removed", map[string]signal.Value{"contact.chat": b(true)}, map[string]signal.Value{"contact.chat": b(false)},
			[]string{"contact.chat true → false (worse)"}},
		{"appeared and vanished", map[string]signal.Value{"loyalty.program": b(true)}, map[string]signal.Value{"policy.price_match": b(true), "site.pages": n(4)},
			[]string{"loyalty.program vanished (was true) (worse)", "policy.price_match appeared: true (better)", "site.pages appeared: 4"}},
		{"custom string", map[string]signal.Value{"custom.slogan": signal.String("a")}, map[string]signal.Value{"custom.slogan": signal.String("b")},
			[]string{"custom.slogan a → b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(snap("a", tt.old), snap("b", tt.new), Tolerances{})
			var got []string
			for _, c := range d.Competitors[0].Signals {
				got = append(got, c.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if d.Meaningful() != (len(tt.want) > 0) {
				t.Errorf("Meaningful() = %v with changes %q", d.Meaningful(), got)
			}
		})
	}
}

func TestContributions(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	comp := func(overall, ret, rating float64) scoring.Competitor {
		return scoring.Competitor{ID: "acme", Overall: overall, Categories: []scoring.CategoryScore{
			{ID: "policies", Weight: 3, Score: f(ret), Criteria: []scoring.CriterionScore{{ID: "ret", Signal: "policy.return_days", Weight: 1, Score: f(ret)}}},
			{ID: "reputation", Weight: 1, Score: f(rating), Criteria: []scoring.CriterionScore{{ID: "rating", Signal: "rating.value", Weight: 1, Score: f(rating)}}},
		}}
	}
	// overall = (3 × policies + reputation) / 4
	got := contributions(comp(55, 50, 70), comp(45, 30, 90))
	want := []Contribution{
		{Category: "policies", Criterion: "ret", Signal: "policy.return_days", Share: 0.75, Old: f(50), New: f(30), Points: -15},
		{Category: "reputation", Criterion: "rating", Signal: "rating.value", Share: 0.25, Old: f(70), New: f(90), Points: 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("contributions (-want +got):\n%s", diff)
	}
}
