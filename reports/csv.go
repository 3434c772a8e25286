package reports

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// csvHeader names the CSV columns.
var csvHeader = []string{
	"competitor_id", "competitor_name", "category", "criterion_id", "signal",
	"value", "score", "weight", "evidence_url", "explain",
}

// CSV writes one row per competitor × criterion. Cells that a spreadsheet
// would run as a formula are prefixed with an apostrophe.
func CSV(w io.Writer, sc *scoring.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("writing csv report: %w", errNilScorecard)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("writing csv report: %w", err)
	}
	for _, c := range sc.Competitors {
		for _, cat := range c.Categories {
			for _, cr := range cat.Criteria {
				value := ""
				if cr.Value.Valid() {
					value = cr.Value.String()
				}
				score := ""
				if cr.Score != nil {
					score = signal.FormatNumber(*cr.Score)
				}
				evURL := ""
				for _, e := range cr.Evidence {
					if e.URL != "" {
						evURL = e.URL
						break
					}
				}
				row := []string{
					c.ID, c.Name, cat.ID, cr.ID, cr.Signal,
					value, score, signal.FormatNumber(cr.Weight), evURL, cr.Explain,
				}
				for i := range row {
					row[i] = csvSafe(row[i])
				}
				if err := cw.Write(row); err != nil {
					return fmt.Errorf("writing csv report: %w", err)
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing csv report: %w", err)
	}
	return nil
}

// csvSafe guards against CSV formula injection: a cell starting with
// = + - @ (or a tab or carriage return, which some spreadsheets skip) gets
// a leading apostrophe, unless it is a plain number such as -5.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if s[0] == '-' && isDecimal(s[1:]) {
			return s
		}
		return "'" + s
	}
	return s
}

// isDecimal reports whether s is digits with at most one decimal point.
func isDecimal(s string) bool {
	digits, dots := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}
