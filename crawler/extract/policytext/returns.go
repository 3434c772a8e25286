package policytext

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cxbench/cxbench/signal"
)

// Return windows.
//
// A duration is a return window when its clause (or the clause before it,
// across a comma) names a return ("return", "send it back", "money-back",
// "trial", "withdraw"), nothing in its own clause makes it a processing,
// transit, reporting or cancellation time, and it is not a range ("refunds
// take 5-7 days"). Windows that only apply to some goods or customers (sale,
// clearance, opened or faulty items, members, holidays, "extended") are
// special: they never set the ordinary window. The result is the largest
// ordinary window, at most three years.
//
// An explicit general refusal ("we do not accept returns", "all sales are
// final") with no qualifier and no duration gives 0 days (Negative), but
// only when the page states no ordinary window at all. So does a refusal of
// change-of-mind returns ("we are unable to accept returns if you simply
// change your mind"): only faulty goods may then come back, and their
// window is special. "Refunds are made within 14 days of receiving the
// returned goods" is a processing time, not a window.

var (
	// returnCueRe names a return in a clause.
	returnCueRe = regexp.MustCompile(`\breturn(?:s|ed|ing|able)?\b|\bmoney[- ]?back\b|\bsatisfaction guarantee|` +
		`\bsend(?:ing)? (?:\S+ ){0,3}?back\b|\bship(?:s|ped|ping)? (?:\S+ ){0,2}?back\b|\bbring (?:\S+ ){0,2}?back\b|` +
		`\bwithdraw(?:al)?\b|\bcooling[- ]off\b|\brefund (?:policy|guarantee|window|period)\b|\bchange your mind\b|` +
		`\b(?:exchanges?|refunds?) (?:or|and|&|/) (?:exchanges?|refunds?)\b`)

	// trialCueRe: a trial counts when it is in nights ("100-night trial") or
	// risk-free / at home / backed by returns.
	trialCueRe = regexp.MustCompile(`\b(?:trial|try|test|sleep on)\b`)
	riskFreeRe = regexp.MustCompile(`\b(?:risk[- ]free|in[- ]home|at home|home trial|no[- ]risk|money[- ]back|return|refund)`)

	// windowVetoRe makes a duration in the same clause something other than
	// a return window.
	windowVetoRe = regexp.MustCompile(`\b(?:process(?:ed|es|ing)?|issue[sd]?|credited|respond(?:s|ed)?|repl(?:y|ies|ied)|get back to you|appear(?:s)?|reflect(?:ed)?|inspect(?:ed|ion|s)?|` +
		`allow|arrive[sd]?|reach(?:es)? (?:us|our)|in transit|transit|deliver(?:ed|s)?|dispatch(?:ed)?|` +
		`(?:takes?|taking|took) (?:up to |about |around |approximately |roughly |usually |typically |generally |only |just |between |from )*(?:\d|an? |one|two|three|four|five|six|seven|eight|nine|ten|fourteen|twenty|thirty)|` +
		`ship(?:s|ped)?|shipping time|cancel(?:led|ed|lation|lations|s)?|report(?:ed)?|claims?|` +
		`labels? (?:is |are |will be )?(?:valid|active|expire)|expire[sd]?|refunded|we (?:will |'ll )?refund|receive (?:your |a |the )?(?:refund|credit|money)|` +
		`we (?:have )?receive[sd]?|we've received|we get|once received|upon receipt|receipt of (?:your|the) return|receiving (?:your|the) return|` +
		`repair(?:ed|s)?|test(?:ed|s)?|assess(?:ed|es)?|examine[sd]?|check(?:ed|s)?|diagnose[sd]?|evaluate[sd]?|exchange[sd]? (?:are|is|will be) (?:processed|sent|shipped)|` +
		`service (?:ends?|ending|end date)|end of (?:your |the )?(?:service|contract|subscription|rental|lease)|` +
		`refunds? (?:are|is|will be|shall be|can be|gets?) (?:usually |normally |typically |generally |always |then )?(?:made|paid(?: out)?|sent|given|completed|provided|transferred|returned))\b`)

	// historyBeforeRe / historyAfterRe: a duration that is the age of the
	// business ("in business for 30 years", "30 years of experience").
	historyBeforeRe = regexp.MustCompile(`\b(?:business for|in business|founded|since|for over|for more than|established|trading for|been around for|serving (?:\S+ ){0,3}for)\s*(?:over\s+|more than\s+|almost\s+|nearly\s+)?$`)
	historyAfterRe  = regexp.MustCompile(`^\s*(?:of (?:experience|expertise|history|trading|service)|in business|ago|old|young|strong)\b`)

	// anchorRe is the start of a return window ("of delivery", "from the
	// date of purchase"); it is removed before the veto check so that "of
	// delivery" is not read as a delivery time.
	anchorRe = regexp.MustCompile(`\b(?:of|from|after|following|since|upon)\s+(?:the\s+)?(?:date\s+(?:of\s+)?)?(?:your\s+|the\s+|their\s+)?(?:original\s+)?` +
		`(?:purchase|delivery|receipt|receiving|shipment|dispatch|invoice|order(?:\s+date)?|purchase date|delivery date|arrival|` +
		`being (?:delivered|received|shipped)|(?:it|they|items?|the items?|your (?:order|item|items|parcel)) (?:was|were|is|are|has been|have been) (?:delivered|received|shipped)|` +
		`the (?:day|date) (?:you|it|they) (?:receive[sd]?|arrived?|(?:was|were) delivered)(?: (?:it|them|your (?:order|item|items|parcel|goods)))?|` +
		`you (?:receive[sd]?|got)(?: (?:it|them|your (?:order|item|items|parcel|goods|purchase)))?)\b`)

	// specialReturnRe marks windows or costs that only apply to some goods
	// or customers.
	specialReturnRe = regexp.MustCompile(`\b(?:sale|sales items?|clearance|discount(?:ed)?|outlet|final[- ]sale|electronics?|opened|open[- ]box|unsealed|software|` +
		`personali[sz]ed|customi[sz]ed|custom|custom[- ]made|made[- ]to[- ]order|engraved|perishable|hygiene|underwear|swimwear|earrings|` +
		`faulty|defective|damaged?|broken|wrong|incorrect|our (?:error|mistake)|marketplace|third[- ]party|` +
		`members?|membership|vip|loyalty|rewards?|premium|elite|insiders?|holidays?|christmas|xmas|festive|black friday|cyber monday|seasonal|` +
		`gifts?|extended|extends?|(?:in|during|between|from|after|before|until)\s+(?:\d{1,2}\s+)?(?:november|december|january)|` +
		`international|overseas|outside (?:the|of)|abroad|business customers|trade customers|wholesale|` +
		`loan(?:ed)?|on loan|rental|rented|lease[d]?|hired|(?:this|the|each|individual) sellers?|sellers?'s?|sold by)\b`)

	// exceptBeforeRe: a qualifier right after these words is an exclusion,
	// not a restriction ("all items except sale items").
	exceptBeforeRe = regexp.MustCompile(`(?:\bexcept(?: for)?|\bexcluding|\bother than|\bapart from|\bnot including|\bwith the exception of|\bnon-?|\bnot (?:on )?)\s*(?:\S+\s+){0,2}$`)

	// noReturnsRe: a general refusal of returns.
	noReturnsRe = regexp.MustCompile(`\b(?:(?:we|i|we're|we are)\s+(?:do not|don't|dont|cannot|can't|can not|no longer|are unable to|unable to|are not able to|not able to|will not|won't)\s+(?:accept|offer|take|allow|process|do|provide)\s+(?:any\s+)?returns?|` +
		`returns?\s+(?:are|is)\s+not\s+(?:accepted|possible|allowed|permitted|available|offered)|no returns?(?:\s+(?:or|and|&)\s+(?:exchanges?|refunds?))?|` +
		`all sales are final|all items are final sale|all purchases are final|(?:items|products|orders) cannot be returned)\b`)
	// changeOfMindRe: ordinary returns refused ("we're unable to accept
	// returns if you simply change your mind", "we do not accept returns
	// for change of mind", "no change-of-mind returns"). Only a match that
	// names the change of mind counts (see changeOfMind).
	changeOfMindRe = regexp.MustCompile(`\b(?:we|we're|i)\s+(?:do not|don't|dont|cannot|can't|can not|are unable to|unable to|are not able to|not able to|will not|won't|no longer)\s+` +
		`(?:accept|offer|take|allow|process|provide|give|do)\s+(?:any\s+)?(?:change[- ]of[- ]mind\s+)?(?:returns?|refunds?|exchanges?)(?:\s+(?:or|and|&)\s+(?:returns?|refunds?|exchanges?))?` +
		`(?:\s+(?:if|when|where|because|just because|simply because|for|on|due to|based on)\s+(?:\S+\s+){0,3}?(?:chang(?:e|ed|es|ing)\s+(?:your|their|of)\s+mind|change[- ]of[- ]mind))?\b|` +
		`\bno change[- ]of[- ]mind returns?\b|\bchange[- ]of[- ]mind returns? (?:are|is) not (?:accepted|possible|allowed|permitted|available|offered)\b|` +
		`\breturns? for (?:a )?change of mind (?:are|is) not (?:accepted|possible|allowed|permitted|available|offered)\b`)

	// goneByRe / refundWordRe: "If 30 days have gone by since your
	// purchase, we can't offer you a refund or exchange."
	goneByRe     = regexp.MustCompile(`^\s*(?:have|has) (?:gone by|passed|elapsed) since\b`)
	refundWordRe = regexp.MustCompile(`\b(?:refund|exchange|return)`)

	// shipBackRe is sending goods back, not a shipping time.
	shipBackRe = regexp.MustCompile(`\bship(?:s|ped|ping)? (?:\S+ ){0,2}?back\b`)

	noReturnsQualRe = regexp.MustCompile(`^\s*(?:on|of|for|after|unless|without|if|once|beyond|past|outside|from|that|which|where|to|in|at|by|within|when|` +
		`fees?|charges?|costs?|labels?|shipping|postage|policy|window|period|questions|hassle|problems?|needed|necessary|required|address|form)\b`)
)

type retCand struct {
	days    float64
	special bool
	// statutory: the legal withdrawal or cancellation right (EU 14 days,
	// UK cooling-off), the shop's window only when it states no other.
	statutory bool
	snippet   string
}

// returnWindows reads return-window candidates from one sentence.
func returnWindows(s *sentence, kind string, out *[]retCand, zero *[]string) {
	low := s.low
	askedHowLong, askedReturn := s.askedReturn()
	if !askedHowLong && !askedReturn && !containsAny(low, returnGate) {
		return
	}
	if changeOfMind(low) {
		*zero = append(*zero, s.orig)
	}
	durs := s.durations()
	if len(durs) == 0 {
		if !strings.Contains(low, "return") && !strings.Contains(low, "final") {
			return
		}
		// A refusal is general unless its own clause (or heading) names some
		// goods: "Perishable items cannot be returned" is special, "Fresh
		// flowers are perishable, so we're unable to accept returns" is
		// the shop's policy.
		if m := noReturnsRe.FindStringIndex(low); m != nil && !noReturnsQualRe.MatchString(low[m[1]:]) &&
			!ownSpecial(low, m[0], specialReturnRe) && !s.headSpecial(specialReturnRe) && !negatedBefore(low, m[0]) {
			*zero = append(*zero, s.orig)
		}
		return
	}
	cs := s.clauses()
	hs, hsDone := false, false
	headSpecial := func() bool {
		if !hsDone {
			hs, hsDone = s.headSpecial(specialReturnRe), true
		}
		return hs
	}
	for _, d := range durs {
		if d.start < s.label {
			continue // a duration in a label is read in the label's own sentence
		}
		if d.ranged || d.frequency(low) || d.history(low) || warrantyAfterDurRe.MatchString(low[d.end:]) || brandWarrantyAfter(low[d.end:]) && strings.Contains(head(low[d.end:], 40), "warrant") {
			continue // a range, "7 days a week", "for 30 years", "2-year warranty"
		}
		days, ok := d.days()
		if !ok || days <= 0 || days > 1100 {
			continue
		}
		ci := clauseAt(cs, d.start)
		own := low[cs[ci].start:cs[ci].end]
		reg, _ := region(low, cs, ci)
		stripped := shipBackRe.ReplaceAllString(anchorRe.ReplaceAllString(own, " "), " send back ")
		statutory := false
		if equipmentVetoRe.MatchString(reg) {
			continue // loaned equipment returned when a service ends
		}
		if windowVetoRe.MatchString(stripped) {
			// "You may cancel your order up to 14 days after receiving
			// your goods": a withdrawal right, not an order cancellation.
			if !cancelAfterReceiptRe.MatchString(own) || windowVetoRe.MatchString(cancelWordRe.ReplaceAllString(stripped, " ")) {
				continue
			}
			statutory = true
		}
		if warrantyNounRe.MatchString(own) && !returnCueRe.MatchString(own) {
			continue // "returns within 30 days, warranty of 2 years": the 2 years are the warranty's
		}
		cue := returnCueRe.MatchString(reg) ||
			goneByRe.MatchString(low[d.end:]) && refundWordRe.MatchString(low) // "If 30 days have gone by since your purchase, ... no refund"
		if !cue && s.label == 0 && (askedHowLong || askedReturn && answerWindowRe.MatchString(tail(low[:d.start], 30))) {
			// "How long do I have to return an item?" / "45 days from
			// delivery."; "Can I return an item?" / "Yes, within 60 days."
			cue = true
		}
		if !cue && trialCueRe.MatchString(reg) && (d.unit == "night" || riskFreeRe.MatchString(low)) {
			cue = true
		}
		if !cue && anchorRe.MatchString(own) && !warrantyWordRe.MatchString(own) &&
			(kind == signal.KindReturns || returnCueRe.MatchString(s.head)) {
			// "Items must be unworn and within 30 days of delivery." on a returns page.
			cue = true
		}
		if !cue && !statutory {
			continue
		}
		statutory = statutory || statutoryRe.MatchString(reg) || statutoryRe.MatchString(s.head)
		special := headSpecial() || s.regionSpecial(ci, specialReturnRe)
		*out = append(*out, retCand{days: days, special: special, statutory: statutory, snippet: s.orig})
	}
}

// howLongRe asks for a time limit.
var howLongRe = regexp.MustCompile(`\b(?:how (?:long|many days|much time)|until when|what is the (?:time limit|deadline|window|period)|time limit|deadline|return (?:window|period)|when (?:can|must|do|should) i (?:return|send))\b`)

// answerWindowRe: the words before a window in an answer to a question
// about returns.
var answerWindowRe = regexp.MustCompile(`\b(?:within|up to|for up to|in the first|no later than)\s*$`)

// notWindowQRe: a question about a refund's or a delivery's time.
var notWindowQRe = regexp.MustCompile(`\b(?:refunds?|credit|money|process(?:ed|ing)?|arrive|deliver(?:y|ed)?|ship(?:ping)?)\b`)

// askedReturn reports whether the sentence's question asks how long
// returns are accepted, or else about returns, worked out once per
// question (an answer's sentences share it).
func (s *sentence) askedReturn() (howLong, other bool) {
	if s.q == "" {
		return false, false
	}
	a := s.ask
	if a == nil {
		a = &asked{}
		s.ask = a
	}
	if !a.returnDone {
		a.returnHowLong = returnQuestion(s.q)
		a.returnOther = !a.returnHowLong && returnCueRe.MatchString(s.q) && !notWindowQRe.MatchString(stripReturnNouns(s.q))
		a.returnDone = true
	}
	return a.returnHowLong, a.returnOther
}

// returnQuestion reports a question asking how long returns are accepted
// ("How long do I have to return an item?"), not how long a refund takes.
func returnQuestion(q string) bool {
	return q != "" && returnCueRe.MatchString(q) && howLongRe.MatchString(q) &&
		!notWindowQRe.MatchString(stripReturnNouns(q))
}

// stripReturnNouns removes "return shipping" and the like, which name the
// return itself, before looking for what else a question is about.
func stripReturnNouns(q string) string {
	return returnNouns.Replace(q)
}

var returnNouns = strings.NewReplacer("return shipping", "return", "ship it back", "return", "ship back", "return")

// equipmentVetoRe: the return of loaned or rented equipment when a
// service or contract ends is no return window.
var equipmentVetoRe = regexp.MustCompile(`\b(?:(?:your|the) (?:service|contract|subscription|plan|rental|lease) (?:ends?|ending|is cancelled|terminates)|end of (?:your |the )?(?:service|contract|subscription|rental|lease|hire)|loaned|on loan|rental (?:equipment|period)|leased)\b`)

// Statutory windows: the legal right to withdraw from or cancel a
// distance contract after receiving the goods.
var (
	statutoryRe          = regexp.MustCompile(`\b(?:withdraw(?:al)?|withdrawing|cooling[- ]off|right to cancel|cancellation (?:right|period)|statutory|by law|legal right|consumer contracts regulations|distance selling)\b`)
	cancelAfterReceiptRe = regexp.MustCompile(`\bcancel\S*\b.*\b(?:after|of|from|following|upon|since)\s+(?:the\s+(?:day|date)\s+(?:on\s+which\s+)?(?:you\s+)?)?(?:receiv(?:e|ed|ing)|receipt|delivery|(?:it|they|the goods|your (?:goods|order|items?)) (?:arrive|arrived|(?:was|were|are|is) delivered))`)
	cancelWordRe         = regexp.MustCompile(`\bcancel(?:led|ed|lation|lations|s|ling|ing)?\b`)
)

// changeOfMind reports a refusal of change-of-mind returns, that is of
// ordinary returns: only faulty goods may come back. It gives a 0-day
// window like "we do not accept returns" (and, like it, only when the page
// states no ordinary window); the faulty-goods window stays special.
func changeOfMind(low string) bool {
	if !strings.Contains(low, "mind") {
		return false
	}
	for _, m := range changeOfMindRe.FindAllStringIndex(low, maxPerSentence) {
		if strings.Contains(low[m[0]:m[1]], "mind") {
			return true
		}
	}
	return false
}

// returnGate: a return window or refusal needs one of these.
var returnGate = []string{"return", "back", "trial", "guarantee", "satisf", "try", "withdraw", "cooling", "purchase",
	"deliver", "receipt", "receiv", "refund", "mind", "final", "exchange"}

// warrantyNounRe names a product warranty (not a money-back guarantee).
var warrantyNounRe = regexp.MustCompile(`\bwarrant(?:y|ies)\b|\bguarantee[ds]? against\b|\b(?:manufacturer'?s?|limited|lifetime) guarantee\b`)

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// hasSpecial reports whether s contains a qualifier of re that is not an
// exclusion ("except sale items", "non-sale items").
func hasSpecial(s string, re *regexp.Regexp) bool {
	return specialIn(s, 0, len(s), re)
}

// specialIn is hasSpecial for the qualifiers within s[start:end], read
// with all of s before them: an exclusion list may open in an earlier
// clause ("Beside software, opened consumables and custom-built PCs,
// everything can be returned within 14 days").
func specialIn(s string, start, end int, re *regexp.Regexp) bool {
	if start >= end {
		return false
	}
	for _, m := range re.FindAllStringIndex(s[start:end], maxPerSentence) {
		at := start + m[0]
		if !exceptBeforeRe.MatchString(tail(s[:at], 40)) && !inExclusionList(tail(s[:at], 160)) {
			return true
		}
	}
	return false
}

// ownSpecial reports a qualifier of re in the clause of low at pos.
func ownSpecial(low string, pos int, re *regexp.Regexp) bool {
	cs := splitClauses(low)
	c := cs[clauseAt(cs, pos)]
	return specialIn(low, c.start, c.end, re)
}

// regionSpecial reports a qualifier of re in the region of clause ci.
func (s *sentence) regionSpecial(ci int, re *regexp.Regexp) bool {
	reg, off := region(s.low, s.clauses(), ci)
	return specialIn(s.low, off, off+len(reg), re)
}

// exclusionListRe: an exclusion word opening a list that runs up to the
// qualifier ("except swimwear, earrings and underwear", "beside gift
// cards and personalised items"): no verb, pronoun or stop in between.
var exclusionListRe = regexp.MustCompile(`(?:\bexcept(?: for)?|\bexcluding|\bother than|\bapart from|\bbesides?|\bnot including|\bwith the exception of|\bsave for|\baside from)\s+([^;:.!?]*)$`)

// exclusionWords: one of them opens every exclusion list (a cheap test
// before exclusionListRe).
var exclusionWords = []string{"except", "exclud", "other than", "apart from", "beside", "not including", "exception", "save for", "aside from"}

// listVerbRe ends an exclusion list.
var listVerbRe = regexp.MustCompile(`\b(?:are|is|can|may|will|must|be|have|has|get|gets|we|you|they|it|which|that|who|but|then|within)\b`)

// inExclusionList reports whether the text before a qualifier is an open
// exclusion list.
func inExclusionList(before string) bool {
	if !containsAny(before, exclusionWords) {
		return false
	}
	m := exclusionListRe.FindStringSubmatch(before)
	return m != nil && !listVerbRe.MatchString(m[1])
}

// negWordRe is a negation.
var negWordRe = regexp.MustCompile(`\b(?:not|no|never|no longer|don't|dont|doesn't|isn't|aren't|won't|cannot|can't|unable|without)\b`)

// negatedBefore reports whether a negation occurs in the few words before pos.
func negatedBefore(s string, pos int) bool {
	before := s[:pos]
	// A negation does not reach across punctuation or a separator ("No.
	// Returns are free", "no fuss - free returns").
	if i := strings.LastIndexAny(before, ",;:.!?|·•"); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		before = before[i+size:]
	}
	if i := strings.LastIndex(before, " - "); i >= 0 {
		before = before[i+3:]
	}
	words := strings.Fields(before)
	if len(words) > 5 {
		words = words[len(words)-5:]
	}
	return negWordRe.MatchString(strings.Join(words, " "))
}

// Free returns.

var (
	freeReturnPosRe = regexp.MustCompile(`\b(?:free|complimentary) (?:(?:and easy|easy|standard|uk|us|u\.s\.|domestic|online|in-store|prepaid|simple|hassle-free|no-hassle|no hassle|unlimited|\d+[- ]?day|extended|exchanges? (?:and|&|or)) )*(?:returns?|return shipping|return postage|return delivery|return labels?|return collection)\b|` +
		`\b(?:returns?|return shipping|return postage|return delivery|return labels?|returning (?:an item|items|your order|it|them|goods|products?)) (?:is |are )?(?:always |completely |totally |100% |entirely )?(?:free|free of charge|on us|at no (?:extra |additional )?(?:cost|charge)|without (?:any )?charge|complimentary|covered by us|paid by us|our responsibility)\b|` +
		`\b(?:prepaid|pre-paid|postage[- ]paid|free|pre-addressed,? prepaid) (?:returns? )?(?:shipping |postage |mailing )?(?:labels?|slips?|envelopes?|bags?)\b|` +
		`\bwe(?: will|'ll)? (?:cover|pay(?: for)?|refund|reimburse|take care of) (?:the )?(?:full )?(?:cost of )?(?:return|the return|returning)(?: shipping| postage| costs?| fees?)?\b|` +
		`\b(?:return|send) (?:it|them|items?|your (?:order|items?|purchase)) (?:back )?(?:for free|free of charge|at no cost|free)\b|` +
		`\bno[- ](?:cost|charge|fee) returns\b|\bno (?:return|returns) (?:fees?|charges?|costs?)\b|` +
		`\b(?:returns?|returning|return shipping|sending (?:it|them|items?|goods) back)\s+(?:costs?|will cost|is|are)\s+(?:you\s+)?(?:nothing|zero|£0|\$0|€0)\b|\bfree (?:shipping|delivery) (?:both ways|and (?:free )?returns?|& (?:free )?returns?)\b`)

	freeReturnNegRe = regexp.MustCompile(`\b` + payerRe + `\s+(?:are|is|will be|remain|remains|shall be|'re|'ll be|will remain)\s+(?:solely\s+|entirely\s+|fully\s+|always\s+)?responsible\s+for\s+` +
		`(?:(?:\S+\s+){0,4}?(?:return|returning)|(?:[a-z']+\s+){0,4}?(?:costs?|shipping|postage|paying|fees?|charges?|delivery|expenses?)\s+(?:[a-z']+\s+){0,5}?(?:return(?:s|ed|ing)?|back)\b)|` +
		`\b` + returnCostSubj + `\s+(?:is|are|will be|must be|shall be|remain|remains|will remain|is to be|are to be|should be)\s+(?:solely\s+|entirely\s+|fully\s+|always\s+|then\s+)?` +
		`(?:(?:(?:paid(?: for)?|covered|borne|payable|met|charged|footed|the (?:sole |full )?responsibility|(?:at|for) the (?:expense|account|cost))\s+(?:by|of|to)\s+(?:the\s+)?` + payerRe + `)|` +
		`(?:at\s+)?(?:your|the customer's|the buyer's|the purchaser's|the consumer's|the sender's|their)\s+(?:own\s+)?(?:responsibility|expense|cost|charge)|` +
		`(?:for|on)\s+(?:your|the customer's|the buyer's|their)\s+(?:own\s+)?account)|` +
		`\b` + payerRe + `\s+(?:will\s+|must\s+|need to\s+|will need to\s+|'ll need to\s+|have to\s+|'ll have to\s+|are required to\s+|is required to\s+|will have to\s+|may need to\s+|shall\s+|should\s+|agree to\s+|are asked to\s+)?` +
		`(?:pay|pays|cover|covers|bear|bears|meet|meets|foot|foots|take care of|takes care of)\s+(?:for\s+)?(?:` + costFiller + `\s+){0,4}?` +
		`(?:return(?:s|ed|ing)?\b|(?:shipping|postage|sending|posting|mailing)\s+(?:(?:it|them|the|your|items?|goods|products?|orders?|parcels?)\s+){0,2}back\b)|` +
		`\bwe\s+(?:do not|don't|dont|cannot|can't|will not|won't|are unable to|are not able to|do not currently|don't currently)\s+(?:cover|pay for|pay|reimburse|refund|provide|offer|supply)\s+(?:the\s+)?(?:costs?\s+of\s+)?` +
		`(?:return(?:ing)?\s+(?:shipping|postage|delivery|freight|costs?|labels?)|returning\s+(?:items|goods|products|your|the|an?)|prepaid (?:return )?labels?|free returns?|(?:shipping|postage) (?:for|on) returns?)\b|` +
		`\bat (?:your|the customer's|the buyer's|the purchaser's|the consumer's|their) own (?:cost|expense|charge)\b|\bat (?:your|the customer's|the buyer's|the purchaser's|the consumer's) (?:cost|expense)\b|` +
		`\b(?:restocking|re-stocking|restock|return(?:s)?(?: processing| handling)?|return shipping|return label|return postage) (?:fee|charge)s?\b|` +
		`\b` + returnCostSubj + `\s+(?:is|are)\s+not\s+(?:covered|paid(?: for)?|refunded|reimbursed|included|free)\b|` +
		`\b(?:deduct(?:ed)?|subtract(?:ed)?|withheld|taken off|taken out) from (?:your|the|any) refund\b|` +
		`\b(?:return shipping|return postage|returns?) (?:is|are) not free\b|\bfree returns? (?:are|is) not (?:available|offered)\b|\bno free returns?\b|` +
		`\bnon-refundable return\b|\breturns? (?:cost|costs)\b`)

	// collectFreeRe / collectFeeRe: a free or paid collection of the goods.
	collectFreeRe = regexp.MustCompile(`\b(?:collect(?:ed)?|pick(?:ed)? (?:\S+ ){0,2}?up)\s+(?:\S+\s+){0,3}?(?:for free|free of charge|at no (?:extra |additional )?(?:cost|charge))\b|` +
		`\bfree (?:return )?(?:collection|pick-?up)s?\b|\b(?:collection|pick-?up) (?:is|are) (?:always |completely )?(?:free|on us)\b`)
	collectFeeRe = regexp.MustCompile(`\b(?:collection|pick-?up) (?:fee|charge)s?\b`)

	// costWordRe: a deduction from a refund is a return cost only when it is
	// about shipping, a label or a fee.
	costWordRe = regexp.MustCompile(`\b(?:shipping|postage|label|fee|fees|charge|cost|costs|restocking|handling)\b`)
	// noFeeRe negates a fee ("no restocking fee", "without a return fee").
	noFeeRe = regexp.MustCompile(`\b(?:no|without|free of|waive[sd]?|never charge|don't charge|do not charge|won't charge|will not charge|not charge)\b(?:\s+\S+){0,3}\s*$`)
	// returnAmountRe: "Return shipping is $6.95", "a £2.95 returns fee".
	returnAmountRe   = regexp.MustCompile(`\b(?:return shipping|return postage|return labels?|returns?)\s+(?:is|are|costs?|will cost|fee is|fee of|charge of|:)\s+(?:a\s+|just\s+|only\s+)?$`)
	feeAfterAmountRe = regexp.MustCompile(`^\s*(?:return|returns|restocking|return shipping|return label|handling)\s*(?:fee|charge|cost)`)
)

// payerRe is the customer as the one who pays.
const payerRe = `(?:you|you'll|you'd|customers?|buyers?|purchasers?|consumers?|clients?|shoppers?|senders?|the (?:customer|buyer|purchaser|consumer|client|shopper|sender))`

// costFiller are the words that may stand between "pay" and "return" in
// "you pay the full return shipping cost".
const costFiller = `(?:the|any|all|your|their|its|own|direct|full|entire|costs?|expenses?|price|fees?|charges?|bill|of|for|shipping|postage|delivery|courier|freight|mailing)`

// returnCostSubj is the cost of a return as the subject of a sentence:
// "return postage costs", "the cost of returning the goods", "shipping
// charges for returned items", "postage for returns".
const returnCostSubj = `(?:(?:the\s+)?return(?:s|ed)?\s+(?:item\s+|order\s+)?(?:shipping|postage|delivery|freight|carriage|courier|mailing|transport|shipment|postal)(?:\s+(?:and|&)\s+handling)?(?:\s+(?:costs?|fees?|charges?|expenses?))?|` +
	`(?:the\s+)?returns?\s+(?:costs?|fees?|charges?|expenses?)|` +
	`(?:the\s+|any\s+|all\s+)?(?:direct\s+)?(?:costs?|expenses?|price|charges?)\s+(?:of|for)\s+(?:the\s+)?(?:returning|return\s+(?:shipping|postage|delivery|shipment|freight)|returns?|the return|(?:sending|shipping|posting|mailing)\s+(?:[a-z']+\s+){0,2}?back(?:\s+to (?:us|our [a-z]+))?)|` +
	`(?:the\s+)?(?:shipping|postage|delivery|postal|freight)(?:\s+(?:costs?|fees?|charges?))?\s+(?:for|of|on)\s+(?:(?:a|the|any|all|your)\s+)?(?:returns?|returned\s+(?:items?|goods|products?|orders?|parcels?)|the return|returning))`

type boolCand struct {
	v       bool
	special bool
	snippet string
	thresh  float64 // free shipping: threshold, or -1 when none was stated
	all     bool    // free shipping: on every order
	// implied: all was read from a plain statement ("We offer free
	// shipping.") rather than said ("on all orders", "no minimum").
	implied bool
	// thrOnly: a threshold implied by a fee below it ("orders under $49
	// ship for $6.95"); it never makes free shipping true by itself.
	thrOnly bool
}

// freeReturns reads free-returns candidates from one sentence. kind is the
// page's kind: on a returns page, a fee deducted from the refund or a
// collection fee is a return cost even when the sentence does not say
// "return".
func freeReturns(s *sentence, kind string, out *[]boolCand) {
	low := s.low
	collect := strings.Contains(low, "collect") || strings.Contains(low, "pick")
	if !strings.Contains(low, "return") && !strings.Contains(low, "restocking") && !strings.Contains(low, "both ways") && !strings.Contains(low, " back") &&
		!strings.Contains(low, "send it back") && !strings.Contains(low, "refund") && !collect {
		return
	}
	cs := s.clauses()
	hs, hsDone := false, false
	headSpecial := func() bool {
		if !hsDone {
			hs, hsDone = s.headSpecial(specialReturnRe), true
		}
		return hs
	}
	add := func(v bool, pos int) {
		ci := clauseAt(cs, pos)
		reg, _ := region(low, cs, ci)
		special := headSpecial() || s.regionSpecial(ci, specialReturnRe)
		if v && (creditOnlyRe.MatchString(reg) || exchangesFreeRe.MatchString(reg)) {
			special = true // free only for an exchange or store credit: ordinary refunds are not said to be free
		}
		*out = append(*out, boolCand{v: v, special: special, snippet: s.orig})
	}
	if strings.Contains(low, "refund") {
		// "Refunds to your card cost $5", "refunds to the original payment
		// method incur a £3 fee".
		for _, m := range refundFeeRe.FindAllStringIndex(low, maxPerSentence) {
			if len(findAmounts(head(low[m[1]:], 30))) > 0 && !negatedBefore(low, m[0]) {
				add(false, m[0])
			}
		}
	}
	// returnContext: the sentence, the one before it, its heading or the
	// page is about returns.
	rc, rcDone := false, false
	returnContext := func() bool {
		if !rcDone {
			rc = kind == signal.KindReturns || returnCueRe.MatchString(low) || returnCueRe.MatchString(s.head) ||
				returnCueRe.MatchString(s.prev)
			rcDone = true
		}
		return rc
	}
	if collect {
		// Goods picked up from the customer (furniture, mattresses):
		// "we'll collect it for free and refund you", "a $99 collection
		// fee is deducted".
		for _, m := range collectFreeRe.FindAllStringIndex(low, maxPerSentence) {
			if hyphenBefore(low, m[0]) || negatedBefore(low, m[0]) || notAfter(low[m[1]:]) {
				continue
			}
			if strings.Contains(low, "refund") || returnContext() {
				add(true, m[0])
			}
		}
		for _, m := range collectFeeRe.FindAllStringIndex(low, maxPerSentence) {
			if !noFeeRe.MatchString(low[:m[0]]) && returnContext() {
				add(false, m[0])
			}
		}
	}
	for _, m := range findGated(freeReturnPosRe, freeReturnPosGate, low) {
		if hyphenBefore(low, m[0]) {
			continue // "hassle-free returns" is not free returns
		}
		if negatedBefore(low, m[0]) || notAfter(low[m[1]:]) {
			add(false, m[0])
			continue
		}
		add(true, m[0])
	}
	for _, m := range findGated(freeReturnNegRe, freeReturnNegGate, low) {
		match := low[m[0]:m[1]]
		if strings.HasSuffix(tail(low[:m[0]], 4), "non-") || strings.HasPrefix(match, "non-return ") {
			continue // a charge for not returning something is no return cost
		}
		ci := clauseAt(cs, m[0])
		reg, _ := region(low, cs, ci)
		if strings.Contains(match, "fee") || strings.Contains(match, "charge") {
			if noFeeRe.MatchString(low[:m[0]]) || feeWaivedAfterRe.MatchString(low[m[1]:]) {
				continue
			}
		}
		if strings.Contains(match, "refund") && !strings.Contains(match, "return") && !costWordRe.MatchString(reg) {
			continue
		}
		if strings.HasPrefix(match, "at ") && !returnCueRe.MatchString(reg) {
			continue
		}
		if (strings.Contains(match, "deduct") || strings.Contains(match, "subtract") || strings.Contains(match, "withheld") || strings.Contains(match, "taken")) &&
			!returnContext() {
			continue
		}
		if returnsCostRe.MatchString(match) && len(findAmounts(head(low[m[1]:], 30))) == 0 {
			continue // "returns cost £3.95" needs an amount after it
		}
		if strings.Contains(match, "responsible") && notCostDutyRe.MatchString(match) {
			continue // "you are responsible for packing your return securely"
		}
		add(false, m[0])
	}
	for _, a := range findAmounts(low) {
		if a.v <= 0 {
			continue
		}
		if strings.Contains(tail(low[:a.start], 40), "non-return") {
			continue // a charge for keeping something is no return cost
		}
		if returnAmountRe.MatchString(tail(low[:a.start], 40)) || feeAfterAmountRe.MatchString(low[a.end:]) {
			add(false, a.start)
		}
	}
}

// creditOnlyRe: free returns limited to an exchange or store credit;
// exchangesFreeRe: "Exchanges are free".
var (
	creditOnlyRe    = regexp.MustCompile(`\b(?:for|as|in the form of|when you (?:choose|opt for|select|request|pick|take)|if you (?:choose|opt for|select|request|pick|take))\s+(?:an?\s+)?(?:exchanges?|store credit|gift cards?|vouchers?|credit notes?|site credit|account credit)\b|\b(?:exchange|store credit)[- ]only\b`)
	exchangesFreeRe = regexp.MustCompile(`^\s*(?:all\s+)?exchanges? (?:are|is) (?:always )?free\b`)
	// refundFeeRe: a cost of a refund.
	refundFeeRe = regexp.MustCompile(`\brefunds?\b(?:\s+\S+){0,6}?\s+(?:cost|costs|incur|incurs|are charged|is charged|will be charged|carry|carries|are subject to|is subject to)\s+(?:an?\s+|the\s+)?(?:fee\s+of\s+|charge\s+of\s+)?`)
)

// Gates: a sentence can only match the regular expression when it contains
// one of these strings (a cheap test that spares most sentences the
// expensive one).
var (
	freeReturnPosGate = []string{"free", "on us", "at no", "without", "complimentary", "covered by us", "paid by us",
		"our responsibility", "prepaid", "pre-paid", "postage", "we ", "we'll", "no-", "no return", "nothing", "zero", "0"}
	freeReturnNegGate = []string{"responsib", "paid", "pay", "cover", "bear", "borne", "expense", "cost", "fee", "charge", "deduct",
		"subtract", "withheld", "taken", "not free", "no free", "non-refundable", "met by", "account", "foot", "take care",
		"takes care", "prepaid", "free return"}
)

// findGated is re.FindAllStringIndex(s, maxPerSentence) when s contains
// one of gate, else nil.
func findGated(re *regexp.Regexp, gate []string, s string) [][]int {
	for _, g := range gate {
		if strings.Contains(s, g) {
			return re.FindAllStringIndex(s, maxPerSentence)
		}
	}
	return nil
}

// feeWaivedAfterRe: a fee that is not charged after all ("return shipping
// charges are refunded to you", "the restocking fee is waived").
var feeWaivedAfterRe = regexp.MustCompile(`^\s*(?:(?:is|are|will be|get|gets)\s+(?:always\s+|fully\s+|also\s+)?(?:refunded|reimbursed|waived|covered by us|on us|paid by us|credited back)|(?:is|are)\s+(?:free|not charged))\b`)

// notCostDutyRe: a customer's duty that is not a cost.
var notCostDutyRe = regexp.MustCompile(`\b(?:pack(?:s|ed|ing|aging)?|secure(?:ly)?|safe(?:ly)?|condition|ensur(?:e|ing)|making sure|until|arrives?|lost|damaged?|tracking|track|insur(?:e|ing|ance)|sign(?:ed)?)\b`)

// returnsCostRe is the bare "returns cost" of freeReturnNegRe.
var returnsCostRe = regexp.MustCompile(`^returns? costs?$`)

// notAfterRe: "free returns are not available", "... isn't offered".
var notAfterRe = regexp.MustCompile(`^\s*(?:(?:are|is)\s+)?(?:not|no longer|never|isn't|aren't)\b`)

func notAfter(s string) bool { return notAfterRe.MatchString(s) }

// hyphenBefore reports whether a match at pos is the tail of a hyphenated
// word ("hassle-free", "worry-free").
func hyphenBefore(s string, pos int) bool { return pos > 0 && s[pos-1] == '-' }
