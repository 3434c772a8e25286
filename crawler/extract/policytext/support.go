package policytext

import (
	"regexp"
	"strings"
)

// Support reply time.
//
// A duration is a reply promise when a reply verb or noun ("reply",
// "respond", "response", "answer", "get back to you", "hear from us") is
// followed, in the same clause, by a connector and the duration ("we reply
// within 24 hours", "response time: under 2 hours", "answers within one
// working day"), or the duration comes first ("Within 24 hours, we'll get
// back to you", "24-hour response"). "Same-day" / "next business day"
// replies count as 24 hours (a day is 24 hours, business days too), "within
// the hour" as 1. A range counts as its upper end ("within 24-48 hours" =
// 48): that is the promise. Clauses about shipping, delivery, refunds,
// returns, warranty claims, cancellations or data-protection requests are
// not support replies, nor are availability phrases ("24 hours a day",
// "24/7"). Promises over 30 days (maxReplyHours) are ignored: "we aim to
// respond within 10 working days" is a slow promise but a promise (240 h),
// a month or more is no reply time. The result is the smallest.

var (
	replyCueRe = regexp.MustCompile(`\b(?:repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?|responses?|answer(?:s|ed|ing)?|get(?:s|ting)? back to (?:you|all|every|each)|` +
		`back to you|hear (?:back )?from (?:us|our team|someone|a member)|be in touch|get in touch with you|contact you|reach out to you|come back to you|revert)\b`)

	replyConnRe = regexp.MustCompile(`(?:within|in|under|in under|in less than|less than|no (?:later|longer|more) than|inside(?: of)?|by|max(?:imum)?|at most|up to|` +
		`<|≤|:|is|of|are|time|times|about|around|approximately|typically|usually|generally|always|guaranteed|on average|average|normally|often)\s*` +
		`(?:the next\s+|just\s+|about\s+|around\s+|approximately\s+|roughly\s+|max(?:imum)?\s+|a maximum of\s+|an average of\s+)?$`)

	replyVetoRe = regexp.MustCompile(`\b(?:ship(?:s|ped|ping)?|dispatch(?:ed|es)?|deliver(?:y|ed|ies|s)?|refund(?:s|ed)?|return(?:s|ed)?|warranty|claims?|cancel(?:led|lation)?|` +
		`privacy|personal (?:data|information)|data|gdpr|ccpa|subject access|request to (?:access|delete)|legal|subpoena|arrive|transit|tracking|` +
		`since|founded|established|experience|reviews?)\b`)

	durFirstConnRe = regexp.MustCompile(`(?:within|in under|under|in less than|less than|inside|(?:allow|give us|wait)(?: up to| at least)?|up to)\s*(?:the next\s+|just\s+)?$`)
	durThenNounRe  = regexp.MustCompile(`^\s*-?\s*(?:(?:email|e-mail|support|customer|guaranteed|average|ticket|chat|first|initial|typical|target|expected|median|max(?:imum)?)[\s-]+){0,2}(?:response|reply|replies|responses|answer|turnaround)\b`)

	// replyQuestionRe: a question about the reply time ("How fast will
	// support get back to me?"); the answer block that follows it can state
	// the time without repeating the verb ("Pro: within 4 hours.").
	replyQuestionRe = regexp.MustCompile(`\b(?:repl(?:y|ies)|respon(?:d|se|ses)|answer|get back to (?:me|us|you)|hear back|back to me)\b`)
	howSoonRe       = regexp.MustCompile(`\b(?:how (?:long|fast|quickly|soon)|when (?:will|can|do|should)|response times?|reply times?)\b`)
	// answerDurRe: the text before a duration in such an answer: nothing, a
	// label ("Pro plan:") or a connector ("usually within").
	answerDurRe = regexp.MustCompile(`^(?:[^:]{0,40}:\s*)?(?:(?:we |we'll |we will |you'll |you will |usually |typically |normally |generally |always |)(?:reply |respond |answer |hear back |get an answer )?(?:within|in under|under|in less than|less than|inside|in|by|<)\s*(?:the next\s+|just\s+|about\s+|around\s+)?)?$`)

	// replyHeaderRe: a table column or label that names the reply time
	// ("Initial response", "Response time"), read as the header of the
	// short value cells after it.
	replyHeaderRe = regexp.MustCompile(`^(?:(?:first|initial|average|target|guaranteed|typical|expected|median|max(?:imum)?|support|email|e-mail|ticket)\s+)?(?:response|reply|replies|responses)(?:\s+(?:time|times|target|sla|within))?$`)

	sameDayRe = regexp.MustCompile(`\b(?:same|next)[- ](?:business[- ]|working[- ])?day\b|\bwithin the (?:same )?(?:business |working )?(?:day|hour)\b`)
)

// maxReplyHours is the longest reply promise read (30 days).
const maxReplyHours = 30 * 24

var replyGate = []string{"repl", "respon", "answer", "back to", "hear", "in touch", "contact you", "reach out", "revert"}

// supportHours reads reply-time candidates from one sentence.
func supportHours(s *sentence, out *[]numCand) {
	low := s.low
	if findGated(replyCueRe, replyGate, low) == nil {
		if answerReply(s) || tableReply(s) {
			for _, d := range s.durations() {
				if d.frequency(low) || d.start < s.label {
					continue
				}
				h, ok := d.hours()
				if !ok || h <= 0 || h > maxReplyHours || !answerDurRe.MatchString(low[:d.start]) {
					continue
				}
				*out = append(*out, numCand{v: h, snippet: s.orig})
			}
		}
		return
	}
	cs := s.clauses()
	for _, d := range s.durations() {
		if d.frequency(low) {
			continue
		}
		h, ok := d.hours()
		if !ok || h <= 0 || h > maxReplyHours {
			continue
		}
		ci := clauseAt(cs, d.start)
		reg, off := region(low, cs, ci)
		before := reg[:d.start-off]
		after := head(low[d.end:], 60)
		if i := strings.IndexAny(after, ";.!?"); i >= 0 {
			after = after[:i]
		}
		ok = false
		if replyConnRe.MatchString(before) {
			if m := lastIndex(replyCueRe, before); m >= 0 && len(before)-m <= 90 && !replyVetoRe.MatchString(before[m:]) {
				ok = true
			}
		}
		if !ok && (durFirstConnRe.MatchString(before) && replyCueRe.MatchString(after) || durThenNounRe.MatchString(low[d.end:])) {
			ok = !replyVetoRe.MatchString(after)
		}
		if !ok || replyVetoRe.MatchString(low[cs[ci].start:cs[ci].end]) {
			continue
		}
		*out = append(*out, numCand{v: h, snippet: s.orig})
	}
	for _, m := range sameDayRe.FindAllStringIndex(low, maxPerSentence) {
		ci := clauseAt(cs, m[0])
		own := low[cs[ci].start:cs[ci].end]
		reg, _ := region(low, cs, ci)
		if !replyCueRe.MatchString(reg) || replyVetoRe.MatchString(own) {
			continue
		}
		h := 24.0
		if strings.HasSuffix(low[m[0]:m[1]], "hour") {
			h = 1
		}
		*out = append(*out, numCand{v: h, snippet: s.orig})
	}
}

// lastIndex returns the start of the last match of re in s, or -1.
func lastIndex(re *regexp.Regexp, s string) int {
	ms := re.FindAllStringIndex(s, -1)
	if len(ms) == 0 {
		return -1
	}
	return ms[len(ms)-1][0]
}

// answerReply reports a sentence of the answer to a question about the
// reply time, with nothing in it about shipping, refunds and the like.
func answerReply(s *sentence) bool {
	return s.q != "" && replyQuestionRe.MatchString(s.q) && howSoonRe.MatchString(s.q) && !replyVetoRe.MatchString(s.q) &&
		!replyVetoRe.MatchString(s.low) && mayHaveUnit(s.low)
}

// tableReply reports a short value cell under a reply-time header, in a run
// of short blocks (an SLA table: "Severity", "Initial response", "P1 -
// outage", "15 minutes").
func tableReply(s *sentence) bool {
	if s.ctx == "" || !mayHaveUnit(s.low) || replyVetoRe.MatchString(s.low) || len(s.low) > 60 {
		return false
	}
	ok := false
	for _, b := range strings.Split(s.ctx, " | ") {
		switch {
		case replyHeaderRe.MatchString(b):
			ok = true
		case replyVetoRe.MatchString(b):
			ok = false // a later header about delivery, refunds...
		}
	}
	return ok
}
