package policytext

import (
	"testing"

	"github.com/cxbench/cxbench/signal"
)

// TestForeignRatingCountOnItsOwnLine: a count standing on its own line
// after the rating line is read, in German as in English (a rating of an
// earlier sentence used to hide it).
func TestForeignRatingCountOnItsOwnLine(t *testing.T) {
	for _, tt := range []struct{ lang, text string }{
		{"en", `<html lang="en"><body><p>Rated 4.8 out of 5</p><p>2,417 reviews</p></body></html>`},
		{"de", `<html lang="de"><body><p>Kundenbewertung 4,8 von 5</p><p>2.417 Bewertungen</p></body></html>`},
	} {
		var rating *Candidate
		for _, c := range extractText(tt.text, signal.KindHome) {
			if c.Signal == signal.RatingValue {
				rating = &c
			}
		}
		if rating == nil || rating.Count != 2417 || !rating.HasCount {
			t.Errorf("%s: rating %+v, want 4.8 with 2,417 ratings", tt.lang, rating)
		}
	}
}
