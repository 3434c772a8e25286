package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
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

type changeGroup struct {
	Name    string
	Self    bool
	Lines   []string
	Because []string
}

// sparkline is a competitor's overall score over runs, drawn inline.
type sparkline struct {
	Points string // SVG polyline points
	LastX  string
	LastY  string
	Label  string // for screen readers and the tooltip
}

// Sparkline geometry, in SVG user units.
const (
	sparkW = 84.0
	sparkH = 22.0
	sparkP = 2.0
)

// applyHistory adds h's trends and changes to v.
func applyHistory(v *view, sc *scoring.Scorecard, h *History) {
	if h == nil {
		return
	}
	if h.Diff != nil {
		cv := &changesView{Since: fmtTime(h.Diff.From.At), FromID: h.Diff.From.ID, ToID: h.Diff.To.ID}
		for _, cl := range h.Diff.Lines() {
			cv.Groups = append(cv.Groups, changeGroup{Name: cl.Name, Self: cl.Self, Lines: cl.Lines, Because: cl.Because})
		}
		names := map[string]string{}
		for _, c := range sc.Competitors {
			names[c.ID] = c.Name
		}
		for _, id := range h.Diff.Added {
			cv.Added = append(cv.Added, nameOr(names, id))
		}
		cv.Gone = append(cv.Gone, h.Diff.Removed...)
		v.Changes = cv
	}
	if h.Trend == nil || len(h.Trend.Runs) < 2 {
		return
	}
	v.HasTrend = true
	for i := range v.Leaderboard {
		v.Leaderboard[i].Spark = spark(h.Trend, v.Leaderboard[i].ID)
	}
	v.Charts.Trends = trendCharts(sc, h.Trend)
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
// category, a line per competitor.
func trendCharts(sc *scoring.Scorecard, t *history.Trend) []chartSpec {
	labels := make([]string, len(t.Runs))
	for i, r := range t.Runs {
		labels[i] = r.At.UTC().Format("2006-01-02 15:04")
	}
	out := []chartSpec{trendChart("chart-trend-overall", "Overall", labels, sc, t, func(s history.TrendScores) *float64 {
		o := s.Overall
		return &o
	})}
	for _, cat := range sc.Rubric.Categories {
		id := cat.ID
		out = append(out, trendChart("chart-trend-"+id, cat.Name, labels, sc, t, func(s history.TrendScores) *float64 {
			return s.Categories[id]
		}))
	}
	return out
}

func trendChart(id, title string, labels []string, sc *scoring.Scorecard, t *history.Trend, pick func(history.TrendScores) *float64) chartSpec {
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: title, TitleStyle: &opts.TextStyle{Color: colorText, FontSize: 14}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", TextStyle: &opts.TextStyle{Color: colorText}}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "36", Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colorGrid}},
			AxisLabel: &opts.AxisLabel{Color: colorMuted}}),
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Color: colorMuted}}),
	)
	line.SetXAxis(labels)
	for _, c := range sc.Competitors {
		data := make([]opts.LineData, len(t.Runs))
		for i, r := range t.Runs {
			data[i] = opts.LineData{Value: "-"}
			if s, ok := r.Scores[c.ID]; ok {
				if v := pick(s); v != nil {
					data[i] = opts.LineData{Value: round1(*v)}
				}
			}
		}
		color, width := colorOther, float32(1.5)
		if c.Self {
			color, width = colorSelf, 3
		}
		line.AddSeries(c.Name, data, charts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: width}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
			charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true), ShowSymbol: opts.Bool(true)}))
	}
	line.Validate()
	return chartSpec{ID: id, Height: 260, Option: line.JSON()}
}
