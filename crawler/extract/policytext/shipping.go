package policytext

import (
	"math"
	"regexp"
	"strings"

	"github.com/cxbench/cxbench/signal"
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
// shipping."); absent for a bare banner ("Free shipping"). A 0 read from a
// plain statement is Implied: any threshold stated on the page beats it (it
// is often a footnote: "*Free shipping applies to the contiguous US"). A
// fee below an order value ("orders under $49 ship for a flat $6.95")
// states the threshold too, but never makes shipping free by itself.
// Between "free" and "delivery" one word outside the known modifiers may
// stand ("free SIM delivery"), never one that makes it something else
// ("free gift with delivery"); next-day or express is special unless the
// clause says every order.

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
		`\b(?:shipping|delivery|postage)\s*:\s*free\b|` +
		`\b(?:is|are|gets?|will be|comes?|arrives?)\s+(?:delivered|shipped|posted|sent|dispatched)\s+(?:to you\s+|to your door\s+)?(?:for free|free of charge|free|at no (?:extra |additional )?(?:cost|charge))\b|` +
		`\b(?:shipping|delivery|postage)\s+(?:is\s+|comes\s+)?(?:at no (?:extra |additional )?(?:cost|charge)|costs nothing|on the house|on us)\b|` +
		`\bno (?:charge|fee|cost) for (?:shipping|delivery|postage)\b|\bwe (?:cover|pay for|pay) (?:the )?(?:cost of )?(?:shipping|delivery|postage)(?: costs?| fees?)?\b|` +
		`\b(?:free|complimentary)\s+((?:[a-z][a-z0-9'-]*\s+){1,3}?)(?:shipping|delivery|postage)\b`)

	// shipWords: every alternative of freeShipRe names the shipping
	// with one of these.
	shipWords = []string{"ship", "deliver", "postage", "p&p", "p & p", "s&h", "freight", "posted", "sent", "dispatched"}

	shipNegRe = regexp.MustCompile(`\b(?:shipping|delivery|postage)\s+(?:is|are)\s+(?:never|not|no longer)\s+free\b|\bno free (?:shipping|delivery|postage)\b|` +
		`\bfree (?:shipping|delivery|postage) (?:is|are) (?:never|not|no longer) (?:available|offered|provided|possible)\b|` +
		`\b(?:shipping|delivery|postage)\s+(?:is|are)\s+(?:always\s+)?(?:charged|payable|added)\s+(?:on|to|for)\s+(?:every|all|each)\s+orders?\b`)

	// destinationRe: a negation limited to destinations ("We don't offer
	// free shipping to Australia") is special.
	destinationRe = regexp.MustCompile(`^\s*(?:\S+\s+){0,2}?(?:to|within|outside|for orders to|for deliveries to)\s+(?:the\s+)?[a-z]`)

	// referenceAfterRe: "the free standard delivery threshold still
	// applies" names the offer, it does not state it.
	referenceAfterRe = regexp.MustCompile(`^\s*(?:threshold|minimum|limit|eligibility|qualifying)\b`)

	shipModSpecialRe = regexp.MustCompile(`\b(?:express|next|next-day|overnight|priority|expedited|same-day|same|2-day|two-day|1-day|one-day|premium|fast|rapid|` +
		`international|returns?|exchanges?|member|members|vip|prime|plus|24h|24-hour)\b`)

	// speedModRe: modifiers of a faster service than standard, which an
	// explicit "on all orders" lifts ("free next-day delivery on every
	// order": nothing is cheaper than free).
	speedModRe = regexp.MustCompile(`\b(?:express|next|next-day|overnight|priority|expedited|same-day|same|2-day|two-day|1-day|one-day|premium|fast|rapid|24h|24-hour|working|working-day|next-working-day|next-business-day|day)\b`)

	// underFeeRe: "orders under $49 ship for a flat $6.95", "a $5 delivery
	// charge applies to baskets below £30": a fee below an order value
	// implies free shipping from that value.
	underFeeRe = regexp.MustCompile(`\b(?:ship|ships|shipping|deliver|delivered|delivery|postage|p&p|are charged|is charged|incur|incurs|will be charged|flat|fee|charge|cost|costs)\b`)

	specialShipRe = regexp.MustCompile(`\b(?:members?|membership|vip|prime|loyalty|rewards?|subscribers?|subscription|subscribe|insiders?|` +
		`first (?:order|purchase)|promo|promotional|coupon|voucher|(?:with|use|using|enter|apply) (?:the )?(?:promo |discount |coupon )?code|` +
		`limited time|today only|this weekend|this week|for a limited|ends|until|` +
		`select(?:ed)? (?:items|products|styles|lines)|certain (?:items|products)|some (?:items|products)|this (?:item|product)|` +
		`international|overseas|outside (?:the|of)|abroad|gift cards?|sale (?:items|products|styles)|clearance|oversized|bulky|large items|heavy items|` +
		`faults?|faulty|defective|warranty|repairs?|(?:this|the|each|individual|some|many|our) sellers?|sellers?'s?|sold by|marketplace|third[- ]party)\b`)
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

// shipModWord is one word of shipMod.
var shipModWordRe = regexp.MustCompile(`^` + shipMod + `$`)

// notFreeDeliveryWord may not stand between "free" and "delivery": "free
// gift with delivery", "free returns and delivery", "free assembly on
// delivery".
var notFreeDeliveryWord = map[string]bool{
	"with": true, "and": true, "or": true, "on": true, "for": true, "of": true, "to": true, "the": true,
	"a": true, "an": true, "your": true, "our": true, "gift": true, "gifts": true, "wrap": true, "wrapping": true,
	"installation": true, "install": true, "assembly": true, "setup": true, "set-up": true, "sample": true,
	"samples": true, "click": true, "collect": true, "store": true, "in-store": true, "pickup": true,
	"pick-up": true, "returns": true, "return": true, "exchange": true, "exchanges": true, "when": true,
	"if": true, "by": true, "from": true, "at": true, "in": true, "after": true, "before": true, "upon": true,
	"no": true, "not": true, "tracking": true, "insurance": true, "packaging": true, "removal": true,
	"recycling": true, "disposal": true, "haul-away": true, "unpacking": true, "consultation": true,
	"is": true, "are": true, "was": true, "be": true, "until": true, "till": true,
}

// freeWordsOK checks the words between "free" and "delivery" in the
// generic alternative: modifiers of shipMod and at most one other word
// ("free SIM delivery", "free doorstep delivery").
func freeWordsOK(mods string) bool {
	other := 0
	for _, w := range strings.Fields(mods) {
		if notFreeDeliveryWord[w] {
			return false
		}
		if !shipModWordRe.MatchString(w) && !speedModRe.MatchString(w) {
			other++
		}
	}
	return other <= 1
}

// Shipping-rate tables: a cell that says "Free" (or an amount of 0) in
// a table about shipping or delivery (by its caption, headers or the
// heading above it) is free shipping, read with its row and column
// headers: "£50 and over" gives the threshold, "Express" or "Next day"
// makes it special, "Click & collect" makes it no shipping at all. A table
// about returns is left to the return rules.
var (
	freeCellRe    = regexp.MustCompile(`^(?:free|free of charge|free shipping|free delivery|complimentary|no charge|included|gratis|(?:£|\$|€)\s?0(?:[.,]00?)?|0(?:[.,]00?)?\s?(?:£|\$|€|eur|usd|gbp))(?:\s*[*†]+)?(?:\s*[(\[][^)\]]{0,40}[)\]])?$`)
	shipWordRe    = regexp.MustCompile(`\b(?:shipping|delivery|deliveries|postage|p&p|shipments?|carriage|freight|courier|ship)\b`)
	pickupWordRe  = regexp.MustCompile(`\b(?:click (?:&|and) collect|collect(?:ion)?|pick ?-?up|in-store|in store|store pickup|locker)\b`)
	returnTableRe = regexp.MustCompile(`\breturn(?:s|ed|ing)?\b`)
	orderValueRe  = regexp.MustCompile(`\b(?:order|orders|basket|cart|value|total|subtotal|spend|purchase)\b`)
)

// tableFreeShipping reads a free cell of a shipping-rate table.
func tableFreeShipping(s *sentence, out *[]boolCand) {
	c := s.cell
	var cellThresh []float64
	if !freeCellRe.MatchString(strings.TrimRight(s.low, ".! ")) {
		// "€4.50 — free over €60": a price, and free from an order value.
		i := strings.Index(s.low, "free")
		if i < 0 || hyphenBefore(s.low, i) || negatedBefore(s.low, i) || notAfter(s.low[i+4:]) {
			return
		}
		if cellThresh = thresholds(s.low[i:]); len(cellThresh) == 0 {
			return
		}
	}
	context := c.row + " | " + c.col + " | " + c.caption + " | " + s.head
	if !shipWordRe.MatchString(context) || returnTableRe.MatchString(c.caption+" "+c.col+" "+s.head) {
		return
	}
	headers := c.row + " | " + c.col
	if pickupWordRe.MatchString(headers) {
		return
	}
	cand := boolCand{v: true, snippet: strings.TrimSpace(strings.Trim(c.col+", "+c.row, ", ")) + ": " + s.orig, thresh: -1}
	cand.special = s.headSpecial(specialShipRe) || hasSpecial(headers, specialShipRe) ||
		(shipModSpecialRe.MatchString(headers) || speedModRe.MatchString(headers)) && !allOrdersRe.MatchString(headers)
	for _, h := range []string{c.row, c.col} {
		if v, ok := cellThreshold(h, c.col+" "+c.caption); ok && (cand.thresh < 0 || v < cand.thresh) {
			cand.thresh = v
		}
	}
	if len(cellThresh) > 0 {
		cand.thresh = minOf(cellThresh)
		cand.special = cand.special || hasSpecial(s.low, specialShipRe)
	}
	if cand.thresh < 0 && allOrdersRe.MatchString(headers) {
		cand.all = true
	}
	*out = append(*out, cand)
}

// cellThreshold reads the order value from which a row or column applies:
// "Orders over £50", "£50+", "£50 and over", "£50.00 – £99.99" (the lower
// end of a range), or a bare amount under an order-value header.
func cellThreshold(h, header string) (float64, bool) {
	if th := thresholds(h); len(th) > 0 {
		v := th[0]
		for _, t := range th[1:] {
			v = math.Min(v, t)
		}
		return v, true
	}
	as := findAmounts(h)
	if len(as) == 0 || underBeforeRe.MatchString(tail(h[:as[0].start], 20)) {
		return 0, false
	}
	if len(as) >= 2 || orderValueRe.MatchString(header) {
		return as[0].v, true
	}
	return 0, false
}

// methodFreeRe: a shipping method named as a label, then "free" ("Standard
// (5–7 business days): free on orders $35 and up"), read where the
// heading or the page is about shipping.
var methodFreeRe = regexp.MustCompile(`^((?:` + shipMod + `\s+){0,2}` + shipMod + `)\s*(?:\([^)]{0,40}\)\s*)?[:–—-]\s*(?:always\s+)?(?:free|free of charge|complimentary)\b`)

// freeShipping reads free-shipping candidates from one sentence.
func freeShipping(s *sentence, kind string, out *[]boolCand) {
	low := s.low
	if s.cell != nil && s.label == 0 {
		tableFreeShipping(s, out)
	}
	if strings.Contains(low, "under") || strings.Contains(low, "below") || strings.Contains(low, "less than") {
		underThreshold(s, out)
	}
	if !strings.Contains(low, "free") && !strings.Contains(low, "complimentary") && !strings.Contains(low, "charged") && !strings.Contains(low, "no shipping") && !strings.Contains(low, "no delivery") &&
		!strings.Contains(low, "no postage") && !strings.Contains(low, "no c") && !strings.Contains(low, "no fee") && !strings.Contains(low, "at no") && !strings.Contains(low, "nothing") &&
		!strings.Contains(low, "on the house") && !strings.Contains(low, "on us") && !strings.Contains(low, "we cover") && !strings.Contains(low, "we pay") {
		return
	}
	if m := methodFreeRe.FindStringSubmatchIndex(low); m != nil && (kind == signal.KindShipping || shipWordRe.MatchString(s.head)) &&
		!negatedBefore(low, m[1]) && !notAfter(low[m[1]:]) {
		mods := low[m[2]:m[3]]
		cs := s.clauses()
		c := boolCand{v: true, snippet: s.orig, thresh: -1}
		c.special = s.headSpecial(specialShipRe) || shipModSpecialRe.MatchString(mods) || speedModRe.MatchString(mods) || s.regionSpecial(clauseAt(cs, m[1]-1), specialShipRe)
		if th := thresholds(low[m[1]:]); len(th) > 0 {
			c.thresh = minOf(th)
		} else if allOrdersRe.MatchString(low[m[1]:]) {
			c.all = true
		}
		*out = append(*out, c)
	}

	cs := s.clauses()
	headSpecial := func() bool { return s.headSpecial(specialShipRe) }
	var offers [][]int
	if containsAny(low, shipWords) {
		offers = freeShipRe.FindAllStringSubmatchIndex(low, maxPerSentence)
	}
	for _, m := range offers {
		if hyphenBefore(low, m[0]) {
			continue // "hassle-free delivery"
		}
		mods := ""
		switch {
		case m[2] >= 0:
			mods = low[m[2]:m[3]]
		case m[4] >= 0:
			mods = low[m[4]:m[5]]
		case m[6] >= 0:
			mods = low[m[6]:m[7]]
			if !freeWordsOK(mods) {
				continue
			}
		}
		ci := clauseAt(cs, m[0])
		reg, off := region(low, cs, ci)
		c := boolCand{v: true, snippet: s.orig, thresh: -1}
		modSpecial := shipModSpecialRe.MatchString(mods) || speedModRe.MatchString(mods)
		if modSpecial && !shipModSpecialRe.MatchString(speedModRe.ReplaceAllString(mods, " ")) && allOrdersRe.MatchString(reg) {
			modSpecial = false // "free next-day delivery on all orders"
		}
		c.special = headSpecial() || modSpecial || s.regionSpecial(ci, specialShipRe) ||
			shipModSpecialRe.MatchString(lastWord(strings.TrimRight(low[off:m[0]], " :"))) || // "Express shipping: free"
			onReturnsRe.MatchString(low[m[1]:])
		amounts := thresholds(reg)
		if referenceAfterRe.MatchString(low[m[1]:]) && len(findAmounts(head(low[m[1]:], 30))) == 0 {
			continue // names the offer without stating it
		}
		negated := negatedBefore(low, m[0]) || notAfter(low[m[1]:])
		if negated {
			// "Orders under $50 do not qualify for free shipping": free from $50.
			if u, ok := underAmount(reg); ok {
				c.thresh = u
				*out = append(*out, c)
				continue
			}
			c.v = false
			// "Free delivery is not available on sale items": a negation
			// limited to some goods is special (the "not" is not an
			// exclusion of the goods here); so is one limited to
			// destinations ("to Australia").
			c.special = c.special || specialShipRe.MatchString(reg) || destinationRe.MatchString(low[m[1]:])
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
		} else if wordCount(reg) >= 4 && len(findAmounts(reg)) == 0 && !condRe.MatchString(reg) &&
			!strings.Contains(low[off:], ":") {
			c.all, c.implied = true, true
		}
		*out = append(*out, c)
	}
	for _, m := range shipNegRe.FindAllStringIndex(low, maxPerSentence) {
		ci := clauseAt(cs, m[0])
		reg, _ := region(low, cs, ci)
		*out = append(*out, boolCand{v: false, snippet: s.orig, thresh: -1,
			special: headSpecial() || specialShipRe.MatchString(reg) || shipModSpecialRe.MatchString(reg)})
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

// underThreshold reads "orders under $49 ship for a flat $6.95" (a fee
// below an order value) as a free-shipping threshold of 49. It never makes
// free shipping true by itself (thrOnly).
func underThreshold(s *sentence, out *[]boolCand) {
	low := s.low
	if !underFeeRe.MatchString(low) {
		return
	}
	amounts := findAmounts(low)
	if len(amounts) < 2 && !strings.Contains(low, "fee") && !strings.Contains(low, "charge") {
		return // the fee itself is stated ("a flat $6.95") or named
	}
	cs := s.clauses()
	for _, a := range amounts {
		before := tail(low[:a.start], 30)
		if !underBeforeRe.MatchString(before) || a.v <= 0 || a.v > 100000 {
			continue
		}
		ci := clauseAt(cs, a.start)
		reg, _ := region(low, cs, ci)
		if !orderWordRe.MatchString(reg) || strings.Contains(reg, "free") || !underFeeRe.MatchString(reg) ||
			hasSpecial(reg, specialShipRe) || shipModSpecialRe.MatchString(reg) || s.headSpecial(specialShipRe) {
			continue
		}
		*out = append(*out, boolCand{v: true, thrOnly: true, snippet: s.orig, thresh: a.v})
		return
	}
}

// orderWordRe names an order value.
var orderWordRe = regexp.MustCompile(`\b(?:orders?|purchases?|baskets?|carts?|subtotals?|spend|totals?)\b`)
