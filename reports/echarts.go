package reports

// The subset of the ECharts option object the report uses, typed. It is
// data only: the page script adds the few functions (tooltip and label
// formatters), so nothing from a scorecard can become code.
//
// go-echarts was used for this until the report needed what its opts do
// not model: decal patterns for unknown values, per-item labels on
// heatmap cells, a polar "radar" whose lines break at missing data, and a
// visual map limited to one series.

type option struct {
	Animation  bool        `json:"animation"`
	Tooltip    *tooltip    `json:"tooltip,omitempty"`
	Legend     *legend     `json:"legend,omitempty"`
	Grid       *grid       `json:"grid,omitempty"`
	XAxis      []axis      `json:"xAxis,omitempty"`
	YAxis      []axis      `json:"yAxis,omitempty"`
	Polar      *polar      `json:"polar,omitempty"`
	AngleAxis  *axis       `json:"angleAxis,omitempty"`
	RadiusAxis *axis       `json:"radiusAxis,omitempty"`
	VisualMap  []visualMap `json:"visualMap,omitempty"`
	Series     []series    `json:"series"`
}

type tooltip struct {
	Trigger      string `json:"trigger"`
	Confine      bool   `json:"confine"`
	TransitionMS int    `json:"transitionDuration"`
}

type legend struct {
	Show      bool       `json:"show"`
	Bottom    int        `json:"bottom"`
	Data      []string   `json:"data,omitempty"`
	TextStyle *textStyle `json:"textStyle,omitempty"`
	ItemWidth int        `json:"itemWidth,omitempty"`
}

type grid struct {
	Left         int  `json:"left"`
	Right        int  `json:"right"`
	Top          int  `json:"top"`
	Bottom       int  `json:"bottom"`
	ContainLabel bool `json:"containLabel"`
}

type polar struct {
	Center []string `json:"center"`
	Radius string   `json:"radius"`
}

// axis is a cartesian or polar axis.
type axis struct {
	Type        string     `json:"type"`
	Data        []any      `json:"data,omitempty"` // string or axisValue
	Position    string     `json:"position,omitempty"`
	Inverse     bool       `json:"inverse,omitempty"`
	Min         *float64   `json:"min,omitempty"`
	Max         *float64   `json:"max,omitempty"`
	Interval    float64    `json:"interval,omitempty"`
	StartAngle  float64    `json:"startAngle,omitempty"`
	Clockwise   *bool      `json:"clockwise,omitempty"`
	BoundaryGap *bool      `json:"boundaryGap,omitempty"`
	AxisLabel   *axisLabel `json:"axisLabel,omitempty"`
	AxisLine    *axisLine  `json:"axisLine,omitempty"`
	AxisTick    *shown     `json:"axisTick,omitempty"`
	SplitLine   *axisLine  `json:"splitLine,omitempty"`
}

// axisValue is a category-axis entry with its own text style (self's
// name in the accent colour).
type axisValue struct {
	Value     string     `json:"value"`
	TextStyle *textStyle `json:"textStyle,omitempty"`
}

type axisLabel struct {
	Color    string  `json:"color,omitempty"`
	FontSize int     `json:"fontSize,omitempty"`
	Width    int     `json:"width,omitempty"`
	Overflow string  `json:"overflow,omitempty"`
	Rotate   float64 `json:"rotate,omitempty"`
	Interval *int    `json:"interval,omitempty"`
	Margin   int     `json:"margin,omitempty"`
}

type axisLine struct {
	Show      bool       `json:"show"`
	LineStyle *lineStyle `json:"lineStyle,omitempty"`
}

type shown struct {
	Show bool `json:"show"`
}

type textStyle struct {
	Color      string `json:"color,omitempty"`
	FontWeight string `json:"fontWeight,omitempty"`
	FontSize   int    `json:"fontSize,omitempty"`
}

type visualMap struct {
	Type        string     `json:"type"`
	SeriesIndex int        `json:"seriesIndex"`
	Min         float64    `json:"min"`
	Max         float64    `json:"max"`
	Calculable  bool       `json:"calculable"`
	Orient      string     `json:"orient"`
	Left        string     `json:"left"`
	Bottom      int        `json:"bottom"`
	ItemWidth   int        `json:"itemWidth"`
	ItemHeight  int        `json:"itemHeight"`
	Text        []string   `json:"text"`
	TextStyle   *textStyle `json:"textStyle,omitempty"`
	InRange     inRange    `json:"inRange"`
	Precision   int        `json:"precision"`
}

type inRange struct {
	Color []string `json:"color"`
}

type series struct {
	Type             string     `json:"type"`
	Name             string     `json:"name,omitempty"`
	ID               string     `json:"id,omitempty"`
	CoordinateSystem string     `json:"coordinateSystem,omitempty"`
	Data             []any      `json:"data"`
	Z                int        `json:"z,omitempty"`
	BarCategoryGap   string     `json:"barCategoryGap,omitempty"`
	BarMaxWidth      int        `json:"barMaxWidth,omitempty"`
	ConnectNulls     *bool      `json:"connectNulls,omitempty"`
	ShowSymbol       *bool      `json:"showSymbol,omitempty"`
	Symbol           string     `json:"symbol,omitempty"`
	SymbolSize       int        `json:"symbolSize,omitempty"`
	Label            *label     `json:"label,omitempty"`
	ItemStyle        *itemStyle `json:"itemStyle,omitempty"`
	LineStyle        *lineStyle `json:"lineStyle,omitempty"`
	Emphasis         *emphasis  `json:"emphasis,omitempty"`
}

// dataItem is one value with its own style.
type dataItem struct {
	Name      string     `json:"name,omitempty"`
	Value     any        `json:"value"`
	ItemStyle *itemStyle `json:"itemStyle,omitempty"`
	Label     *label     `json:"label,omitempty"`
}

type label struct {
	Show bool `json:"show"`
	// Formatter is a fixed text or an ECharts string template, never code.
	Formatter  string `json:"formatter,omitempty"`
	Position   string `json:"position,omitempty"`
	Color      string `json:"color,omitempty"`
	FontWeight string `json:"fontWeight,omitempty"`
	FontSize   int    `json:"fontSize,omitempty"`
}

type itemStyle struct {
	Color       string  `json:"color,omitempty"`
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth float64 `json:"borderWidth,omitempty"`
	Decal       *decal  `json:"decal,omitempty"`
}

// decal is an ECharts pattern: the hatching that marks unknown values and
// low coverage, legible without colour.
type decal struct {
	Symbol     string    `json:"symbol"`
	SymbolSize float64   `json:"symbolSize"`
	DashArrayX []float64 `json:"dashArrayX"`
	DashArrayY []float64 `json:"dashArrayY"`
	Rotation   float64   `json:"rotation"`
	Color      string    `json:"color"`
}

type lineStyle struct {
	Color string  `json:"color,omitempty"`
	Width float64 `json:"width,omitempty"`
	Type  string  `json:"type,omitempty"`
}

type emphasis struct {
	Focus     string     `json:"focus,omitempty"`
	ItemStyle *itemStyle `json:"itemStyle,omitempty"`
	LineStyle *lineStyle `json:"lineStyle,omitempty"`
}

func ptrTo[T any](v T) *T { return &v }
