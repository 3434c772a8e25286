package policytext

import (
	"regexp"
	"strings"

	"github.com/cxbench/cxbench/signal"
)

// Warranty.
//
// A duration is a warranty length when it qualifies a warranty ("2-year
// warranty", "12-month limited warranty", "five (5) year guarantee against
// manufacturing defects"), or a warranty is said to last it ("warranty of 2
// years", "Warranty: 24 months", "covered by our warranty for 2 years",
// "guaranteed against defects for 5 years", "Acme warrants that products
// are free from defects ... for 12 months", "warranted for two years"). A
// compound vehicle warranty gives its time part ("3-month/3,000-mile
// powertrain warranty" = 3, "5 years or 100,000 km" = 60). "Lifetime warranty",
// "guaranteed for life" = 1200 months. A bare "guarantee" counts only with
// a defect cue (defects, manufacturing, workmanship, materials) or on a
// warranty page, and never when it is a money-back, satisfaction, price or
// return guarantee. Extended warranties offered for sale or by
// registration, and warranties on batteries, accessories or refurbished
// goods, are special; the result is the largest general warranty. Days
// convert at 30.44 per month, rounded to the nearest half month (one
// decimal below one month): "90-day warranty" = 3.

var (
	warrantyWordRe = regexp.MustCompile(`\bwarrant(?:y|ies|ied|eed|s|ed)\b|\bguarantee[ds]?\b|\bcovered\b`)

	warrantyAfterDurRe = regexp.MustCompile(`^\s*-?\s*(?:(?:limited|full|manufacturer'?s?|manufacturing|product|parts(?: and| &) labou?r|standard|free|` +
		`comprehensive|european|eu|uk|us|statutory|legal|quality|no[- ]quibble|hassle[- ]free|repair|replacement|hardware|structural|frame|` +
		`included|warranty|peace of mind|non-prorated|all-inclusive|worry[- ]free|craftsmanship|warranties|powertrain|drivetrain|bumper[- ]to[- ]bumper|mechanical)\s+){0,3}(?:warranty|warranties|guarantee)\b`)

	// mileageAfterDurRe: the distance part of a compound vehicle warranty
	// ("3-month/3,000-mile", "12 months / 12,000 miles", "5 years or
	// 100,000 km"); it is skipped so that the time part reads as the length.
	mileageAfterDurRe = regexp.MustCompile(`^\s*(?:/|or|and|,|&)\s*(?:up to\s+)?\d[\d,.]*\s*k?\s*-?\s*(?:miles?|mi|km|kms|kilomet(?:er|re)s?)\b,?`)

	// warrantyBeforeDurRe: text before a duration that makes it the length
	// of a warranty named earlier in the clause.
	warrantyBeforeDurRe = regexp.MustCompile(`(?:warrant(?:y|ies|ied|eed|s|ed)|guarantee[ds]?|covered|coverage)\b(?:\s+\S+){0,24}?` +
		`(?:\s+(?:for|of|lasts?|lasting|period(?: is| of)?|is|up to|extends? to|runs? for|valid for|is valid for|a period of|duration of|term of)|\s*:)\s*` +
		`(?:up to\s+|a full\s+|a period of\s+|a total of\s+|at least\s+|an?\s+|the first\s+)?$`)

	lifetimeRe = regexp.MustCompile(`\b(?:limited\s+)?life-?time\s+(?:(?:limited|product|manufacturer'?s?|quality|craftsmanship|structural|frame)\s+)*(?:warranty|guarantee)\b|` +
		`\b(?:warrant(?:y|ied|eed)|guarantee[ds]?|covered)\s+(?:\S+\s+){0,6}?for\s+(?:the\s+)?(?:life(?:time)?|as long as you own)\b`)

	// defectCueRe makes a bare "guarantee" a warranty.
	// A statutory (legal) guarantee of conformity is a guarantee against
	// defects: "2-year legal guarantee of conformity".
	defectCueRe = regexp.MustCompile(`\b(?:defects?|defective|manufactur(?:ing|er|ed)|workmanship|materials?|faults?|faulty|malfunction|warrant(?:y|ies|ied|eed)|breaks?|craftsmanship|` +
		`(?:non-|lack of )?conformity|non-conformity|statutory|legal (?:guarantee|warranty)|consumer (?:law|rights|guarantee))\b`)

	// notWarrantyRe: guarantees that are not product warranties.
	notWarrantyRe = regexp.MustCompile(`\b(?:money[- ]?back|satisfaction|satisfied|happiness|happy|price|prices|lowest|best price|refund|return|returns|fit|delivery|dispatch|shipping|love it|comfort|sleep|trial)\b`)

	// extendedWarrantyRe: warranty extensions sold or earned separately.
	extendedWarrantyRe = regexp.MustCompile(`\b(?:extended|extend(?:s|able|ed)?|optional|add-on|upgrade|protection plans?|care plans?|additional|extra|` +
		`available for purchase|can be purchased|for purchase|for an additional|register(?:ed)?|registration|members?)\b`)

	// specialWarrantyRe: warranties on parts of the range only.
	specialWarrantyRe = regexp.MustCompile(`\b(?:batter(?:y|ies)|accessor(?:y|ies)|consumables?|cables?|chargers?|refurbished|used|pre-owned|second-hand|` +
		`wear and tear|wearing parts|spare parts|replacement parts|labou?r only|parts only|sale items|clearance|ex-display|open[- ]box|b-stock)\b`)

	// warrantyVetoRe: the duration is a claim, repair or report time.
	warrantyVetoRe = regexp.MustCompile(`\b(?:claims? (?:must|should) be|report|notify|repairs? (?:are|is|take|will)|process(?:ed|ing)?|turnaround|respond|reply|ship(?:s|ped)?|deliver(?:ed|y)?|business for|in business|since|founded|experience)\b`)
)

// warrantyReach is how far before a duration the warranty noun may stand
// (bytes; about 24 words of legal prose: "Seller warrants that products
// will conform to ... and be free from defects ... for a period of").
const warrantyReach = 240

type numCand struct {
	v       float64
	special bool
	snippet string
	implied bool // a free-shipping threshold of 0 read from a plain statement
}

// warranties reads warranty candidates from one sentence.
func warranties(s *sentence, kind string, out *[]numCand) {
	low := s.low
	if !strings.Contains(low, "warrant") && !strings.Contains(low, "guarantee") && !strings.Contains(low, "covered") &&
		!strings.Contains(low, "coverage") {
		return
	}
	cs := s.clauses()
	headSpecial := func() bool { return s.headSpecial(specialWarrantyRe) }
	warrantyPage := kind == signal.KindWarranty || strings.Contains(s.head, "warrant")
	check := func(pos int, nounStart, nounEnd int) (special, ok bool) {
		ci := clauseAt(cs, pos)
		reg, _ := region(low, cs, ci)
		own := low[cs[ci].start:cs[ci].end]
		noun := low[nounStart:nounEnd]
		isWarranty := strings.Contains(noun, "warrant")
		// The few words right before the noun ("30-day money-back guarantee").
		near := tail(low[:nounStart], 30) + noun
		if notWarrantyRe.MatchString(near) && !isWarranty {
			return false, false
		}
		if !isWarranty && !defectCueRe.MatchString(reg) && !warrantyPage {
			return false, false
		}
		if !isWarranty && notWarrantyRe.MatchString(own) && !defectCueRe.MatchString(own) {
			return false, false
		}
		if warrantyVetoRe.MatchString(anchorRe.ReplaceAllString(own, " ")) {
			return false, false // "from delivery" starts a warranty, it is no delivery time
		}
		special = headSpecial() || s.regionSpecial(ci, specialWarrantyRe) || extendedWarrantyRe.MatchString(tail(low[:pos], 60))
		return special, true
	}
	for _, d := range s.durations() {
		if d.ranged || d.frequency(low) {
			continue
		}
		months, ok := d.months()
		if !ok || months <= 0 || months > 1200 {
			continue
		}
		end := d.end
		if mm := mileageAfterDurRe.FindStringIndex(low[end:]); mm != nil {
			end += mm[1] // "3-month/3,000-mile limited warranty"
		}
		m := warrantyAfterDurRe.FindStringIndex(low[end:])
		if m == nil && brandWarrantyAfter(low[end:]) {
			// "1-year VoltMart warranty": the noun after the brand.
			if nm := warrantyWordRe.FindStringIndex(low[end:]); nm != nil {
				m = []int{0, nm[1]}
			}
		}
		if m != nil {
			nounEnd := end + m[1]
			nounStart := nounEnd - len(lastWord(low[:nounEnd]))
			if special, ok := check(d.start, nounStart, nounEnd); ok {
				*out = append(*out, numCand{v: months, special: special, snippet: s.orig})
			}
			continue
		}
		before := low[:d.start]
		if ci := clauseAt(cs, d.start); ci >= 0 {
			r, off := region(low, cs, ci)
			before = r[:d.start-off]
		}
		if m := warrantyBeforeDurRe.FindStringIndex(tail(before, warrantyReach)); m != nil {
			base := d.start - len(tail(before, warrantyReach))
			nm := warrantyWordRe.FindStringIndex(tail(before, warrantyReach)[m[0]:])
			if nm == nil {
				continue
			}
			if special, ok := check(d.start, base+m[0]+nm[0], base+m[0]+nm[1]); ok {
				*out = append(*out, numCand{v: months, special: special, snippet: s.orig})
			}
		}
	}
	for _, m := range lifetimeRe.FindAllStringIndex(low, maxPerSentence) {
		nm := warrantyWordRe.FindStringIndex(low[m[0]:m[1]])
		if nm == nil {
			continue
		}
		ci := clauseAt(cs, m[0])
		own := low[cs[ci].start:cs[ci].end]
		if notWarrantyRe.MatchString(own) && !defectCueRe.MatchString(own) {
			continue
		}
		if negatedBefore(low, m[0]) {
			continue
		}
		special := headSpecial() || s.regionSpecial(ci, specialWarrantyRe) || extendedWarrantyRe.MatchString(tail(low[:m[0]], 40))
		*out = append(*out, numCand{v: 1200, special: special, snippet: s.orig})
	}
}

func lastWord(s string) string {
	i := strings.LastIndexAny(s, " -")
	return s[i+1:]
}

// brandStopWords may not stand between a duration and "warranty" as a
// brand name: "30 days to claim the warranty" is not a 30-day warranty.
var brandStopWords = map[string]bool{
	"to": true, "for": true, "of": true, "the": true, "a": true, "an": true, "and": true, "or": true, "on": true,
	"in": true, "with": true, "after": true, "before": true, "under": true, "within": true, "from": true, "by": true,
	"your": true, "our": true, "their": true, "its": true, "is": true, "are": true, "was": true, "be": true, "as": true,
	"claim": true, "make": true, "file": true, "register": true, "extend": true, "extended": true, "extends": true,
	"extra": true, "additional": true, "optional": true, "if": true, "when": true, "this": true, "that": true,
	"money": true, "money-back": true, "satisfaction": true, "price": true, "return": true, "returns": true,
	"refund": true, "no": true, "not": true, "any": true, "all": true, "at": true, "per": true, "free": true,
	"plus": true, "then": true, "than": true, "more": true, "less": true, "left": true, "remaining": true,
}

// brandWarrantyAfter reports a warranty named after the brand right after
// a duration: "1-year VoltMart warranty", "2-year Acme limited warranty".
// At most two words that are not stop words may stand between (after
// them, the modifiers warrantyAfterDurRe knows).
func brandWarrantyAfter(s string) bool {
	s = strings.TrimLeft(s, " -")
	for n := 0; n < 2; n++ {
		i := strings.IndexByte(s, ' ')
		if i <= 0 {
			return false
		}
		w := s[:i]
		if brandStopWords[w] || !brandWord(w) {
			return false
		}
		s = s[i+1:]
		if warrantyAfterDurRe.MatchString(s) {
			return true
		}
	}
	return false
}

// brandWord: letters, digits and inner "'", "&", "-", starting with a letter.
func brandWord(w string) bool {
	if w == "" || !isLetter(w[0]) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !isLetter(c) && !isDigit(c) && c != '\'' && c != '&' && c != '-' {
			return false
		}
	}
	return true
}
