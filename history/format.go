package history

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cxbench/cxbench/signal"
)

// Lines returns the diff as plain sentences, one per change, grouped per
// competitor (self first): what the text and Markdown formats and alerts
// show (the HTML report words moves the same way, Move.Words, with
// criterion names and units of its own).
func (d *Diff) Lines() []CompetitorLines {
	var out []CompetitorLines
	add := func(c CompetitorDiff) {
		cl := CompetitorLines{ID: signal.Printable(c.ID), Name: signal.Printable(c.Name), Self: c.Self}
		if c.Overall.Reported {
			cl.Lines = append(cl.Lines, "overall "+c.Overall.Words())
			for _, k := range c.Contributions {
				if math.Abs(k.Points) < 0.05 {
					continue
				}
				what := k.Category + "/" + k.Criterion
				if k.Category == "" {
					what = k.Criterion
				}
				cl.Because = append(cl.Because, fmt.Sprintf("%s %s %s (weight %.0f%%%s)", signal.Printable(what), signed(k.Points), pointsWord(k.Points),
					k.Share*100, ScoreChange(k.Old, k.New)))
			}
		}
		for _, m := range c.Categories {
			if m.Reported {
				cl.Lines = append(cl.Lines, signal.Printable(m.Name)+" "+m.Move.Words())
			}
		}
		for _, s := range c.Signals {
			cl.Lines = append(cl.Lines, s.String())
		}
		if len(cl.Lines) > 0 {
			out = append(out, cl)
		}
	}
	for _, c := range d.Competitors {
		if c.Self {
			add(c)
		}
	}
	for _, c := range d.Competitors {
		if !c.Self {
			add(c)
		}
	}
	return out
}

// CompetitorLines is one competitor's changes in words.
type CompetitorLines struct {
	ID, Name string
	Self     bool
	Lines    []string
	// Because explains the overall move by criterion.
	Because []string
}

// Words says a move for people: "70.0 → 63.9 (−6.1), rank 1 → 2 (down)",
// "now scored 55.0", "no longer scored (was 40.0)". The text diff, alerts
// and the HTML report all word moves this way.
func (m Move) Words() string {
	var s string
	switch {
	case m.Old == nil && m.New != nil:
		s = "now scored " + fmt1(*m.New)
	case m.Old != nil && m.New == nil:
		s = "no longer scored (was " + fmt1(*m.Old) + ")"
	case m.Old != nil:
		s = fmt1(*m.Old) + " → " + fmt1(*m.New) + " (" + signed(*m.New-*m.Old) + ")"
	}
	if m.OldRank != 0 && m.NewRank != 0 && m.OldRank != m.NewRank {
		word := "up"
		if m.NewRank > m.OldRank {
			word = "down"
		}
		s += fmt.Sprintf(", rank %d → %d (%s)", m.OldRank, m.NewRank, word)
	}
	return s
}

// ScoreChange says how a criterion's score changed, as a clause:
// ", score 40.0 → 55.0", ", newly scored 55.0", ", no longer scored".
func ScoreChange(old, cur *float64) string {
	switch {
	case old != nil && cur != nil:
		return ", score " + fmt1(*old) + " → " + fmt1(*cur)
	case cur != nil:
		return ", newly scored " + fmt1(*cur)
	case old != nil:
		return ", no longer scored"
	}
	return ""
}

func pointsWord(p float64) string {
	if math.Abs(p) == 1 {
		return "point"
	}
	return "points"
}

// fmt1 writes f with one decimal; a value that rounds to zero is "0.0",
// never "-0.0".
func fmt1(f float64) string {
	r := math.Round(f*10) / 10
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}

// signed writes f with its sign ("+2.5", "−2.5", "0.0").
func signed(f float64) string {
	r := math.Round(f*10) / 10
	switch {
	case r > 0:
		return "+" + strconv.FormatFloat(r, 'f', 1, 64)
	case r < 0:
		return "−" + strconv.FormatFloat(-r, 'f', 1, 64)
	}
	return "0.0"
}

// Text writes the diff for a terminal. Text from the runs (names, values)
// is printed without control characters or escape sequences.
func (d *Diff) Text(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "changes from %s to %s\n", signal.Printable(d.From.ID), signal.Printable(d.To.ID))
	d.common(&b, "", "  ", "    because: ")
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown writes the diff for chat and pull requests.
func (d *Diff) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## What changed since %s\n\nRun `%s` compared with `%s`.\n\n", d.From.At.UTC().Format(time.DateOnly), mdCode(d.To.ID), mdCode(d.From.ID))
	d.common(&b, "### ", "- ", "  - because: ")
	_, err := io.WriteString(w, b.String())
	return err
}

func (d *Diff) common(b *strings.Builder, head, item, because string) {
	for _, id := range d.Added {
		fmt.Fprintf(b, "%snew competitor: %s\n", item, mdIf(head, signal.Printable(id)))
	}
	for _, id := range d.Removed {
		fmt.Fprintf(b, "%scompetitor gone: %s\n", item, mdIf(head, signal.Printable(id)))
	}
	lines := d.Lines()
	if len(lines) == 0 && len(d.Added) == 0 && len(d.Removed) == 0 {
		fmt.Fprintln(b, "no meaningful change")
		return
	}
	for _, cl := range lines {
		name := cl.Name
		if cl.Self {
			name += " (you)"
		}
		if head != "" {
			fmt.Fprintf(b, "\n%s%s\n\n", head, mdEscape(name))
		} else {
			fmt.Fprintf(b, "%s\n", name)
		}
		for i, l := range cl.Lines {
			if head != "" {
				l = mdEscape(l)
			}
			fmt.Fprintf(b, "%s%s\n", item, l)
			if i == 0 && strings.HasPrefix(l, "overall") {
				for _, c := range cl.Because {
					fmt.Fprintf(b, "%s%s\n", because, c)
				}
			}
		}
	}
}

// mdIf escapes s for Markdown when writing Markdown (head is set).
func mdIf(head, s string) string {
	if head != "" {
		return mdEscape(s)
	}
	return s
}

// mdCode makes s safe in a code span.
func mdCode(s string) string { return strings.ReplaceAll(signal.Printable(s), "`", "'") }

func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "|", `\|`)
	return r.Replace(s)
}
