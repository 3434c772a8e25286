package reports

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// History is what the HTML report shows about earlier runs: trend lines
// and sparklines, and what changed since the previous run.
type History struct {
	// Trend holds the runs to draw, oldest first, this run last.
	Trend *history.Trend
	// Diff is the change since the previous run; nil on the first run.
	Diff *history.Diff
}

// HTMLWithHistory is HTML plus, when h has them, a "what changed since the
// last run" section, trend charts (overall and per category, per
// competitor) and a sparkline per competitor in the leaderboard.
func HTMLWithHistory(w io.Writer, sc *scoring.Scorecard, h *History) error {
	if sc == nil {
		return fmt.Errorf("writing html report: %w", errNilScorecard)
	}
	if htmlErr != nil {
		return htmlErr
	}
	return htmlDefault.render(w, sc, h)
}

// changesView is the "what changed since the last run" section.
type changesView struct {
	Since  string // date of the previous run
	FromID string
	ToID   string
	Groups []changeGroup
	Added  []string
	Gone   []string
}

// changeGroup is one competitor's changes, largest first, in words for
// people: criterion names from the rubric, signal titles from the catalog.
type changeGroup struct {
	Name    string
	Self    bool
	Overall *changeLine // nil when the overall score did not move enough
	Lines   []changeLine
	// Because explains the overall move by criterion, largest first.
	Because []changeLine
	size    float64
}

// changeLine is one change; Dir (better, worse, neutral) styles it and is
// also in the words.
type changeLine struct {
	Text string
	Dir  string
	size float64
}

// Sparkline geometry, in SVG user units.
const (
	sparkW = 84.0
	sparkH = 22.0
	sparkP = 2.0
)

// sparkline is a competitor's overall score over runs, drawn inline.
type sparkline struct {
	Points string // SVG polyline points
	LastX  string
	LastY  string
	Label  string // for screen readers and the tooltip
}

// applyHistory adds h's trends and changes to v.
func applyHistory(v *view, sc *scoring.Scorecard, h *History) {
	if h == nil {
		return
	}
	if h.Diff != nil {
		v.Changes = buildChanges(sc, h.Diff)
	}
	if h.Trend == nil || len(h.Trend.Runs) < 2 {
		return
	}
	v.HasTrend = true
	for i := range v.Leaderboard {
		v.Leaderboard[i].Spark = spark(h.Trend, v.Leaderboard[i].ID)
	}
	leaderID := ""
	for _, row := range v.Leaderboard {
		if row.Leader {
			leaderID = row.ID
		}
	}
	v.Charts.Trends = trendCharts(sc, h.Trend, leaderID)
}

// namer names signals and criteria for people.
type namer struct {
	bySignal map[string]string // signal → first criterion using it
	byCrit   map[string]string // category/criterion → "Return window (Policies)"
}

func newNamer(r scoring.RubricInfo) namer {
	n := namer{bySignal: map[string]string{}, byCrit: map[string]string{}}
	for _, cat := range r.Categories {
		for _, cr := range cat.Criteria {
			name := criterionName(cr.Name, cr.ID, cr.Signal)
			if name == cr.Signal {
				if t := signal.Title(cr.Signal); t != "" {
					name = t
				}
			}
			if _, ok := n.bySignal[cr.Signal]; !ok {
				n.bySignal[cr.Signal] = name
			}
			n.byCrit[cat.ID+"/"+cr.ID] = name + " (" + cmp.Or(cat.Name, cat.ID) + ")"
		}
	}
	return n
}

// signal names a signal: the rubric's criterion name, else the catalog's
// title, else the signal's own name.
func (n namer) signal(name string) string {
	if s, ok := n.bySignal[name]; ok {
		return s
	}
	if t := signal.Title(name); t != "" {
		return t
	}
	return name
}

func (n namer) criterion(cat, crit string) string {
	if s, ok := n.byCrit[cat+"/"+crit]; ok {
		return s
	}
	return crit
}

func buildChanges(sc *scoring.Scorecard, d *history.Diff) *changesView {
	cv := &changesView{Since: fmtTime(d.From.At), FromID: d.From.ID, ToID: d.To.ID}
	nm := newNamer(sc.Rubric)
	names := map[string]string{}
	for _, c := range sc.Competitors {
		names[c.ID] = c.Name
	}
	for _, id := range d.Added {
		cv.Added = append(cv.Added, nameOr(names, id))
	}
	cv.Gone = append(cv.Gone, d.Removed...)
	for _, c := range d.Competitors {
		if g := buildChangeGroup(nm, c); g != nil {
			cv.Groups = append(cv.Groups, *g)
		}
	}
	// Self first, then the largest overall moves.
	slices.SortStableFunc(cv.Groups, func(a, b changeGroup) int {
		if a.Self != b.Self {
			if a.Self {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.size, a.size)
	})
	return cv
}

func buildChangeGroup(nm namer, c history.CompetitorDiff) *changeGroup {
	g := &changeGroup{Name: c.Name, Self: c.Self, size: math.Abs(c.Overall.Delta()) + float64(absInt(c.Overall.RankDrop()))}
	if c.Overall.Reported {
		g.Overall = &changeLine{Text: "Overall " + c.Overall.Words(), Dir: moveDir(c.Overall)}
		for _, k := range c.Contributions {
			if math.Abs(k.Points) < minShown {
				continue
			}
			text := "Coverage changes: " + signedScore(k.Points) + " points"
			if k.Category != "" {
				text = fmt.Sprintf("%s: %s points (weight %s%s)", nm.criterion(k.Category, k.Criterion), signedScore(k.Points), pct(k.Share), history.ScoreChange(k.Old, k.New))
			}
			g.Because = append(g.Because, changeLine{Text: text, Dir: signDir(k.Points), size: math.Abs(k.Points)})
		}
	}
	var cats []changeLine
	for _, m := range c.Categories {
		if m.Reported {
			cats = append(cats, changeLine{Text: cmp.Or(m.Name, m.ID) + " " + m.Move.Words(), Dir: moveDir(m.Move), size: math.Abs(m.Delta())})
		}
	}
	slices.SortStableFunc(cats, func(a, b changeLine) int { return cmp.Compare(b.size, a.size) })
	// A signal change is as large as the overall points its criterion moved.
	points := map[string]float64{}
	for _, k := range c.Contributions {
		if k.Signal != "" {
			points[k.Signal] += math.Abs(k.Points)
		}
	}
	var sigs []changeLine
	for _, s := range c.Signals {
		sigs = append(sigs, changeLine{Text: signalWords(nm, s), Dir: s.Direction, size: points[s.Signal]})
	}
	slices.SortStableFunc(sigs, func(a, b changeLine) int {
		return cmp.Or(cmp.Compare(b.size, a.size), strings.Compare(a.Text, b.Text))
	})
	g.Lines = append(cats, sigs...)
	if g.Overall == nil && len(g.Lines) == 0 {
		return nil
	}
	return g
}

func absInt(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// signalWords is "Return window: 30 days → 14 days (worse)".
func signalWords(nm namer, s history.SignalChange) string {
	name := nm.signal(s.Signal)
	var t string
	switch s.Kind {
	case history.Appeared:
		t = name + ": now found, " + fmtValue(s.New, s.Signal)
	case history.Vanished:
		t = name + ": no longer found (was " + fmtValue(s.Old, s.Signal) + ")"
	default:
		t = name + ": " + fmtValue(s.Old, s.Signal) + " → " + fmtValue(s.New, s.Signal)
	}
	if s.Direction == history.Better || s.Direction == history.Worse {
		t += " (" + s.Direction + ")"
	}
	return t
}

// moveWords is "59.8 → 62.1 (+2.3), rank 4 → 3 (up)".
func moveDir(m history.Move) string {
	if d := m.RankDrop(); d != 0 {
		if d < 0 {
			return history.Better
		}
		return history.Worse
	}
	return signDir(m.Delta())
}

func signDir(d float64) string {
	switch {
	case d >= minShown:
		return history.Better
	case d <= -minShown:
		return history.Worse
	}
	return history.Neutral
}

// spark draws competitor id's overall scores on a fixed 0–100 scale.
func spark(t *history.Trend, id string) *sparkline {
	n := len(t.Runs)
	var pts []string
	var vals []string
	var lastX, lastY float64
	for i, r := range t.Runs {
		s, ok := r.Scores[id]
		if !ok {
			continue
		}
		x := sparkP + (sparkW-2*sparkP)*float64(i)/float64(max(n-1, 1))
		y := sparkP + (sparkH-2*sparkP)*(1-s.Overall/100)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		vals = append(vals, fmtScore(s.Overall))
		lastX, lastY = x, y
	}
	if len(pts) < 2 {
		return nil
	}
	return &sparkline{
		Points: strings.Join(pts, " "), LastX: fmt.Sprintf("%.1f", lastX), LastY: fmt.Sprintf("%.1f", lastY),
		Label: fmt.Sprintf("Overall over the last %d runs: %s", len(vals), strings.Join(vals, ", ")),
	}
}

// trendCharts draws one line chart of overall scores and one per
// category, a line per competitor: self and the leader stand out, the
// rest of the field is muted. leaderID is the leaderboard's leader ("": none).
func trendCharts(sc *scoring.Scorecard, t *history.Trend, leaderID string) []chartSpec {
	labels := make([]any, len(t.Runs))
	for i, r := range t.Runs {
		labels[i] = r.At.UTC().Format("2 Jan 15:04")
	}
	out := []chartSpec{trendChart("chart-trend-overall", labels, sc, t, leaderID, func(s history.TrendScores) *float64 {
		o := s.Overall
		return &o
	})}
	for i, cat := range sc.Rubric.Categories {
		id := cat.ID
		out = append(out, trendChart(fmt.Sprintf("chart-trend-%d", i), labels, sc, t, leaderID, func(s history.TrendScores) *float64 {
			return s.Categories[id]
		}))
	}
	return out
}

func trendChart(id string, labels []any, sc *scoring.Scorecard, t *history.Trend, leaderID string, pick func(history.TrendScores) *float64) chartSpec {
	o := &option{
		Tooltip: &tooltip{Trigger: "item", Confine: true},
		Legend:  &legend{Show: true, Bottom: 0, TextStyle: &textStyle{Color: colorText}, ItemWidth: 28},
		Grid:    &grid{Left: 8, Right: 24, Top: 12, Bottom: 36, ContainLabel: true},
		XAxis: []axis{{Type: "category", Data: labels, BoundaryGap: ptrTo(false),
			AxisLabel: &axisLabel{Color: colorMuted},
			AxisLine:  &axisLine{Show: true, LineStyle: &lineStyle{Color: colorMutedLn}}}},
		YAxis: []axis{{Type: "value", Min: ptrTo(0.0), Max: ptrTo(100.0),
			SplitLine: &axisLine{Show: true, LineStyle: &lineStyle{Color: colorGrid}},
			AxisLabel: &axisLabel{Color: colorMuted}}},
	}
	var highlighted []string
	add := func(c scoring.Competitor, role string) {
		data := make([]any, len(t.Runs))
		for i, r := range t.Runs {
			data[i] = "-"
			if s, ok := r.Scores[c.ID]; ok {
				if v := pick(s); v != nil {
					data[i] = round1(*v)
				}
			}
		}
		s := series{Type: "line", Name: c.Name, Data: data, ConnectNulls: ptrTo(true), Emphasis: &emphasis{Focus: "series"}}
		switch role {
		case "self":
			s.Z, s.Symbol, s.SymbolSize = 4, "circle", 7
			s.LineStyle, s.ItemStyle = &lineStyle{Color: colorSelf, Width: 3}, &itemStyle{Color: colorSelf}
			highlighted = append(highlighted, c.Name)
		case "leader":
			s.Z, s.Symbol, s.SymbolSize = 3, "diamond", 7
			s.LineStyle, s.ItemStyle = &lineStyle{Color: colorLeader, Width: 2.5, Type: "dashed"}, &itemStyle{Color: colorLeader}
			highlighted = append(highlighted, c.Name)
		default:
			s.Z, s.Symbol, s.SymbolSize, s.ShowSymbol = 1, "circle", 3, ptrTo(false)
			s.LineStyle, s.ItemStyle = &lineStyle{Color: colorMutedLn, Width: 1.2}, &itemStyle{Color: colorOther}
		}
		o.Series = append(o.Series, s)
	}
	// Muted lines first, so the highlighted ones are drawn on top and
	// listed in the legend.
	for _, c := range sc.Competitors {
		if !c.Self && c.ID != leaderID {
			add(c, "field")
		}
	}
	for _, c := range sc.Competitors {
		if c.ID == leaderID && !c.Self {
			add(c, "leader")
		}
	}
	for _, c := range sc.Competitors {
		if c.Self {
			add(c, "self")
		}
	}
	o.Legend.Data = highlighted
	if len(highlighted) == 0 {
		o.Legend.Show = false
	}
	return chartSpec{ID: id, Height: 260, Option: o}
}
