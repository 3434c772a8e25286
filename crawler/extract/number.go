package extract

import (
	"math"
	"strconv"
	"strings"
)

// parseNumber reads the first number in s, written the way people write
// them: "4.6", "1,234", "1,234.5", "12.345,67", "€ 12,50", "4,6", "1'234".
// A single separator followed by exactly three digits is a thousands
// separator when it is a comma ("1,234" = 1234) and a decimal point when it
// is a dot ("1.234" = 1.234); with both kinds, the last one is the decimal
// separator.
func parseNumber(s string) (float64, bool) {
	tok, neg := numberToken(s)
	if tok == "" {
		return 0, false
	}
	dots, commas := strings.Count(tok, "."), strings.Count(tok, ",")
	var clean string
	switch {
	case dots > 0 && commas > 0:
		dec := "."
		if strings.LastIndex(tok, ",") > strings.LastIndex(tok, ".") {
			dec = ","
		}
		clean = normaliseDecimal(tok, dec)
	case commas == 1 && dots == 0:
		if groupOf3After(tok, ",") {
			clean = strings.ReplaceAll(tok, ",", "")
		} else {
			clean = strings.Replace(tok, ",", ".", 1)
		}
	case commas > 1:
		clean = strings.ReplaceAll(tok, ",", "")
	case dots > 1:
		clean = strings.ReplaceAll(tok, ".", "")
	default:
		clean = tok
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	if neg {
		f = -f
	}
	return f, true
}

// parseCount reads a count of reviews: like parseNumber, but "1.234" (a
// dot before exactly three digits) is a thousands separator, as counts are
// whole numbers.
func parseCount(s string) (float64, bool) {
	tok, neg := numberToken(s)
	if tok == "" || neg {
		return 0, false
	}
	if strings.Count(tok, ",") == 0 && strings.Count(tok, ".") >= 1 && groupOf3After(tok, ".") {
		tok = strings.ReplaceAll(tok, ".", "")
	}
	f, ok := parseNumber(tok)
	if !ok || f < 0 {
		return 0, false
	}
	return math.Round(f), true
}

// numberToken returns the first run of digits with its grouping and decimal
// separators (apostrophes, thin and no-break spaces followed by three
// digits count as grouping; a plain space ends the number), and whether a minus sign preceded it.
func numberToken(s string) (string, bool) {
	start := -1
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			start = i
			break
		}
	}
	if start < 0 {
		return "", false
	}
	neg := start > 0 && s[start-1] == '-'
	var b strings.Builder
	i := start
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
			i++
		case (c == '.' || c == ',') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			b.WriteByte(c)
			i++
		case c == '\'':
			if threeDigits(s[i+1:]) {
				i++
				continue
			}
			return b.String(), neg
		case strings.HasPrefix(s[i:], "\u00a0") || strings.HasPrefix(s[i:], "\u202f"):
			n := len("\u00a0")
			if strings.HasPrefix(s[i:], "\u202f") {
				n = len("\u202f")
			}
			if threeDigits(s[i+n:]) {
				i += n
				continue
			}
			return b.String(), neg
		default:
			return b.String(), neg
		}
	}
	return b.String(), neg
}

// threeDigits reports whether s starts with exactly three digits.
func threeDigits(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

// groupOf3After reports whether every sep in tok is followed by exactly
// three digits and the first group has one to three digits.
func groupOf3After(tok, sep string) bool {
	parts := strings.Split(tok, sep)
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

func normaliseDecimal(tok, dec string) string {
	group := ","
	if dec == "," {
		group = "."
	}
	tok = strings.ReplaceAll(tok, group, "")
	return strings.Replace(tok, dec, ".", 1)
}

// round3 rounds to three decimals, to keep averages free of float noise.
func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
