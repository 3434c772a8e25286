package policytext

import (
	"math"
	"regexp"
	"strings"
)

// Price match.
//
// True on a price-match or price-beat offer ("price match guarantee", "we'll
// match any lower price", "we beat any price", "lowest price guarantee");
// false (Negative) when such an offer is negated ("we do not price match",
// "price matching is not available"). A full-sentence offer wins over a
// negation, and a negation over a bare heading ("Price match").

var (
	priceMatchRe = regexp.MustCompile(`\bprice[- ]?match(?:ing|ed|es)?\b|\bprice[- ]?beat(?:ing)?\b|` +
		`\bbeat (?:any|a|the|their|our competitors'?|competitors'?|any competitor'?s?'?) (?:\S+ )?(?:prices?|quotes?|offers?)\b|` +
		`\bmatch (?:any|a|the|their|our competitors'?|competitors'?|a competitor'?s?'?) (?:lower|cheaper|competitor'?s?'?|advertised|competing|better|lowest)(?: \S+)? (?:prices?|offers?|quotes?)\b|` +
		`\b(?:lowest|best) price (?:guarantee|guaranteed|promise|pledge)\b`)
	// matchItRe: "found it cheaper? we'll match it" needs a price cue.
	matchItRe    = regexp.MustCompile(`\bwe(?:'ll| will)? (?:happily |gladly )?(?:match|beat) (?:it|that|the price|their price|the difference)\b|\brefund the difference\b`)
	priceCueRe   = regexp.MustCompile(`\b(?:cheaper|lower|lowest|less|price|prices|priced)\b`)
	noMatchRe    = regexp.MustCompile(`\bwe (?:do not|don't|cannot|can't|are unable to|no longer|are not able to|won't|will not) (?:match|beat) (?:\S+ ){0,3}?(?:prices?|offers?)\b`)
	priceGuarRe  = regexp.MustCompile(`\bprice (?:guarantee|promise|protection)\b`)
	priceGuarCue = regexp.MustCompile(`\b(?:cheaper|lower price|match|beat|difference)\b`)
)

type presCand struct {
	v       bool
	weak    bool // a bare heading or label
	snippet string
}

func priceMatch(s *sentence, out *[]presCand) {
	low := s.low
	// Every pattern below needs "match" or "beat" ("price match", "we'll
	// beat it"), a price guarantee, promise, pledge or protection, or "the
	// difference".
	if !strings.Contains(low, "match") && !strings.Contains(low, "beat") && !strings.Contains(low, "price g") &&
		!strings.Contains(low, "price p") && !strings.Contains(low, "the difference") {
		return
	}
	weak := wordCount(low) <= 4
	for _, m := range priceMatchRe.FindAllStringIndex(low, maxPerSentence) {
		neg := negatedBefore(low, m[0]) || notAfter(low[m[1]:])
		*out = append(*out, presCand{v: !neg, weak: (weak || m[0] < s.label) && !neg, snippet: s.orig})
	}
	if matchItRe.MatchString(low) && (priceCueRe.MatchString(low) || priceCueRe.MatchString(s.prev)) &&
		!negatedBefore(low, matchItRe.FindStringIndex(low)[0]) {
		*out = append(*out, presCand{v: true, weak: weak, snippet: s.orig})
	}
	if m := priceGuarRe.FindStringIndex(low); m != nil && priceGuarCue.MatchString(low) && !negatedBefore(low, m[0]) {
		*out = append(*out, presCand{v: true, weak: weak, snippet: s.orig})
	}
	if noMatchRe.MatchString(low) {
		*out = append(*out, presCand{v: false, snippet: s.orig})
	}
}

// Loyalty programme.
//
// A named programme ("loyalty program", "rewards club", "points scheme",
// "VIP tier"), points to earn or redeem ("earn points on every purchase",
// "redeem your points"), an invitation to join one ("join our rewards
// club", "become a member and save"), member benefits ("members get early
// access", "member prices") or a free membership for customers. Marketing
// fluff ("reward yourself"), "award-winning", pick-up or collection points,
// team members and staff memberships do not count; negated mentions give
// nothing, and an explicit "we don't have a loyalty programme" (or a "No"
// answering a question about one) is Negative.

var (
	loyaltyRe = regexp.MustCompile(`\b(?:loyalty|rewards?|reward points|points|vip|insiders?|membership|members'?|frequent (?:buyer|shopper|flyer)|customer club|perks)\s+` +
		`(?:program(?:me)?s?|club|scheme|card|tiers?|status|perks|benefits|points|rewards|levels?|membership)\b|` +
		`\b(?:earn|collect|accumulate|redeem|spend|use)\s+(?:up to\s+)?(?:(?:\d+[x×]?|double|triple|bonus|extra|loyalty|reward|rewards|your|more|store|reward)\s+)*(?:points|rewards points|loyalty points|stamps|cashback|cash back)\b|` +
		`\bearn\s+(?:\S+\s+){0,2}?rewards\b|` +
		`\b\d+\s+points?\s+(?:for|per|on)\s+(?:every|each|\$|£|€|\d)|\bearns?\s+(?:up to\s+)?\d+\s+points?\b|\bpoints (?:on|for|with) (?:every|each|all) (?:purchase|order|dollar|pound|euro|\$|£|€)|` +
		`\bjoin\s+(?:\S+\s+){0,3}?(?:rewards|loyalty|club|program(?:me)?|vip|membership|insiders|perks)\b|` +
		`\bvip\s+(?:members?|customers|program(?:me)?|club|tiers?|access|rewards|perks|levels?|status)\b|` +
		`\bmember(?:s'|-only|s-only|s only)?\s+(?:prices?|pricing|discounts?|deals|exclusives?|offers|savings|days|perks|benefits|rewards)\b|` +
		`\bmembers\s+(?:get|enjoy|earn|receive|save|unlock)\b|\b(?:unlock|exclusive|member|members')\s+(?:\S+\s+)?(?:rewards|perks)\b`)
	notLoyaltyBeforeRe = regexp.MustCompile(`\b(?:team|staff|crew|board|family|faculty|community|society|panel|committee|union|press|our)\s+$`)
)

func loyalty(s *sentence, out *[]presCand) {
	low := s.low
	if !containsAny(low, loyaltyGate) {
		return
	}
	if othersRe.MatchString(low) || othersRe.MatchString(s.head) || priceMatchRe.MatchString(s.title) {
		return // "We don't match Costco or Amazon Prime member prices": others' programmes
	}
	for _, m := range loyaltyRe.FindAllStringIndex(low, maxPerSentence) {
		match := low[m[0]:m[1]]
		if strings.HasPrefix(match, "member") && notLoyaltyBeforeRe.MatchString(low[:m[0]]) {
			continue
		}
		if negatedBefore(low, m[0]) || notAfter(low[m[1]:]) {
			continue
		}
		*out = append(*out, presCand{v: true, snippet: s.orig})
		return
	}
	for _, m := range membershipRe.FindAllStringIndex(low, maxPerSentence) {
		if staffRe.MatchString(low) {
			break // "staff enjoy a free gym membership"
		}
		if negatedBefore(low, m[0]) || notMembershipAfterRe.MatchString(low[m[1]:]) {
			continue
		}
		*out = append(*out, presCand{v: true, snippet: s.orig})
		return
	}
	if noLoyaltyRe.MatchString(low) {
		*out = append(*out, presCand{v: false, snippet: s.orig})
	}
}

var (
	loyaltyGate = []string{"point", "reward", "loyal", "member", "vip", "club", "insider", "perks", "cash", "frequent", "stamp"}

	// membershipRe: a membership offered to customers ("our free
	// membership", "become a member and save").
	membershipRe = regexp.MustCompile(`\b(?:free|complimentary|no-cost|annual|paid|our)\s+(?:\S+\s+)?membership\b|` +
		`\bbecome a (?:member|vip|insider)\b|\b(?:sign up|signing up|enrol|enroll|register) for (?:our |a )?(?:free )?membership\b|\bmembership (?:is free|gives|includes|entitles|unlocks|comes with)\b`)
	// notMembershipAfterRe: memberships that are not a customer programme.
	notMembershipAfterRe = regexp.MustCompile(`^\s*(?:of|in) (?:our|the|a|an) (?:\S+ )?(?:team|staff|crew|board|union|committee|society|association|community forum|forum)\b|^\s*(?:of|in) (?:the )?(?:bbb|chamber|federation)\b`)

	staffRe = regexp.MustCompile(`\b(?:staff|employees?|team members|colleagues|careers?|jobs?|hiring|volunteers?)\b`)

	// othersRe: a sentence about other retailers' offers (a price-match
	// page's exclusions), whose memberships are not the shop's.
	othersRe = regexp.MustCompile(`\b(?:price[- ]?match(?:ing|es)?|match(?:ing)? (?:any|a|the|their|competitors?'?s?|other)|competitors?'?s?|other (?:retailers?|stores?|shops?|sellers?|websites?)|warehouse clubs?|costco|amazon prime|sam's club|bj's)\b`)

	// noLoyaltyRe: an explicit "we have no loyalty programme".
	noLoyaltyRe = regexp.MustCompile(`\b(?:we|i)\s+(?:currently\s+|presently\s+)?(?:do not|don't|dont|no longer|currently don't|currently do not|don't currently|do not currently)\s+(?:currently\s+)?(?:have|offer|run|operate|provide)\s+(?:a\s+|an\s+|any\s+)?` +
		`(?:customer\s+)?(?:loyalty|rewards?|points|vip|membership|frequent (?:buyer|shopper))\s+(?:program(?:me)?s?|schemes?|clubs?|cards?)\b|` +
		`\bno (?:loyalty|rewards?|points|vip) (?:program(?:me)?s?|schemes?|clubs?|cards?)\b|` +
		`\b(?:loyalty|rewards?|points|vip) (?:program(?:me)?|scheme|club|card)s? (?:is|are) not (?:available|offered)\b`)
)

// Rating from prose.
//
// A rating value needs a scale ("4.8 out of 5", "4.7/5", "9.2/10"), stars
// ("4.6 stars") or a rating word before it ("rated", "average", "TrustScore",
// "Excellent 4.9"). The count is a number of reviews, ratings or customers
// in the same sentence ("by 3,210 customers", "(1,204 reviews)", "| 12,345
// reviews"), or a bare number in brackets right after the value. A value
// needs a count, or a fraction ("4.8"), or an aggregate word ("average",
// "overall", "customers") - a bare "5 out of 5" is one person's review.
// Values are normalised to 0-5 (value/best*5). Of several ratings on a page
// the one with the largest count is kept.

const ratingVal = `(\d{1,2}(?:[.,]\d{1,2})?)`

var (
	ratingScaleRe = regexp.MustCompile(`\b` + ratingVal + `(?:\s*/\s*|\s+out\s+of\s+|\s+of\s+)(5|10|100)(?:[.,]0+)?\b(?:\s*stars?)?`)
	ratingStarsRe = regexp.MustCompile(`\b` + ratingVal + `\s*(?:stars?\b|★|⭐)`)
	ratingWordRe  = regexp.MustCompile(`\b(?:rated|rating(?:\s+of)?|average(?:\s+(?:customer\s+)?rating)?(?:\s+of)?|avg\.?(?:\s+rating)?|trustscore|trust score|score(?:\s+of)?|` +
		`overall(?:\s+rating)?(?:\s+of)?|excellent|great|very good|superb|outstanding|rate us|gave us|give us)\s*(?::|is|of|=|-|at)?\s*(?:of\s+|an?\s+)?` +
		ratingVal + `(?:\s|$|[|(,;·•.-])`)
	ratingCountRe = regexp.MustCompile(`(` + countTok + `)\s*\+?\s*(?:(?:verified|genuine|independent|customer|google|trustpilot|product|real|happy|satisfied|5-star|five-star|total|global)\s+)*` +
		`(?:reviews?|ratings?|customers?|buyers?|shoppers?|votes?|opinions?|testimonials?|clients?|users?|reviewers?|guests?|members?|patients?|diners?|travell?ers?|people)\b`)
	// ratingByCountRe: "by 3,412 families", "by over 900 happy guests":
	// any plural noun after "by" and a number is who rated.
	ratingByCountRe     = regexp.MustCompile(`\b(?:by|from)\s+(?:over\s+|more than\s+|nearly\s+|almost\s+|around\s+|about\s+|some\s+|roughly\s+)?(` + countTok + `)\s*\+?\s+(?:([a-z][a-z'-]*)\s+)?([a-z][a-z'-]*s)\b`)
	ratingFillerCountRe = regexp.MustCompile(`(` + countTok + `)\s*\+?\s+([a-z][a-z-]*)\s+(?:reviews|ratings)\b`)
	ratingParenCountRe  = regexp.MustCompile(`^\s*(?:stars?\s*)?[(\[]\s*(` + countTok + `)\s*[)\]]`)
	aggregateWordRe     = regexp.MustCompile(`\b(?:average|overall|customers|reviews|ratings|trustscore|trust score|trustpilot|feefo|reviews\.io|google|yotpo|bazaarvoice|rate us)\b`)
	companyRatingRe     = regexp.MustCompile(`\b(?:trustpilot|trustscore|trust score|feefo|reviews\.io|google|our customers|customers rate|rate us|service|shop|store)\b`)
	ratingBadAfterRe    = regexp.MustCompile(`^\s*(?:%|percent|-star|x\b|\d)`)
)

// MaxReviewCount is the largest believable count of reviews: longer digit
// runs are identifiers (ISBN, SKU, phone numbers). Structured data is held
// to it too.
const MaxReviewCount = 50_000_000

// notRaterNoun are plural nouns after "by N" that are not people who rated
// ("by 2 years", "by 10 points").
var notRaterNoun = map[string]bool{
	"days": true, "weeks": true, "months": true, "years": true, "hours": true, "minutes": true, "seconds": true,
	"nights": true, "stars": true, "points": true, "percent": true, "times": true, "standards": true, "levels": true,
	"places": true, "positions": true, "ranks": true, "miles": true, "units": true, "items": true,
	"products": true, "orders": true, "dollars": true, "pounds": true, "euros": true, "cents": true, "pieces": true,
	"steps": true, "notches": true, "degrees": true, "kms": true, "kilometres": true, "kilometers": true,
}

// notFillerWord may not stand between a count and "reviews": "30 days of
// reviews" is no count.
var notFillerWord = map[string]bool{
	"of": true, "and": true, "or": true, "the": true, "a": true, "an": true, "to": true, "for": true, "in": true,
	"on": true, "with": true, "by": true, "from": true, "at": true, "our": true, "your": true, "their": true,
	"days": true, "weeks": true, "months": true, "years": true, "hours": true, "minutes": true, "stars": true,
	"star": true, "out": true, "more": true, "new": true, "recent": true, "latest": true, "last": true, "first": true,
	"top": true, "negative": true, "positive": true, "bad": true, "good": true, "critical": true,
}

// countNounGate: ratingCountRe needs one of these nouns.
var countNounGate = []string{"review", "rating", "customer", "buyer", "shopper", "vote", "opinion", "testimonial", "client"}

// yearLike reports a bare four-digit year ("by 2024 standards").
func yearLike(num string) bool {
	return len(num) == 4 && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20"))
}

type ratingCand struct {
	value, count float64
	hasCount     bool
	company      bool
	snippet      string
}

// countOnlyRe: a block that is only a count of reviews ("Reviews 9,870",
// "Total ratings: 1,204", "2,310 reviews").
var countOnlyRe = regexp.MustCompile(`^(?:total\s+|all\s+)?(?:reviews?|ratings?|votes?)\s*[:|·•-]?\s*(` + countTok + `)()$|^()(` + countTok + `)\s*(?:reviews?|ratings?|votes?)$`)

// employerRe: ratings by employees (Glassdoor) are not customer ratings.
var employerRe = regexp.MustCompile(`\b(?:employees?|staff|glassdoor|indeed|comparably|kununu|great place to work|work(?:ing)? (?:here|at|for us))\b`)

func rating(s *sentence, out *[]ratingCand) {
	low := s.low
	hasDigit := strings.IndexAny(low, "0123456789") >= 0
	if !hasDigit || (!strings.Contains(low, "out of") && !strings.Contains(low, "/") && !strings.Contains(low, "star") &&
		!strings.Contains(low, "★") && !strings.Contains(low, "⭐") && !strings.Contains(low, "rat") && !strings.Contains(low, "average") &&
		!strings.Contains(low, "score") && !strings.Contains(low, "excellent") && !strings.Contains(low, "great") &&
		!strings.Contains(low, "good") && !strings.Contains(low, "superb") && !strings.Contains(low, "outstanding") &&
		!strings.Contains(low, "avg") && !strings.Contains(low, "gave") && !strings.Contains(low, "give")) {
		return
	}
	if employerRe.MatchString(low) {
		return
	}
	type val struct {
		start, end int
		v, best    float64
	}
	var vals []val
	for _, m := range ratingScaleRe.FindAllStringSubmatchIndex(low, maxPerSentence) {
		v, ok := parseNum(low[m[2]:m[3]])
		best, ok2 := parseNum(low[m[4]:m[5]])
		if ok && ok2 && (!ratingBadAfterRe.MatchString(low[m[1]:]) || strings.HasSuffix(low[:m[1]], "star") || strings.HasSuffix(low[:m[1]], "stars")) &&
			!strings.HasSuffix(tail(low[:m[0]], 1), "/") {
			vals = append(vals, val{m[0], m[1], v, best})
		}
	}
	if len(vals) == 0 {
		for _, m := range ratingStarsRe.FindAllStringSubmatchIndex(low, maxPerSentence) {
			if v, ok := parseNum(low[m[2]:m[3]]); ok {
				vals = append(vals, val{m[0], m[1], v, 5})
			}
		}
	}
	if len(vals) == 0 {
		for _, m := range ratingWordRe.FindAllStringSubmatchIndex(low, maxPerSentence) {
			if ratingBadAfterRe.MatchString(low[m[3]:]) {
				continue
			}
			if v, ok := parseNum(low[m[2]:m[3]]); ok {
				vals = append(vals, val{m[2], m[3], v, 5})
			}
		}
	}
	if len(vals) == 0 {
		return
	}
	var counts [][]int
	if containsAny(low, countNounGate) {
		counts = ratingCountRe.FindAllStringSubmatchIndex(low, maxPerSentence)
		if strings.Contains(low, "reviews") || strings.Contains(low, "ratings") {
			// "58 written reviews", "312 global ratings".
			for _, m := range ratingFillerCountRe.FindAllStringSubmatchIndex(low, maxPerSentence) {
				if !notFillerWord[low[m[4]:m[5]]] {
					counts = append(counts, m[:4])
				}
			}
		}
	}
	if strings.Contains(low, "by ") {
		for _, m := range ratingByCountRe.FindAllStringSubmatchIndex(low, maxPerSentence) {
			num, noun := low[m[2]:m[3]], low[m[6]:m[7]]
			if notRaterNoun[noun] || (m[4] >= 0 && notRaterNoun[low[m[4]:m[5]]]) || yearLike(num) {
				continue
			}
			counts = append(counts, []int{m[2], m[1], m[2], m[3]})
		}
	}
	for _, v := range vals {
		if v.v <= 0 || v.v > v.best || v.start < s.label {
			continue // a value in a label is read in the label's own sentence
		}
		c := ratingCand{value: math.Round(v.v/v.best*5*1000) / 1000, snippet: s.orig}
		best := -1
		for _, m := range counts {
			if (m[0] < v.end && m[1] > v.start) || m[0] < s.label {
				continue // the count overlaps the value, or belongs to the label
			}
			dist := m[0] - v.end
			if m[1] <= v.start {
				dist = v.start - m[1]
			}
			if dist > 80 {
				continue
			}
			if m[2] > 0 && (isDigit(low[m[2]-1]) || low[m[2]-1] == '-') {
				continue // the tail of a longer number (an ISBN, a phone number)
			}
			if n, ok := parseCount(low[m[2]:m[3]]); ok && n > 0 && n <= MaxReviewCount && (best < 0 || dist < best) {
				c.count, c.hasCount, best = n, true, dist
			}
		}
		if !c.hasCount {
			if m := ratingParenCountRe.FindStringSubmatch(low[v.end:]); m != nil {
				if n, ok := parseCount(m[1]); ok && n > 0 {
					c.count, c.hasCount = n, true
				}
			}
		}
		if !c.hasCount && v.v == math.Trunc(v.v) && !aggregateWordRe.MatchString(low) {
			continue
		}
		c.company = companyRatingRe.MatchString(low)
		*out = append(*out, c)
	}
}
