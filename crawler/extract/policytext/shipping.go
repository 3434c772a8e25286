package policytext

import (
	"math"
	"regexp"
	"strings"
)

// Free shipping and its threshold.
//
// A free-shipping phrase ("free standard shipping", "delivery is free",
// "orders over $50 ship free", "no shipping fees") is positive evidence
// unless negated ("we do not offer free shipping", "free shipping is no
// longer available"). Free express / next-day shipping, free shipping for
// members or subscribers, with a promo code, on a first order, on select
// items, internationally or on returns and exchanges is special and never
// decides. The threshold is the smallest order value stated with a phrase
// ("on orders over $50", "spend €75", "orders of £40 or more", "$35+"); 0
// when the phrase says every order ("on all orders", "no minimum") or is a
// plain statement of at least four words with no condition ("We offer free
// shipping."); absent for a bare banner ("Free shipping").

const shipMod = `(?:standard|ground|regular|economy|economic|uk|us|u\.s\.|usa|domestic|nationwide|national|mainland|tracked|2nd|second|first|class|royal|mail|usps|home|` +
	`contiguous|continental|worldwide|global|international|express|next|next-day|day|business|overnight|priority|expedited|same-day|same|` +
	`2-day|two-day|1-day|one-day|\d+-day|\d+h|\d+-hour|premium|fast|rapid|super|saver|basic|local|courier|ups|fedex|dhl|canada|canadian|australia|australian|` +
	`eu|europe|european|u\.k\.|ireland|irish|returns?|exchanges?|and|&|member|members|vip|prime|plus|lower|48|contactless|doorstep|parcel|ground,)`

var (
	freeShipRe = regexp.MustCompile(`\b(?:free|complimentary)\s+((?:` + shipMod + `\s+){0,4})(?:shipping|delivery|postage|p&p|p & p|shipping & handling|s&h|freight)\b|` +
		`\b((?:` + shipMod + `\s+){0,3})(?:shipping|delivery|postage)\s+(?:is\s+|are\s+|will be\s+)?(?:always\s+|completely\s+|totally\s+|100%\s+|absolutely\s+|entirely\s+)?(?:free|free of charge|on us|complimentary)\b|` +
		`\bships?\s+(?:for\s+)?free\b|\bshipped\s+(?:for\s+)?free\b|` +
		`\bwe(?:'ll| will)?\s+(?:ship|deliver)\s+(?:\S+\s+){0,3}?(?:for free|free of charge|at no (?:extra |additional )?(?:cost|charge))\b|` +
		`\bno (?:shipping|delivery|postage) (?:fees?|charges?|costs?)\b|` +
		`\b(?:shipping|delivery|postage)\s*:\s*free\b`)

	shipNegRe = regexp.MustCompile(`\b(?:shipping|delivery|postage)\s+(?:is|are)\s+(?:never|not|no longer)\s+free\b|\bno free (?:shipping|delivery|postage)\b|` +
		`\bfree (?:shipping|delivery|postage) (?:is|are) (?:never|not|no longer) (?:available|offered|provided|possible)\b`)

	shipModSpecialRe = regexp.MustCompile(`\b(?:express|next|next-day|overnight|priority|expedited|same-day|same|2-day|two-day|1-day|one-day|premium|fast|rapid|` +
		`international|returns?|exchanges?|member|members|vip|prime|plus|24h|24-hour)\b`)

	specialShipRe = regexp.MustCompile(`\b(?:members?|membership|vip|prime|loyalty|rewards?|subscribers?|subscription|subscribe|insiders?|` +
		`first (?:order|purchase)|promo|promotional|coupon|voucher|(?:with|use|using|enter|apply) (?:the )?(?:promo |discount |coupon )?code|` +
		`limited time|today only|this weekend|this week|for a limited|ends|until|` +
		`select(?:ed)? (?:items|products|styles|lines)|certain (?:items|products)|some (?:items|products)|this (?:item|product)|` +
		`international|overseas|outside (?:the|of)|abroad|gift cards?)\b`)
	// onReturnsRe: "free shipping on returns and exchanges".
	onReturnsRe = regexp.MustCompile(`^\s*(?:on|for|of)\s+(?:all\s+|your\s+|any\s+)?(?:returns?|exchanges?)\b|^\s*back\b`)

	threshBeforeRe = regexp.MustCompile(`(?:over|above|of|from|exceeding|exceed|exceeds|totall?ing|worth|at least|more than|minimum(?: order| purchase| spend| basket)?(?: value| amount)?(?: of)?|` +
		`min\.?|threshold(?: is)?\s*:?|spend(?:ing)?|spend over|spend at least|purchases?|orders?|baskets?|carts?|subtotals?|>|≥|upwards of|in excess of|at|reach|reaches|hit|` +
		`over a|above a|of a)\s*(?:of\s*)?(?:just\s*|only\s*)?$`)
	threshAfterRe = regexp.MustCompile(`^\s*(?:\+|or more|or above|or over|and (?:up|above|over)|plus\b|and get|get\b|for free|to (?:get|qualify|unlock|receive|enjoy))`)
	underBeforeRe = regexp.MustCompile(`(?:under|below|less than|<)\s*$`)

	allOrdersRe = regexp.MustCompile(`\b(?:all|every|any|each)\s+(?:\S+\s+){0,2}?(?:orders?|purchases?|items|products)\b|\bno minimum\b|\beverything\b|\bsite-?wide\b|` +
		`\bregardless of (?:the )?(?:order )?(?:value|size|amount|total)\b|\bno matter (?:how much|the (?:order )?(?:size|value))|\bwithout (?:a )?minimum\b|\balways\b`)
	condRe = regexp.MustCompile(`\b(?:over|above|when|if|with|minimum|min|qualifying|qualify|eligible|select|selected|some|certain|first|code|spend|from|on orders|for orders)\b`)
)

// freeShipping reads free-shipping candidates from one sentence.
func freeShipping(s *sentence, out *[]boolCand) {
	low := s.low
	if !strings.Contains(low, "free") && !strings.Contains(low, "complimentary") && !strings.Contains(low, "no shipping") && !strings.Contains(low, "no delivery") &&
		!strings.Contains(low, "no postage") {
		return
	}
	cs := s.clauses()
	headSpecial := func() bool { return hasSpecial(s.head, specialShipRe) }
	for _, m := range freeShipRe.FindAllStringSubmatchIndex(low, maxPerSentence) {
		if hyphenBefore(low, m[0]) {
			continue // "hassle-free delivery"
		}
		mods := ""
		if m[2] >= 0 {
			mods = low[m[2]:m[3]]
		} else if m[4] >= 0 {
			mods = low[m[4]:m[5]]
		}
		ci := clauseAt(cs, m[0])
		reg, off := region(low, cs, ci)
		c := boolCand{v: true, snippet: s.orig, thresh: -1}
		c.special = headSpecial() || shipModSpecialRe.MatchString(mods) || hasSpecial(reg, specialShipRe) ||
			shipModSpecialRe.MatchString(lastWord(strings.TrimRight(low[off:m[0]], " :"))) || // "Express shipping: free"
			onReturnsRe.MatchString(low[m[1]:])
		amounts := thresholds(reg)
		negated := negatedBefore(low, m[0]) || notAfter(low[m[1]:])
		if negated {
			// "Orders under $50 do not qualify for free shipping": free from $50.
			if u, ok := underAmount(reg); ok {
				c.thresh = u
				*out = append(*out, c)
				continue
			}
			c.v = false
			*out = append(*out, c)
			continue
		}
		if len(amounts) > 0 {
			c.thresh = amounts[0]
			for _, a := range amounts[1:] {
				c.thresh = math.Min(c.thresh, a)
			}
		} else if allOrdersRe.MatchString(reg) {
			c.all = true
		} else if len(strings.Fields(low)) >= 4 && len(findAmounts(reg)) == 0 && !condRe.MatchString(reg) &&
			!strings.Contains(low[off:], ":") {
			c.all = true
		}
		*out = append(*out, c)
	}
	for _, m := range shipNegRe.FindAllStringIndex(low, maxPerSentence) {
		ci := clauseAt(cs, m[0])
		reg, _ := region(low, cs, ci)
		*out = append(*out, boolCand{v: false, snippet: s.orig, thresh: -1,
			special: headSpecial() || hasSpecial(reg, specialShipRe) || shipModSpecialRe.MatchString(reg)})
	}
}

// thresholds returns the order values stated as a free-shipping condition
// in reg.
func thresholds(reg string) []float64 {
	var out []float64
	for _, a := range findAmounts(reg) {
		before := tail(reg[:a.start], 40)
		if underBeforeRe.MatchString(before) {
			continue
		}
		if threshBeforeRe.MatchString(before) || threshAfterRe.MatchString(reg[a.end:]) {
			if a.v >= 0 && a.v <= 100000 {
				out = append(out, a.v)
			}
		}
	}
	if len(out) == 0 {
		for _, m := range bareAmountRe.FindAllStringSubmatchIndex(reg, maxPerSentence) {
			if v, ok := parseAmount(reg[m[2]:m[3]]); ok && v > 0 && v <= 100000 {
				out = append(out, v)
			}
		}
	}
	return out
}

// underAmount finds "under $50" in reg.
func underAmount(reg string) (float64, bool) {
	for _, a := range findAmounts(reg) {
		if underBeforeRe.MatchString(tail(reg[:a.start], 20)) && a.v > 0 && a.v <= 100000 {
			return a.v, true
		}
	}
	return 0, false
}
