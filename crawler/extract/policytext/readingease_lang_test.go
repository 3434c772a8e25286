package policytext

import (
	"math"
	"testing"
)

func TestReadingEaseIn(t *testing.T) {
	tests := []struct {
		name, text, lang string
		want             float64 // -1: no formula
		formula          string
	}{
		// 4 words, 9 syllables (die, rück-sen-dung, er-folgt, kos-ten-los): 180 − 4 − 58.5·2.25.
		{"German by Amstad", "Die Rücksendung erfolgt kostenlos.", "de", 44.375, "Amstad (Flesch for German)"},
		// 4 words, 6 syllables (les, re-tours, sont, gra-tuits): 207 − 1.015·4 − 73.6·1.5.
		{"French by Kandel & Moles", "Les retours sont gratuits.", "fr", 92.54, "Kandel & Moles (Flesch for French)"},
		// 3 words, 7 syllables (en-ví-o, gra-tis, siem-pre... ): 206.84 − 1.02·3 − 60·7/3.
		{"Spanish by Fernández Huerta", "Envío gratis siempre.", "es", 206.84 - 1.02*3 - 60*7.0/3, "Fernández Huerta (Flesch for Spanish)"},
		{"a language without a formula", "Devoluções grátis em 30 dias.", "pt", -1, ""},
		{"English stays Flesch", "Returns are free.", "en", 206.835 - 1.015*3 - 84.6*4.0/3, "Flesch reading ease"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, formula, ok := ReadingEaseIn(tc.text, tc.lang)
			if tc.want < 0 {
				if ok {
					t.Errorf("ReadingEaseIn(%q) = %v by %q, want no formula", tc.lang, got, formula)
				}
				return
			}
			want := math.Min(100, math.Max(0, tc.want))
			if !ok || math.Abs(got-want) > 0.01 || formula != tc.formula {
				t.Errorf("ReadingEaseIn = %v, %q, %v; want %v, %q", got, formula, ok, want, tc.formula)
			}
		})
	}
}
