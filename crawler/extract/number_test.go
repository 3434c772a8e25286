package extract

import "testing"

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"4.6", 4.6, true},
		{"1,234", 1234, true},
		{"1,234.5", 1234.5, true},
		{"12.345,67", 12345.67, true},
		{"€ 12,50", 12.5, true},
		{"4,6", 4.6, true},
		{"1.234", 1.234, true},
		{"1,234,567", 1234567, true},
		{"1'234", 1234, true},
		{"12\u00a0345,50 €", 12345.5, true},
		{"Rated 4.8 out of 5", 4.8, true},
		{"-3", -3, true},
		{"4.6.", 4.6, true},
		{"10 100", 10, true},
		{"none", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		got, ok := parseNumber(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	counts := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1.234", 1234, true},
		{"3.412", 3412, true},
		{"1,234", 1234, true},
		{"87", 87, true},
		{"12.5", 13, true},
		{"-4", 0, false},
	}
	for _, tc := range counts {
		got, ok := parseCount(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("parseCount(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
