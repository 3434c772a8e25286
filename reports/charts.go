package reports

import (
	"math"

	"github.com/cxbench/cxbench/scoring"
)

// The report's palette. Self is the one dark accent everywhere, the leader
// a second dark colour, the field a light grey: in greyscale self and the
// leader stay dark against a light field, and lines differ by dash too.
const (
	colorSelf    = "#1d4ed8"
	colorSelfLow = "#dbe6fe"
	colorLeader  = "#0f766e"
	colorOther   = "#94a3b8"
	colorOtherLo = "#f1f5f9"
	colorMutedLn = "#cbd5e1"
	colorField   = "#475569"
	colorText    = "#334155"
	colorMuted   = "#64748b"
	colorGrid    = "#e2e8f0"
	colorHatch   = "#64748b"
)

// heatColors is the score scale from 0 to 100: cividis (designed for
// colour-blind readers) reversed, so that luminance falls steadily with
// the score: 0 prints pale, 100 dark, in colour or grey.
var heatColors = []string{"#ffea46", "#e4cf5b", "#c4b56c", "#a69d75", "#8a8779", "#707173", "#575c6d", "#39486b", "#00336f", "#00204d"}

// hatch is the pattern of unknown values (heatmap cells without data) and
// of low-coverage bars.
func hatch(color string) *decal {
	return &decal{Symbol: "rect", SymbolSize: 1, DashArrayX: []float64{1, 0}, DashArrayY: []float64{2, 5}, Rotation: math.Pi / 4, Color: color}
}

// Heatmap cells carry their score as text up to this many competitors.
const heatLabelsUpTo = 12

// chartSet holds the ECharts options of the report's charts.
type chartSet struct {
	Leaderboard chartSpec `json:"leaderboard"`
	Radar       chartSpec `json:"radar"`
	Heatmap     chartSpec `json:"heatmap"`
	// Trends are the history charts (overall, then each category); empty
	// without history.
	Trends []chartSpec `json:"trends,omitempty"`
}

// chartSpec is one chart: its element id, height in CSS pixels and option.
type chartSpec struct {
	ID     string  `json:"id"`
	Height int     `json:"height"`
	Option *option `json:"option"`
	// PrintHeight is the height on paper (at 680 px wide), when it
	// differs: long leaderboards get thinner bars.
	PrintHeight int `json:"print_height,omitempty"`
	// Labels are the radar's axis names ("Loyalty", or "Loyalty · n/a:
	// Pine & Barrel" when a drawn series has no score there).
	Labels []string `json:"labels,omitempty"`
}

// clientData is what the page's script computes with when the what-if
// weights or the head-to-head pair change: the same figures buildView
// starts from (see field).
type clientData struct {
	MinCoverage float64            `json:"min_coverage"`
	Categories  []clientCategory   `json:"categories"`
	Competitors []clientCompetitor `json:"competitors"`
	// FieldAverage is the radar's field-average series per category.
	FieldAverage []*float64   `json:"field_average"`
	Colors       clientColors `json:"colors"`
}

type clientCategory struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Weight   float64           `json:"weight"`
	Criteria []clientCriterion `json:"criteria"`
}

type clientCriterion struct {
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
}

type clientCompetitor struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Self     bool       `json:"self"`
	Low      bool       `json:"low"`
	Overall  float64    `json:"overall"`
	Rank     int        `json:"rank"`
	Coverage float64    `json:"coverage"`
	Scores   []*float64 `json:"scores"`    // per category
	CatCov   []float64  `json:"cat_cov"`   // per category, 0–1
	Crit     []*float64 `json:"crit"`      // per criterion, across categories
	Values   []string   `json:"values"`    // per criterion, for people
	Stab     string     `json:"stability"` // badge text at the rubric weights
}

type clientColors struct {
	Self     string    `json:"self"`
	SelfLow  string    `json:"self_low"`
	Leader   string    `json:"leader"`
	Other    string    `json:"other"`
	OtherLow string    `json:"other_low"`
	Field    string    `json:"field"`
	Hatch    string    `json:"hatch"`
	Top      [3]string `json:"top"`
}

// topColors colour the radar when there is no self: the leader, second and
// third.
var topColors = [3]string{colorSelf, colorLeader, "#b45309"}

func buildClient(sc *scoring.Scorecard, f *field) clientData {
	cd := clientData{MinCoverage: f.minCoverage, Colors: clientColors{
		Self: colorSelf, SelfLow: colorSelfLow, Leader: colorLeader, Other: colorOther, OtherLow: colorOtherLo,
		Field: colorField, Hatch: colorHatch, Top: topColors,
	}}
	for _, cat := range f.cats {
		cc := clientCategory{ID: cat.id, Name: cat.name, Weight: cat.weight}
		for _, cr := range cat.crits {
			cc.Criteria = append(cc.Criteria, clientCriterion{Name: cr.name, Weight: cr.weight})
		}
		cd.Categories = append(cd.Categories, cc)
		cd.FieldAverage = append(cd.FieldAverage, round1p(fieldAverage(sc.Competitors, cat.id)))
	}
	for i, c := range sc.Competitors {
		fc := &f.comps[i]
		cc := clientCompetitor{
			ID: c.ID, Name: c.Name, Self: c.Self, Low: c.LowCoverage, Overall: c.Overall, Rank: c.Rank,
			Coverage: c.Coverage, Scores: fc.cat, CatCov: fc.catCov, Crit: fc.crit, Values: make([]string, f.nCrit),
		}
		b := stability(c.RankStability)
		cc.Stab = b.Label + " " + b.Pct
		for k, cs := range fc.critAt {
			cc.Values[k] = "no data"
			if cs != nil {
				cc.Values[k] = fmtValue(cs.Value, cs.Signal)
			}
		}
		cd.Competitors = append(cd.Competitors, cc)
	}
	return cd
}

func buildCharts(sc *scoring.Scorecard, rv radarView) chartSet {
	return chartSet{
		Leaderboard: leaderboardChart(sc.Competitors),
		Radar:       radarChart(sc, rv),
		Heatmap:     heatmapChart(sc),
	}
}

// barStyle is a competitor's bar: self dark blue, others light grey;
// low coverage hatched on a pale fill.
func barStyle(self, low bool) *itemStyle {
	switch {
	case self && low:
		return &itemStyle{Color: colorSelfLow, BorderColor: colorSelf, BorderWidth: 1, Decal: hatch(colorSelf)}
	case self:
		return &itemStyle{Color: colorSelf}
	case low:
		return &itemStyle{Color: colorOtherLo, BorderColor: colorHatch, BorderWidth: 1, Decal: hatch(colorHatch)}
	}
	return &itemStyle{Color: colorOther}
}

// axisName is a category-axis label, bold and in the accent colour for self.
func axisName(name string, self bool) any {
	if !self {
		return name
	}
	return axisValue{Value: name, TextStyle: &textStyle{Color: colorSelf}}
}

// barRow is the height of one bar's row: every competitor gets a bar, on
// screen and on paper, so rows get thinner as the field grows.
func barRow(n int) int {
	switch {
	case n <= 12:
		return 30
	case n <= 60:
		return 20
	}
	return 16
}

func leaderboardChart(comps []scoring.Competitor) chartSpec {
	names := make([]any, 0, len(comps))
	data := make([]any, 0, len(comps))
	for _, c := range comps {
		names = append(names, axisName(c.Name, c.Self))
		item := dataItem{Name: c.Name, Value: round1(c.Overall), ItemStyle: barStyle(c.Self, c.LowCoverage)}
		data = append(data, item)
	}
	fontSize := 12
	if len(comps) > 30 {
		fontSize = 10
	}
	o := &option{
		Tooltip: &tooltip{Trigger: "item", Confine: true},
		Grid:    &grid{Left: 8, Right: 56, Top: 6, Bottom: 6, ContainLabel: true},
		XAxis: []axis{{
			Type: "value", Min: ptrTo(0.0), Max: ptrTo(100.0),
			SplitLine: &axisLine{Show: true, LineStyle: &lineStyle{Color: colorGrid}},
			AxisLabel: &axisLabel{Color: colorMuted},
		}},
		YAxis: []axis{{
			Type: "category", Data: names, Inverse: true,
			AxisLabel: &axisLabel{Color: colorText, FontSize: fontSize, Width: 170, Overflow: "truncate", Interval: ptrTo(0)},
			AxisLine:  &axisLine{Show: true, LineStyle: &lineStyle{Color: colorGrid}},
			AxisTick:  &shown{Show: false},
		}},
		Series: []series{{
			Type: "bar", Name: "Overall score", Data: data, BarCategoryGap: "30%", BarMaxWidth: 22,
			Label: &label{Show: true, Position: "right", Color: colorText, FontWeight: "bold", FontSize: fontSize},
		}},
	}
	spec := chartSpec{ID: "chart-leaderboard", Height: 40 + barRow(len(comps))*max(len(comps), 2), Option: o}
	if len(comps) > 12 {
		// On paper every bar is still drawn, thinner.
		spec.PrintHeight = 40 + 11*len(comps)
	}
	return spec
}

// radarChart draws category scores on a polar grid, one line per series
// and closed around the circle. A series without a score in a category
// has no point there: its line breaks on both sides of that axis (never a
// point at 0), and the axis name says "n/a" for it.
func radarChart(sc *scoring.Scorecard, rv radarView) chartSpec {
	n := len(sc.Rubric.Categories)
	labels := make([]string, n)
	for i, cat := range sc.Rubric.Categories {
		labels[i] = cat.Name
		var missing []string
		for _, s := range rv.Series {
			if i < len(s.values) && s.values[i] == nil {
				missing = append(missing, s.Name)
			}
		}
		if len(missing) > 0 {
			labels[i] += "\n(n/a: " + joinNames(missing) + ")"
		}
	}
	o := &option{
		Tooltip: &tooltip{Trigger: "item", Confine: true},
		Legend:  &legend{Show: true, Bottom: 0, TextStyle: &textStyle{Color: colorText}, ItemWidth: 28},
		Polar:   &polar{Center: []string{"50%", "47%"}, Radius: "66%"},
		AngleAxis: &axis{
			Type: "value", Min: ptrTo(0.0), Max: ptrTo(float64(max(n, 1))), Interval: 1, StartAngle: 90, Clockwise: ptrTo(true),
			AxisLabel: &axisLabel{Color: colorText, FontSize: 12, Margin: 10},
			AxisLine:  &axisLine{Show: false},
			AxisTick:  &shown{Show: false},
			SplitLine: &axisLine{Show: true, LineStyle: &lineStyle{Color: colorMutedLn}},
		},
		RadiusAxis: &axis{
			Type: "value", Min: ptrTo(0.0), Max: ptrTo(100.0), Interval: 25,
			AxisLabel: &axisLabel{Color: colorMuted, FontSize: 10},
			AxisLine:  &axisLine{Show: false},
			AxisTick:  &shown{Show: false},
			SplitLine: &axisLine{Show: true, LineStyle: &lineStyle{Color: colorGrid}},
		},
	}
	for i, s := range rv.Series {
		color, dash, width, sym := colorOther, "solid", 2.0, "circle"
		switch s.Role {
		case "self":
			color, width = colorSelf, 3
		case "leader":
			color, dash, sym = colorLeader, "dashed", "diamond"
		case "field":
			color, dash, sym = colorField, "dotted", "triangle"
		case "top":
			color = topColors[i%len(topColors)]
			dash = []string{"solid", "dashed", "dotted"}[i%3]
			sym = []string{"circle", "diamond", "triangle"}[i%3]
		}
		o.Series = append(o.Series, series{
			Type: "line", Name: s.Name, CoordinateSystem: "polar", Data: polarData(s.values),
			ConnectNulls: ptrTo(false), Symbol: sym, SymbolSize: 7, Z: 10 - i,
			LineStyle: &lineStyle{Color: color, Width: width, Type: dash},
			ItemStyle: &itemStyle{Color: color},
		})
	}
	return chartSpec{ID: "chart-radar", Height: 420, Option: o, Labels: labels}
}

// polarData is one radar series as [score, axis] points, closed by
// repeating the first axis at the end; "-" where there is no score.
func polarData(values []*float64) []any {
	out := make([]any, 0, len(values)+1)
	point := func(v *float64, at int) any {
		if v == nil {
			return []any{"-", at}
		}
		return []any{round1(*v), at}
	}
	for i, v := range values {
		out = append(out, point(v, i))
	}
	if len(values) > 0 {
		out = append(out, point(values[0], len(values)))
	}
	return out
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " and " + names[len(names)-1]
}

func heatmapChart(sc *scoring.Scorecard) chartSpec {
	n := len(sc.Competitors)
	var xs, ys []any
	for _, c := range sc.Competitors {
		name := c.Name
		if c.LowCoverage {
			name = "(low) " + name
		}
		xs = append(xs, axisName(name, c.Self))
	}
	type crit struct{ cat, id string }
	var crits []crit
	for _, cat := range sc.Rubric.Categories {
		for _, cr := range cat.Criteria {
			crits = append(crits, crit{cat.ID, cr.ID})
			ys = append(ys, criterionName(cr.Name, cr.ID, cr.Signal))
		}
	}
	labels := n <= heatLabelsUpTo
	var known, unknown []any
	for x, c := range sc.Competitors {
		for y, cr := range crits {
			cs := criterionScore(c, cr.cat, cr.id)
			if cs == nil || cs.Score == nil {
				raw := "not scored"
				if cs != nil {
					raw = fmtValue(cs.Value, cs.Signal)
				}
				// The third figure only places the cell: this series has
				// no visual map, is drawn hatched and labelled n/a.
				unknown = append(unknown, dataItem{Name: raw, Value: []any{x, y, 0}})
				continue
			}
			known = append(known, dataItem{Name: fmtValue(cs.Value, cs.Signal), Value: []any{x, y, round1(*cs.Score)}})
		}
	}
	rotate := 30.0
	if n > 8 {
		rotate = 90
	}
	fontSize := 12
	if n > 30 {
		fontSize = 10
	}
	cellBorder := &itemStyle{BorderColor: "#ffffff", BorderWidth: 1.5}
	if n > 30 {
		cellBorder.BorderWidth = 0.5
	}
	o := &option{
		Tooltip: &tooltip{Trigger: "item", Confine: true},
		Grid:    &grid{Left: 8, Right: 12, Top: 8, Bottom: 56, ContainLabel: true},
		XAxis: []axis{{
			Type: "category", Data: xs, Position: "top",
			AxisLabel: &axisLabel{Color: colorText, FontSize: fontSize, Rotate: rotate, Width: 130, Overflow: "truncate", Interval: ptrTo(0)},
			AxisTick:  &shown{Show: false},
			AxisLine:  &axisLine{Show: false},
		}},
		YAxis: []axis{{
			Type: "category", Data: ys, Inverse: true,
			AxisLabel: &axisLabel{Color: colorText, Width: 160, Overflow: "truncate", Interval: ptrTo(0)},
			AxisTick:  &shown{Show: false},
			AxisLine:  &axisLine{Show: false},
		}},
		VisualMap: []visualMap{{
			Type: "continuous", SeriesIndex: 0, Min: 0, Max: 100, Orient: "horizontal", Left: "center", Bottom: 4,
			ItemWidth: 14, ItemHeight: 220, Text: []string{"100 best", "0 worst"}, Precision: 0,
			TextStyle: &textStyle{Color: colorText}, InRange: inRange{Color: heatColors},
		}},
		Series: []series{
			{Type: "heatmap", Name: "Criterion score", ID: "known", Data: known, ItemStyle: cellBorder,
				Label:    &label{Show: labels, FontSize: 11},
				Emphasis: &emphasis{ItemStyle: &itemStyle{BorderColor: colorText, BorderWidth: 2}}},
			{Type: "heatmap", Name: "No data", ID: "unknown", Data: unknown,
				ItemStyle: &itemStyle{Color: "#ffffff", BorderColor: "#ffffff", BorderWidth: cellBorder.BorderWidth, Decal: hatch(colorOther)},
				Label:     &label{Show: labels, Formatter: "n/a", Color: colorText, FontSize: 11},
				Emphasis:  &emphasis{ItemStyle: &itemStyle{BorderColor: colorText, BorderWidth: 2}}},
		},
	}
	row := 28
	if len(crits) > 30 {
		row = 20
	}
	top := 110
	if rotate < 90 {
		top = 80
	}
	return chartSpec{ID: "chart-heatmap", Height: top + row*len(crits) + 60, PrintHeight: top + 19*len(crits) + 50, Option: o}
}

// fieldAverage is the mean category score of the competitors other than
// self that have one.
func fieldAverage(comps []scoring.Competitor, catID string) *float64 {
	var sum float64
	n := 0
	for _, c := range comps {
		if c.Self {
			continue
		}
		if s := categoryScore(c, catID); s != nil {
			sum += *s
			n++
		}
	}
	if n == 0 {
		return nil
	}
	m := sum / float64(n)
	return &m
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func round1p(f *float64) *float64 {
	if f == nil {
		return nil
	}
	r := round1(*f)
	return &r
}
