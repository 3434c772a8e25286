// Package reports renders a scorecard for people and tools: a
// self-contained HTML page (charts, tables, a what-if weight simulator), a
// Markdown summary for chat and pull requests, a CSV of every criterion and
// the scorecard.json document itself.
//
// Every format is one function over one scorecard; none of them touches the
// network or the clock.
package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/cxbench/cxbench/scoring"
)

// Report formats accepted by Write.
const (
	FormatHTML     = "html"
	FormatMarkdown = "md"
	FormatCSV      = "csv"
	FormatJSON     = "json"
)

// errNilScorecard is returned by every writer given a nil scorecard.
var errNilScorecard = errors.New("no scorecard to render")

// Write renders sc to w in format: "html", "md", "csv" or "json".
func Write(w io.Writer, sc *scoring.Scorecard, format string) error {
	switch format {
	case FormatHTML:
		return HTML(w, sc)
	case FormatMarkdown:
		return Markdown(w, sc)
	case FormatCSV:
		return CSV(w, sc)
	case FormatJSON:
		return JSON(w, sc)
	}
	return fmt.Errorf("writing report: unknown format %q (want html, md, csv or json)", format)
}

// FormatFor picks the report format from the extension of path:
// .html/.htm, .md/.markdown, .csv or .json (case-insensitive).
func FormatFor(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return FormatHTML, nil
	case ".md", ".markdown":
		return FormatMarkdown, nil
	case ".csv":
		return FormatCSV, nil
	case ".json":
		return FormatJSON, nil
	}
	return "", fmt.Errorf("choosing report format for %q: unknown extension (want .html, .htm, .md, .markdown, .csv or .json)", path)
}

// JSON writes sc as indented scorecard.json.
func JSON(w io.Writer, sc *scoring.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("writing json report: %w", errNilScorecard)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sc); err != nil {
		return fmt.Errorf("writing json report: %w", err)
	}
	return nil
}
