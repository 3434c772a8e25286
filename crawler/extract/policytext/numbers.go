package policytext

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// A duration is a number followed by a unit: "30 days", "thirty (30)
// days", "30-day", "30days", "two business days", "24h", "a fortnight",
// "half an hour", "twenty-one days", and ranges "5-7 days" / "5 to 7 days"
// / "between 5 and 7 days". unitRe finds the units; the number before each
// is read backwards by hand (a regular expression anchored at the unit was
// quadratic).
var unitRe = regexp.MustCompile(`(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|months?|mos|years?|yrs?)\b|\dh\b`)

// perAfterRe matches what follows a duration that makes it a frequency or
// an availability ("7 days a week", "24 hours a day").
var perAfterRe = regexp.MustCompile(`^\s*(?:a|per|/|each|every|of the)\s*(?:day|week|month|year)\b`)

// unitBeforeRe matches a unit right before a duration ("7 days a week").
var unitBeforeRe = regexp.MustCompile(`(?:days?|hours?|weeks?|/)\s*$`)

// dur is one duration found in a sentence.
type dur struct {
	start, end int     // byte offsets in the normalised sentence
	n          float64 // the amount (upper end of a range)
	ranged     bool    // "5-7 days", "between 5 and 7 days"
	unit       string  // minute, hour, day, night, week, fortnight, month, year
	business   bool    // business or working days
}

var durModifiers = map[string]bool{
	"business": true, "working": true, "calendar": true, "full": true, "whole": true,
	"consecutive": true, "natural": true, "bank": true,
}

// findDurations returns the durations in s (normalised text).
func findDurations(s string) []dur {
	if !mayHaveUnit(s) {
		return nil
	}
	var out []dur
	for _, u := range unitRe.FindAllStringIndex(s, maxPerSentence) {
		if u[1]-u[0] == 2 && s[u[0]+1] == 'h' {
			u[0]++ // "24h": the unit is the "h"
		} else if u[0] > 0 && isLetter(s[u[0]-1]) {
			continue // "birthday", "holidays"
		}
		if d, ok := durationAt(s, u[0], u[1]); ok {
			out = append(out, d)
		}
	}
	return out
}

// durationAt reads the number before the unit s[us:ue].
func durationAt(s string, us, ue int) (dur, bool) {
	d := dur{end: ue, unit: unitName(s[us:ue])}
	if d.unit == "" {
		return d, false
	}
	p := skipSpaceBack(s, us)
	if p > 0 && s[p-1] == '-' {
		p = skipSpaceBack(s, p-1)
	}
	if w, ws := prevWord(s, p); durModifiers[w] {
		d.business = w == "business" || w == "working"
		p = skipSpaceBack(s, ws)
		if p > 0 && s[p-1] == '-' {
			p = skipSpaceBack(s, p-1)
		}
	}
	paren := -1.0
	if p > 0 && s[p-1] == ')' {
		if open := strings.LastIndexByte(s[max(0, p-12):p-1], '('); open >= 0 {
			open += max(0, p-12)
			if v, ok := parseNum(strings.TrimSpace(s[open+1 : p-1])); ok && isDigit(strings.TrimSpace(s[open+1 : p-1])[0]) {
				paren = v
				p = skipSpaceBack(s, open)
			}
		}
	}
	n, ns, ok := prevNumber(s, p)
	if !ok {
		return d, false
	}
	if paren >= 0 {
		n = paren // "thirty (30) days": trust the digits
	}
	d.n, d.start = n, ns
	// A range: "5-7 days", "5 to 7 days", "five to seven days".
	q := skipSpaceBack(s, ns)
	sep := false
	if q > 0 && s[q-1] == '-' {
		sep = true
		q = skipSpaceBack(s, q-1)
	} else if w, ws := prevWord(s, q); w == "to" {
		sep = true
		q = skipSpaceBack(s, ws)
	}
	if sep {
		if _, ls, ok := prevNumber(s, q); ok {
			d.ranged, d.start = true, ls
		}
	}
	// "one or two days", "between 5 and 7 days".
	if w, ws := prevWord(s, skipSpaceBack(s, d.start)); !d.ranged && (w == "or" || w == "and") {
		if _, ls, ok := prevNumber(s, skipSpaceBack(s, ws)); ok {
			pw, _ := prevWord(s, skipSpaceBack(s, ls))
			d.ranged = w == "or" || pw == "between"
		}
	}
	return d, true
}

var tens = map[string]float64{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// prevNumber reads a number (digits or words) ending at p.
func prevNumber(s string, p int) (float64, int, bool) {
	if p <= 0 {
		return 0, 0, false
	}
	c := s[p-1]
	if isDigit(c) || strings.HasSuffix(s[:p], "½") {
		i := p
		for i > 0 {
			switch {
			case isDigit(s[i-1]) || s[i-1] == '.' || s[i-1] == ',':
				i--
			case strings.HasSuffix(s[:i], "½"):
				i -= len("½")
			case s[i-1] == ' ' && i >= 2 && isDigit(s[i-2]) && strings.HasPrefix(s[i:], "½"):
				i-- // "1 ½"
			default:
				goto done
			}
		}
	done:
		for i < p && (s[i] == '.' || s[i] == ',') {
			i++
		}
		if i > 0 && isLetter(s[i-1]) {
			return 0, 0, false // "covid19 days", "a1"
		}
		v, ok := parseNum(strings.Replace(s[i:p], " ", "", 1))
		return v, i, ok
	}
	w, ws := prevWord(s, p)
	if w == "" {
		return 0, 0, false
	}
	if w == "hundred" {
		pw, pws := prevWord(s, skipSpaceBack(s, ws))
		if pw == "a" || pw == "one" {
			return 100, pws, true
		}
		return 100, ws, true
	}
	if w == "an" || w == "a" {
		if pw, pws := prevWord(s, skipSpaceBack(s, ws)); pw == "half" {
			return 0.5, pws, true
		}
	}
	if w == "half" {
		return 0.5, ws, true
	}
	v, ok := smallNums[w]
	if !ok {
		return 0, 0, false
	}
	if v >= 1 && v <= 9 && w != "a" && w != "an" && ws > 0 && (s[ws-1] == '-' || s[ws-1] == ' ') {
		if t, tws := prevWord(s, ws-1); tens[t] > 0 {
			return tens[t] + v, tws, true // "twenty-one"
		}
	}
	return v, ws, true
}

// prevWord returns the run of letters ending at p and its start.
func prevWord(s string, p int) (string, int) {
	i := p
	for i > 0 && isLetter(s[i-1]) {
		i--
	}
	return s[i:p], i
}

func skipSpaceBack(s string, p int) int {
	for p > 0 && s[p-1] == ' ' {
		p--
	}
	return p
}

// mayHaveUnit is a cheap test for a duration unit in s.
func mayHaveUnit(s string) bool {
	for _, u := range [...]string{"day", "night", "week", "month", "year", "hour", "min", "fortnight", "yr", "wk", "mos"} {
		if strings.Contains(s, u) {
			return true
		}
	}
	for i := 1; i < len(s); i++ {
		if s[i] == 'h' && isDigit(s[i-1]) {
			return true
		}
	}
	return false
}

// history reports whether d is the age of the business.
func (d dur) history(s string) bool {
	return historyBeforeRe.MatchString(tail(s[:d.start], 40)) || historyAfterRe.MatchString(head(s[d.end:], 30))
}

// frequency reports whether d reads as "7 days a week" or "24 hours a day".
func (d dur) frequency(s string) bool {
	return perAfterRe.MatchString(s[d.end:]) || unitBeforeRe.MatchString(s[:d.start])
}

func unitName(u string) string {
	switch {
	case strings.HasPrefix(u, "min"):
		return "minute"
	case strings.HasPrefix(u, "h"):
		return "hour"
	case strings.HasPrefix(u, "d"):
		return "day"
	case strings.HasPrefix(u, "n"):
		return "night"
	case strings.HasPrefix(u, "w"):
		return "week"
	case strings.HasPrefix(u, "f"):
		return "fortnight"
	case strings.HasPrefix(u, "mo"):
		return "month"
	case strings.HasPrefix(u, "y"):
		return "year"
	}
	return ""
}

// days converts d to days (a month is 30 days, a year 365); ok is false for
// minutes and hours.
func (d dur) days() (float64, bool) {
	switch d.unit {
	case "day", "night":
		return d.n, true
	case "week":
		return d.n * 7, true
	case "fortnight":
		return d.n * 14, true
	case "month":
		return d.n * 30, true
	case "year":
		return d.n * 365, true
	}
	return 0, false
}

// hours converts d to hours (a day, business or not, is 24 hours); ok is
// false for months and years.
func (d dur) hours() (float64, bool) {
	switch d.unit {
	case "minute":
		return d.n / 60, true
	case "hour":
		return d.n, true
	case "day":
		return d.n * 24, true
	case "week":
		return d.n * 24 * 7, true
	case "fortnight":
		return d.n * 24 * 14, true
	}
	return 0, false
}

// months converts d to months: days/30.44, rounded to the nearest half
// month from one month up and to one decimal below.
func (d dur) months() (float64, bool) {
	switch d.unit {
	case "month":
		return d.n, true
	case "year":
		return d.n * 12, true
	}
	days, ok := d.days()
	if !ok {
		return 0, false
	}
	m := days / 30.44
	if m >= 1 {
		return math.Round(m*2) / 2, true
	}
	return math.Round(m*10) / 10, true
}

var smallNums = map[string]float64{
	"zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100,
}

// parseNum parses a number token: "30", "1.5", "1,5", "1 ½", "½", "thirty",
// "twenty-one", "a hundred", "half an".
func parseNum(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if s[0] >= '0' && s[0] <= '9' || strings.HasPrefix(s, "½") {
		half := 0.0
		if i := strings.Index(s, "½"); i >= 0 {
			half = 0.5
			s = strings.TrimSpace(s[:i])
			if s == "" {
				return half, true
			}
		}
		s = strings.Replace(s, ",", ".", 1)
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		return f + half, true
	}
	if strings.HasPrefix(s, "half") {
		return 0.5, true
	}
	total, cur := 0.0, 0.0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }) {
		v, ok := smallNums[w]
		if !ok {
			return 0, false
		}
		if w == "hundred" {
			if cur == 0 {
				cur = 1
			}
			cur *= 100
			continue
		}
		cur += v
	}
	total += cur
	return total, true
}

// Currency amounts: symbol or code before or after the number, with
// US/UK ("1,234.50") or European ("1.234,50") separators.
const (
	curPre  = `(?:us\$|ca\$|c\$|au\$|a\$|nz\$|hk\$|s\$|r\$|mx\$|\$|£|€|¥|₹|(?:usd|cad|aud|nzd|gbp|eur|chf|sek|nok|dkk|pln|jpy|inr|mxn|ars|cop|clp|fr\.)(?:\b|\s))`
	curPost = `(?:\$|£|€|zł|(?:usd|cad|aud|nzd|gbp|eur|euros?|dollars?|pounds?|chf|sek|nok|dkk|kr|pln|jpy|inr|yen|mxn|ars|cop|clp|pesos?|franken|francs?)\b)`
	// numAmt: "1,234.50", "1.234,50", "1 234,50" (space, no-break space
	// or apostrophe between thousands: "CHF 1'299.–"), "49,95", "50".
	numAmt = `\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:[ '’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`
)

var amountRe = regexp.MustCompile(`(?:` + curPre + `\s*(` + numAmt + `)(?:,-)?|\b(` + numAmt + `)(?:,-)?\s*` + curPost + `)`)

// bareAmountRe is a number without currency right after a threshold word
// ("orders over 50"), not followed by a unit word.
var bareAmountRe = regexp.MustCompile(`\b(?:over|above|exceeding|spend|spending|of|from)\s+(\d{1,3}(?:,\d{3})+|\d+)(?:[.,]\d{1,2})?(\s*\+|\s+or more)?(?:\s*$|\s*[),.;:!]|\s+(?:or|and|to|for|get|gets|ship|ships|qualify|qualifies|receive|enjoy)\b)`)

type amount struct {
	start, end int
	v          float64
}

// findAmounts returns the currency amounts in s (normalised text).
func findAmounts(s string) []amount {
	if !strings.ContainsAny(s, "0123456789") || !hasCurrency(s) {
		return nil
	}
	var out []amount
	for _, m := range amountRe.FindAllStringSubmatchIndex(s, maxPerSentence) {
		num := ""
		if m[2] >= 0 {
			num = s[m[2]:m[3]]
		} else if m[4] >= 0 {
			num = s[m[4]:m[5]]
		}
		v, ok := parseAmount(num)
		if !ok {
			continue
		}
		out = append(out, amount{start: m[0], end: m[1], v: v})
	}
	return out
}

// hasCurrency is a cheap test for a currency symbol or code in s.
func hasCurrency(s string) bool {
	if strings.ContainsAny(s, "$£€¥₹") {
		return true
	}
	for _, c := range [...]string{"usd", "cad", "aud", "nzd", "gbp", "eur", "chf", "sek", "nok", "dkk", "kr", "pln", "zł", "jpy", "inr", "yen", "dollar", "pound",
		"mxn", "ars", "cop", "clp", "peso", "fr.", "franc", "franken"} {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// amountGrouping and countGrouping remove digit-group separators.
var (
	amountGrouping = strings.NewReplacer(" ", "", "'", "", "’", "")
	countGrouping  = strings.NewReplacer(",", "", ".", "", " ", "")
)

// parseAmount parses "1,234.50", "1.234,50", "1 234,50", "1'299", "49,99",
// "1,000", "50".
func parseAmount(s string) (float64, bool) {
	s = amountGrouping.Replace(s)
	if s == "" {
		return 0, false
	}
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	var b strings.Builder
	switch {
	case lastDot >= 0 && lastComma >= 0:
		dec := byte('.')
		if lastComma > lastDot {
			dec = ','
		}
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == dec:
				b.WriteByte('.')
			case c >= '0' && c <= '9':
				b.WriteByte(c)
			}
		}
	case lastDot >= 0 || lastComma >= 0:
		sep := byte('.')
		pos := lastDot
		if lastComma >= 0 {
			sep, pos = ',', lastComma
		}
		thousands := strings.Count(s, string(sep)) > 1 || len(s)-pos-1 == 3
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == sep:
				if !thousands {
					b.WriteByte('.')
				}
			case c >= '0' && c <= '9':
				b.WriteByte(c)
			}
		}
	default:
		b.WriteString(s)
	}
	f, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// countRe matches a review count: "3,210", "12.345", "1.2k", "10k+".
const countTok = `\d{1,3}(?:[,. ]\d{3}){1,2}\b|\d{1,5}(?:[.,]\d)?\s*k\b|\d{1,8}\b`

func parseCount(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "k") {
		f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(strings.TrimSuffix(s, "k")), ",", ".", 1), 64)
		if err != nil {
			return 0, false
		}
		return math.Round(f * 1000), true
	}
	s = countGrouping.Replace(s)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

// tail returns the last n bytes of s (at most), starting on a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xc0 == 0x80 {
		i++
	}
	return s[i:]
}

// head returns the first n bytes of s (at most), ending on a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}
