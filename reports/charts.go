package reports

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cxbench/cxbench/scoring"
)

// The report's palette: one accent for self everywhere, muted slate for
// the field.
const (
	colorSelf     = "#2563eb"
	colorSelfLow  = "#93b4f5"
	colorOther    = "#64748b"
	colorOtherLow = "#cbd5e1"
	colorRival    = "#0f766e"
	colorField    = "#94a3b8"
	colorText     = "#334155"
	colorMuted    = "#64748b"
	colorGrid     = "#e2e8f0"
)

// topColors colour the radar when there is no self: the leader, second and
// third.
var topColors = [3]string{colorSelf, colorRival, "#b45309"}

// heatColors is the heatmap scale from score 0 to 100 (a colour-blind safe
// diverging red–blue).
var heatColors = []string{"#d73027", "#fc8d59", "#fee090", "#ffffbf", "#e0f3f8", "#91bfdb", "#4575b4"}

// Visible rows/columns before a chart gets a zoom slider.
const (
	barRowsVisible  = 30
	heatColsVisible = 20
)

// chartSet holds the ECharts options of the report's charts, built with
// go-echarts and taken through Chart.JSON(): data, never code.
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
	ID     string         `json:"id"`
	Height int            `json:"height"`
	Option map[string]any `json:"option"`
}

// clientData is what the page's script needs to recompute the ranking when
// the what-if sliders move.
type clientData struct {
	Categories   []clientCategory   `json:"categories"`
	Competitors  []clientCompetitor `json:"competitors"`
	FieldAverage []*float64         `json:"field_average"`
	Colors       clientColors       `json:"colors"`
}

type clientCategory struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
}

type clientCompetitor struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Self    bool       `json:"self"`
	Low     bool       `json:"low"`
	Overall float64    `json:"overall"`
	Rank    int        `json:"rank"`
	Scores  []*float64 `json:"scores"`
}

type clientColors struct {
	Self     string    `json:"self"`
	SelfLow  string    `json:"self_low"`
	Other    string    `json:"other"`
	OtherLow string    `json:"other_low"`
	Rival    string    `json:"rival"`
	Field    string    `json:"field"`
	Top      [3]string `json:"top"`
}

func buildClient(sc *scoring.Scorecard) clientData {
	cd := clientData{Colors: clientColors{
		Self: colorSelf, SelfLow: colorSelfLow, Other: colorOther, OtherLow: colorOtherLow,
		Rival: colorRival, Field: colorField, Top: topColors,
	}}
	for _, cat := range sc.Rubric.Categories {
		cd.Categories = append(cd.Categories, clientCategory{ID: cat.ID, Name: cat.Name, Weight: cat.Weight})
		cd.FieldAverage = append(cd.FieldAverage, round1p(fieldAverage(sc.Competitors, cat.ID)))
	}
	for _, c := range sc.Competitors {
		cc := clientCompetitor{ID: c.ID, Name: c.Name, Self: c.Self, Low: c.LowCoverage, Overall: c.Overall, Rank: c.Rank}
		for _, cat := range sc.Rubric.Categories {
			cc.Scores = append(cc.Scores, categoryScore(c, cat.ID))
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

// barColor is the colour of a competitor's bar.
func barColor(self, low bool) string {
	switch {
	case self && low:
		return colorSelfLow
	case self:
		return colorSelf
	case low:
		return colorOtherLow
	}
	return colorOther
}

// axisName is a category-axis label, bold and in the accent colour for self.
func axisName(name string, self bool) any {
	if !self {
		return name
	}
	return map[string]any{"value": name, "textStyle": map[string]any{"color": colorSelf}}
}

func leaderboardChart(comps []scoring.Competitor) chartSpec {
	names := make([]any, 0, len(comps))
	data := make([]opts.BarData, 0, len(comps))
	for _, c := range comps {
		names = append(names, axisName(c.Name, c.Self))
		data = append(data, opts.BarData{
			Name:      c.Name,
			Value:     round1(c.Overall),
			ItemStyle: &opts.ItemStyle{Color: barColor(c.Self, c.LowCoverage), BorderRadius: "3"},
		})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "20", Right: "40", Top: "8", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type: "value", Min: 0, Max: 100,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colorGrid}},
			AxisLabel: &opts.AxisLabel{Color: colorMuted},
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Color: colorText, FontSize: 12, Width: 160, Overflow: "truncate"},
			AxisLine:  &opts.AxisLine{LineStyle: &opts.LineStyle{Color: colorGrid}},
		}),
	)
	rows := len(comps)
	if rows > barRowsVisible {
		end := float32(math.Round(float64(barRowsVisible) / float64(rows) * 1000 / 10))
		bar.SetGlobalOptions(charts.WithDataZoomOpts(
			opts.DataZoom{Type: "slider", YAxisIndex: []int{0}, Start: 0, End: end, Orient: "vertical"},
			opts.DataZoom{Type: "inside", YAxisIndex: []int{0}, Start: 0, End: end, Orient: "vertical"},
		))
		rows = barRowsVisible
		bar.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "20", Right: "64", Top: "8", Bottom: "8", ContainLabel: opts.Bool(true)}))
	}
	bar.SetXAxis(names).AddSeries("Overall score", data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Color: colorText, FontWeight: "bold"}),
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "28%"}),
	).XYReversal()
	bar.Validate()
	return chartSpec{ID: "chart-leaderboard", Height: 24 + 34*max(rows, 2), Option: bar.JSON()}
}

func radarChart(sc *scoring.Scorecard, rv radarView) chartSpec {
	r := charts.NewRadar()
	var ind []*opts.Indicator
	for _, cat := range sc.Rubric.Categories {
		ind = append(ind, &opts.Indicator{Name: cat.Name, Max: 100})
	}
	r.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", TextStyle: &opts.TextStyle{Color: colorText}}),
		charts.WithRadarComponentOpts(opts.RadarComponent{
			Indicator:   ind,
			Shape:       "polygon",
			SplitNumber: 4,
			Center:      []string{"50%", "45%"},
			SplitLine:   &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colorGrid}},
			SplitArea:   &opts.SplitArea{Show: opts.Bool(true), AreaStyle: &opts.AreaStyle{Color: "#f8fafc", Opacity: opts.Float(1)}},
			AxisLine:    &opts.AxisLine{LineStyle: &opts.LineStyle{Color: colorGrid}},
			AxisName:    &opts.AxisName{Color: colorText, FontSize: 12},
		}),
	)
	for i, s := range rv.Series {
		color, dash, area := colorOther, "solid", 0.0
		switch s.Role {
		case "self":
			color, area = colorSelf, 0.18
		case "leader":
			color = colorRival
		case "field":
			color, dash = colorField, "dashed"
		case "top":
			color = topColors[i%len(topColors)]
			if i == 0 {
				area = 0.12
			}
		}
		vals := make([]any, 0, len(s.values))
		for _, v := range s.values {
			if v == nil {
				vals = append(vals, "-") // no point on this axis
				continue
			}
			vals = append(vals, round1(*v))
		}
		so := []charts.SeriesOpts{
			charts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 2, Type: dash}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
		}
		if area > 0 {
			so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{Color: color, Opacity: opts.Float(float32(area))}))
		}
		r.AddSeries(s.Name, []opts.RadarData{{Name: s.Name, Value: vals}}, so...)
	}
	r.Validate()
	return chartSpec{ID: "chart-radar", Height: 380, Option: r.JSON()}
}

func heatmapChart(sc *scoring.Scorecard) chartSpec {
	var xs, ys []any
	for _, c := range sc.Competitors {
		xs = append(xs, axisName(c.Name, c.Self))
	}
	type crit struct{ cat, id string }
	var crits []crit
	for _, cat := range sc.Rubric.Categories {
		for _, cr := range cat.Criteria {
			crits = append(crits, crit{cat.ID, cr.ID})
			ys = append(ys, criterionName(cr.Name, cr.ID, cr.Signal))
		}
	}
	var data []opts.HeatMapData
	for x, c := range sc.Competitors {
		for y, cr := range crits {
			cs := criterionScore(c, cr.cat, cr.id)
			if cs == nil || cs.Score == nil {
				raw := "not scored"
				if cs != nil {
					raw = fmtValue(cs.Value, cs.Signal)
				}
				data = append(data, opts.HeatMapData{Name: raw, Value: []any{x, y, "-"}})
				continue
			}
			data = append(data, opts.HeatMapData{Name: fmtValue(cs.Value, cs.Signal), Value: []any{x, y, round1(*cs.Score)}})
		}
	}
	h := charts.NewHeatMap()
	h.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "20", Right: "12", Top: "8", Bottom: "64", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type: "category", Data: xs, Position: "top",
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
			AxisLabel: &opts.AxisLabel{Color: colorText, Rotate: 30, Width: 120, Overflow: "truncate", Interval: "0"},
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type: "category", Data: ys, Inverse: opts.Bool(true),
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
			AxisLabel: &opts.AxisLabel{Color: colorText, Width: 150, Overflow: "truncate"},
		}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type: "continuous", Calculable: opts.Bool(false), Min: 0, Max: 100,
			Orient: "horizontal", Left: "center", Bottom: "0",
			Text:      []string{"100", "score 0"},
			InRange:   &opts.VisualMapInRange{Color: heatColors},
			TextStyle: &opts.TextStyle{Color: colorMuted},
		}),
	)
	if n := len(sc.Competitors); n > heatColsVisible {
		end := float32(math.Round(float64(heatColsVisible) / float64(n) * 1000 / 10))
		h.SetGlobalOptions(charts.WithDataZoomOpts(
			opts.DataZoom{Type: "slider", XAxisIndex: []int{0}, Start: 0, End: end},
			opts.DataZoom{Type: "inside", XAxisIndex: []int{0}, Start: 0, End: end},
		), charts.WithGridOpts(opts.Grid{Left: "20", Right: "12", Top: "8", Bottom: "110", ContainLabel: opts.Bool(true)}))
	}
	h.AddSeries("Criterion score", data,
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 2}),
		charts.WithEmphasisOpts(opts.Emphasis{ItemStyle: &opts.ItemStyle{BorderColor: colorText, BorderWidth: 2}}),
	)
	h.Validate()
	height := 120 + 30*len(crits)
	if len(sc.Competitors) > heatColsVisible {
		height += 46
	}
	return chartSpec{ID: "chart-heatmap", Height: height, Option: h.JSON()}
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func round1p(f *float64) *float64 {
	if f == nil {
		return nil
	}
	r := round1(*f)
	return &r
}
