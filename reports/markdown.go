package reports

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// Markdown writes a summary of sc for chat and pull requests: the verdict
// (where self stands and the changes worth the most points), the
// leaderboard, self's gaps per category and its strongest and weakest
// criteria. Scraped text is escaped so it cannot break the table or inject
// markup.
func Markdown(w io.Writer, sc *scoring.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("writing markdown report: %w", errNilScorecard)
	}
	v := buildView(sc)
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	title := "CX benchmark"
	if sc.Rubric.Name != "" {
		title += ": " + mdText(sc.Rubric.Name)
	}
	p("# %s\n\n", title)
	var meta []string
	if v.Run.Started != "—" {
		meta = append(meta, "Run "+v.Run.Started)
	}
	if sc.Run.Tool != "" {
		meta = append(meta, mdText(sc.Run.Tool))
	}
	if v.Rubric.HashShort != "" {
		meta = append(meta, "rubric `"+mdCode(v.Rubric.HashShort)+"`")
	}
	if v.Run.ConfigHashShort != "" {
		meta = append(meta, "config `"+mdCode(v.Run.ConfigHashShort)+"`")
	}
	meta = append(meta, fmt.Sprintf("%d pages, %d crawl errors", v.Run.Pages, v.Run.Errors))
	p("%s\n\n", strings.Join(meta, " · "))

	if vd := v.Verdict; vd.Headline != "" {
		p("**%s**\n\n", mdText(vd.Headline))
		if vd.Note != "" {
			p("⚠ %s\n\n", mdText(vd.Note))
		}
		if len(vd.Moves) > 0 {
			p("%s:\n\n", mdText(vd.MovesTitle))
			for i, m := range vd.Moves {
				p("%d. %s (%s): %s points — %s %s, %s %s\n", i+1, mdText(m.Criterion), mdText(m.Category), m.Points,
					mdText(m.Ours.Name), mdText(m.Ours.Value), mdText(m.Theirs.Name), mdText(m.Theirs.Value))
			}
			p("\n%s.\n\n", mdText(vd.Together))
		}
	}

	p("## Leaderboard\n\n")
	if len(v.Leaderboard) == 0 {
		p("No competitors were scored.\n\n")
	} else {
		p("| Rank | Competitor | Score | Coverage | Stability |\n")
		p("|---:|---|---:|---:|---|\n")
		for _, r := range v.Leaderboard {
			name := mdText(r.Name)
			if r.Self {
				name = "**" + name + "** (you)"
			}
			cov := r.Coverage
			if r.LowCoverage {
				cov += " ⚠ low"
			}
			p("| %d | %s | %s | %s | %s %s |\n", r.Rank, name, r.Overall, cov, r.Stability.Label, r.Stability.Pct)
		}
		p("\n")
		if v.LowCount > 0 {
			p("⚠ low: data covers less than %s of the rubric weight; read that rank with care.\n\n", v.Method.MinCoverage)
		}
	}

	if s := v.Self; s != nil {
		p("## %s: rank %d of %d, score %s\n\n", mdText(s.Name), s.Rank, s.Of, s.Overall)
		if len(s.Gaps) > 0 {
			p("| Category | %s | Best rival | Its score | Gap | Worth (points) |\n", mdText(s.Name))
			p("|---|---:|---|---:|---:|---:|\n")
			for _, g := range s.Gaps {
				p("| %s | %s | %s | %s | %s | %s |\n", mdText(g.Category), g.Self, mdText(cmp.Or(g.Rival, "—")), g.Best, g.Gap, g.Points)
			}
			p("\n")
		}
		list := func(title string, ds []deltaRow) {
			if len(ds) == 0 {
				return
			}
			p("**%s**\n\n", title)
			for _, d := range ds {
				p("- %s (%s): %s vs field %s (%s)\n", mdText(d.Criterion), mdText(d.Category), d.Self, d.FieldMean, d.Delta)
			}
			p("\n")
		}
		list("Strongest criteria", s.Strongest)
		list("Weakest criteria", s.Weakest)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("writing markdown report: %w", err)
	}
	return nil
}

// mdEscaper neutralises Markdown and HTML in scraped text placed in a
// table cell or list item.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "!", `\!`,
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

// mdText escapes s for one line of Markdown, without control characters
// or escape sequences (Markdown is read in chat clients and terminals).
func mdText(s string) string { return mdEscaper.Replace(signal.Printable(s)) }

// mdCode makes s safe inside a code span.
func mdCode(s string) string {
	return strings.NewReplacer("`", "'", "\n", " ", "\r", " ", "|", "/").Replace(s)
}
