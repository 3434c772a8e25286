package reports

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// Stability thresholds for the rank-stability badge.
const (
	stableRobust = 0.8 // at or above: "robust"
	stableFair   = 0.5 // at or above: "fair"; below: "uncertain"
)

// cardsOpenLimit is the largest field whose cards all start expanded.
const cardsOpenLimit = 3

// view is everything the HTML template shows, computed once from a
// scorecard by buildView (pure, golden-tested).
type view struct {
	Title      string
	Rubric     rubricHead
	Run        runHead
	Categories []categoryHead
	// Leaderboard rows in rank order.
	Leaderboard []leaderRow
	LowCount    int
	Self        *selfView // nil when no competitor is self
	Radar       radarView
	Heatmap     heatmapView
	Cards       []card
	Method      methodView
	Charts      chartSet
	Client      clientData
	// Changes is "what changed since the last run"; nil without history.
	Changes *changesView
	// HasTrend is true when trend charts and sparklines are drawn.
	HasTrend bool
}

type rubricHead struct {
	Name        string
	Description string
	Hash        string
	HashShort   string
}

type runHead struct {
	Started         string
	Duration        string
	Tool            string
	UserAgent       string
	ConfigHash      string
	ConfigHashShort string
	SignalsHash     string
	Pages           int
	Errors          int
}

type categoryHead struct {
	ID     string
	Name   string
	Weight string
	Share  string // of total weight, "30%"
}

type leaderRow struct {
	ID          string
	Name        string
	Self        bool
	Rank        int
	Overall     string
	Coverage    string
	LowCoverage bool
	Stability   badge
	Scores      []scoreCell // per category, in rubric order
	Pages       int
	Errors      int
	Complete    bool
	Spark       *sparkline // nil without history
}

// badge is the rank-stability badge: "robust 96%".
type badge struct {
	Label string // robust, fair, uncertain
	Pct   string
	Class string
	Title string
}

// scoreCell is a score as text with a colour bucket.
type scoreCell struct {
	Text  string
	Class string // s0…s4, or "na" when there is no score
}

type selfView struct {
	ID        string
	Name      string
	Rank      int
	Of        int
	Overall   string
	Gaps      []gapRow
	Strongest []deltaRow
	Weakest   []deltaRow
}

type gapRow struct {
	Category string
	Self     string
	Leader   string // competitor name
	Best     string
	Gap      string
	Class    string // lead, lag, even, na
	Width    int    // 0–100: bar width for the gap
}

type deltaRow struct {
	Category  string
	Criterion string
	Signal    string
	Self      string
	FieldMean string
	Delta     string
}

type radarView struct {
	Caption string
	Series  []radarSeries
}

type radarSeries struct {
	Name   string
	Role   string // self, leader, field, top
	Scores []string
	values []*float64
}

type heatmapView struct {
	Columns []heatColumn
	Rows    []heatRow // one per competitor, rank order
}

type heatColumn struct {
	Category  string
	Criterion string
	Signal    string
}

type heatRow struct {
	Name  string
	Self  bool
	Cells []heatCell
}

type heatCell struct {
	Score string
	Value string
	Class string
}

type card struct {
	ID          string
	Name        string
	Link        link
	Self        bool
	Open        bool
	Rank        int
	Overall     string
	Coverage    string
	LowCoverage bool
	Stability   badge
	Pages       int
	Complete    bool
	Errors      []crawlError
	Categories  []cardCategory
}

type link struct {
	Text string
	Href string // empty when Text is not an http(s) URL: shown as text
}

type crawlError struct {
	Link    link
	Status  int
	Message string
}

type cardCategory struct {
	Name     string
	Score    scoreCell
	Weight   string
	Coverage string
	Criteria []cardCriterion
}

type cardCriterion struct {
	Name     string
	Signal   string
	Value    string
	Score    scoreCell
	Weight   string
	Explain  string
	Manual   bool
	Stale    bool
	Evidence []evidence
}

type evidence struct {
	Link    link
	Snippet string
	Method  string
}

type methodView struct {
	Missing     string
	MinCoverage string
	Categories  []methodCategory
}

type methodCategory struct {
	Name        string
	Description string
	Weight      string
	Share       string
	Criteria    []methodCriterion
}

type methodCriterion struct {
	Name        string
	Signal      string
	Description string
	Weight      string
	Share       string // of its category
	Function    string
	Missing     string
}

// buildView turns a scorecard into the HTML view model. It is pure.
func buildView(sc *scoring.Scorecard) view {
	names := make(map[string]string, len(sc.Competitors))
	for _, c := range sc.Competitors {
		names[c.ID] = c.Name
	}
	v := view{
		Title: "CX benchmark",
		Rubric: rubricHead{
			Name:        sc.Rubric.Name,
			Description: sc.Rubric.Description,
			Hash:        sc.Rubric.Hash,
			HashShort:   shortHash(sc.Rubric.Hash),
		},
		Run: runHead{
			Started:         fmtTime(sc.Run.StartedAt),
			Duration:        fmtDuration(sc.Run.StartedAt, sc.Run.FinishedAt),
			Tool:            sc.Run.Tool,
			UserAgent:       sc.Run.UserAgent,
			ConfigHash:      sc.Run.ConfigHash,
			ConfigHashShort: shortHash(sc.Run.ConfigHash),
			SignalsHash:     sc.Run.SignalsHash,
		},
	}
	if sc.Rubric.Name != "" {
		v.Title = "CX benchmark · " + sc.Rubric.Name
	}
	total := totalWeight(sc.Rubric.Categories)
	for _, cat := range sc.Rubric.Categories {
		v.Categories = append(v.Categories, categoryHead{
			ID: cat.ID, Name: cat.Name, Weight: signal.FormatNumber(cat.Weight), Share: share(cat.Weight, total),
		})
	}
	for _, c := range sc.Competitors {
		v.Run.Pages += c.Pages
		v.Run.Errors += len(c.Errors)
		if c.LowCoverage {
			v.LowCount++
		}
		row := leaderRow{
			ID: c.ID, Name: c.Name, Self: c.Self, Rank: c.Rank,
			Overall: fmtScore(c.Overall), Coverage: pct(c.Coverage), LowCoverage: c.LowCoverage,
			Stability: stability(c.RankStability), Pages: c.Pages, Errors: len(c.Errors), Complete: c.Complete,
		}
		for _, cat := range sc.Rubric.Categories {
			row.Scores = append(row.Scores, cell(categoryScore(c, cat.ID)))
		}
		v.Leaderboard = append(v.Leaderboard, row)
		v.Cards = append(v.Cards, buildCard(c, len(sc.Competitors)))
	}
	v.Self = buildSelf(sc, names)
	v.Radar = buildRadar(sc)
	v.Heatmap = buildHeatmap(sc)
	v.Method = buildMethod(sc.Rubric)
	v.Client = buildClient(sc)
	v.Charts = buildCharts(sc, v.Radar)
	return v
}

func buildCard(c scoring.Competitor, n int) card {
	cd := card{
		ID: c.ID, Name: c.Name, Link: makeLink(c.URL), Self: c.Self,
		Open: n <= cardsOpenLimit || c.Self, Rank: c.Rank, Overall: fmtScore(c.Overall),
		Coverage: pct(c.Coverage), LowCoverage: c.LowCoverage, Stability: stability(c.RankStability),
		Pages: c.Pages, Complete: c.Complete,
	}
	for _, e := range c.Errors {
		cd.Errors = append(cd.Errors, crawlError{Link: makeLink(e.URL), Status: e.Status, Message: e.Message})
	}
	for _, cat := range c.Categories {
		cc := cardCategory{
			Name: cat.Name, Score: cell(cat.Score), Weight: signal.FormatNumber(cat.Weight), Coverage: pct(cat.Coverage),
		}
		for _, cr := range cat.Criteria {
			ci := cardCriterion{
				Name: criterionName(cr.Name, cr.ID, cr.Signal), Signal: cr.Signal, Value: fmtValue(cr.Value, cr.Signal),
				Score: cell(cr.Score), Weight: signal.FormatNumber(cr.Weight), Explain: cr.Explain,
				Manual: cr.Manual, Stale: cr.Stale,
			}
			for _, e := range cr.Evidence {
				ci.Evidence = append(ci.Evidence, evidence{Link: makeLink(e.URL), Snippet: e.Snippet, Method: string(e.Method)})
			}
			cc.Criteria = append(cc.Criteria, ci)
		}
		cd.Categories = append(cd.Categories, cc)
	}
	return cd
}

func buildSelf(sc *scoring.Scorecard, names map[string]string) *selfView {
	var self *scoring.Competitor
	for i := range sc.Competitors {
		if sc.Competitors[i].Self {
			self = &sc.Competitors[i]
			break
		}
	}
	if self == nil {
		return nil
	}
	sv := &selfView{ID: self.ID, Name: self.Name, Rank: self.Rank, Of: len(sc.Competitors), Overall: fmtScore(self.Overall)}
	if sc.Self == nil {
		return sv
	}
	crit := criterionNames(sc.Rubric)
	cats := categoryNames(sc.Rubric)
	for _, g := range sc.Self.Gaps {
		row := gapRow{
			Category: g.Name, Self: fmtScorePtr(g.Self), Leader: nameOr(names, g.Leader),
			Best: fmtScorePtr(g.LeaderVal), Gap: "—", Class: "na",
		}
		if row.Category == "" {
			row.Category = nameOr(cats, g.Category)
		}
		if g.Gap != nil {
			d := *g.Gap
			row.Gap = signedScore(d)
			row.Width = int(math.Round(math.Min(math.Abs(d), 100)))
			switch {
			case d >= -0.05 && g.Leader == self.ID:
				row.Class, row.Gap = "lead", "leader"
			case d > -0.05:
				row.Class = "even"
			default:
				row.Class = "lag"
			}
		}
		sv.Gaps = append(sv.Gaps, row)
	}
	delta := func(ds []scoring.CriterionDelta) []deltaRow {
		var out []deltaRow
		for _, d := range ds {
			out = append(out, deltaRow{
				Category:  nameOr(cats, d.Category),
				Criterion: nameOr(crit, d.Category+"/"+d.Criterion),
				Signal:    d.Signal,
				Self:      fmtScore(d.Self),
				FieldMean: fmtScore(d.FieldMean),
				Delta:     signedScore(d.Delta),
			})
		}
		return out
	}
	sv.Strongest = delta(sc.Self.Strongest)
	sv.Weakest = delta(sc.Self.Weakest)
	return sv
}

// radarPicks returns the competitors the radar compares: self and its best
// rival (plus the field average, added by the caller), or the top three when
// there is no self.
func radarPicks(comps []scoring.Competitor) (self, rival *scoring.Competitor, top []*scoring.Competitor) {
	for i := range comps {
		c := &comps[i]
		switch {
		case c.Self && self == nil:
			self = c
		case !c.Self && rival == nil:
			rival = c
		}
		if len(top) < 3 {
			top = append(top, c)
		}
	}
	return self, rival, top
}

func buildRadar(sc *scoring.Scorecard) radarView {
	self, rival, top := radarPicks(sc.Competitors)
	series := func(name, role string, score func(catID string) *float64) radarSeries {
		s := radarSeries{Name: name, Role: role}
		for _, cat := range sc.Rubric.Categories {
			v := score(cat.ID)
			s.values = append(s.values, v)
			s.Scores = append(s.Scores, fmtScorePtr(v))
		}
		return s
	}
	of := func(c *scoring.Competitor) func(string) *float64 {
		return func(id string) *float64 { return categoryScore(*c, id) }
	}
	var rv radarView
	if self == nil {
		rv.Caption = "Category scores of the top three"
		for _, c := range top {
			rv.Series = append(rv.Series, series(c.Name, "top", of(c)))
		}
		return rv
	}
	rv.Caption = "Category scores: " + self.Name + " against the leader and the field average"
	rv.Series = append(rv.Series, series(self.Name, "self", of(self)))
	if rival != nil {
		rv.Series = append(rv.Series, series(rivalLabel(rival), "leader", of(rival)))
	}
	rv.Series = append(rv.Series, series("Field average", "field", func(id string) *float64 {
		return fieldAverage(sc.Competitors, id)
	}))
	return rv
}

// rivalLabel names the best-ranked competitor other than self.
func rivalLabel(c *scoring.Competitor) string {
	if c.Rank == 1 {
		return "Leader: " + c.Name
	}
	return "Best rival: " + c.Name
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

func buildHeatmap(sc *scoring.Scorecard) heatmapView {
	var hv heatmapView
	for _, cat := range sc.Rubric.Categories {
		for _, cr := range cat.Criteria {
			hv.Columns = append(hv.Columns, heatColumn{Category: cat.Name, Criterion: criterionName(cr.Name, cr.ID, cr.Signal), Signal: cr.Signal})
		}
	}
	for _, c := range sc.Competitors {
		row := heatRow{Name: c.Name, Self: c.Self}
		for _, cat := range sc.Rubric.Categories {
			for _, cr := range cat.Criteria {
				cs := criterionScore(c, cat.ID, cr.ID)
				if cs == nil {
					row.Cells = append(row.Cells, heatCell{Score: "—", Value: "not scored", Class: "na"})
					continue
				}
				sc := cell(cs.Score)
				row.Cells = append(row.Cells, heatCell{Score: sc.Text, Value: fmtValue(cs.Value, cs.Signal), Class: sc.Class})
			}
		}
		hv.Rows = append(hv.Rows, row)
	}
	return hv
}

func buildMethod(r scoring.RubricInfo) methodView {
	mv := methodView{Missing: missingWords(r.Missing), MinCoverage: pct(r.MinCoverage)}
	total := totalWeight(r.Categories)
	for _, cat := range r.Categories {
		mc := methodCategory{Name: cat.Name, Description: cat.Description, Weight: signal.FormatNumber(cat.Weight), Share: share(cat.Weight, total)}
		var ct float64
		for _, cr := range cat.Criteria {
			ct += cr.Weight
		}
		for _, cr := range cat.Criteria {
			desc := cr.Description
			if desc == "" {
				if spec, ok := signal.Lookup(cr.Signal); ok {
					desc = spec.Description
				}
			}
			mc.Criteria = append(mc.Criteria, methodCriterion{
				Name: criterionName(cr.Name, cr.ID, cr.Signal), Signal: cr.Signal, Description: desc,
				Weight: signal.FormatNumber(cr.Weight), Share: share(cr.Weight, ct),
				Function: cr.Function, Missing: missingWords(cr.Missing),
			})
		}
		mv.Categories = append(mv.Categories, mc)
	}
	return mv
}

func missingWords(m string) string {
	switch m {
	case "zero":
		return "scored 0 when there is no data"
	case "skip", "":
		return "left out when there is no data (coverage drops)"
	}
	return m
}

// makeLink links only absolute http and https URLs; anything else
// (javascript:, data:, relative or malformed) is shown as text.
func makeLink(s string) link {
	l := link{Text: s}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return l
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		l.Href = u.String()
	}
	return l
}

func categoryScore(c scoring.Competitor, id string) *float64 {
	for _, cat := range c.Categories {
		if cat.ID == id {
			return cat.Score
		}
	}
	return nil
}

func criterionScore(c scoring.Competitor, catID, critID string) *scoring.CriterionScore {
	for i := range c.Categories {
		if c.Categories[i].ID != catID {
			continue
		}
		for j := range c.Categories[i].Criteria {
			if c.Categories[i].Criteria[j].ID == critID {
				return &c.Categories[i].Criteria[j]
			}
		}
	}
	return nil
}

func criterionNames(r scoring.RubricInfo) map[string]string {
	m := map[string]string{}
	for _, cat := range r.Categories {
		for _, cr := range cat.Criteria {
			m[cat.ID+"/"+cr.ID] = criterionName(cr.Name, cr.ID, cr.Signal)
		}
	}
	return m
}

func categoryNames(r scoring.RubricInfo) map[string]string {
	m := map[string]string{}
	for _, cat := range r.Categories {
		m[cat.ID] = cat.Name
	}
	return m
}

func criterionName(name, id, sig string) string {
	switch {
	case name != "":
		return name
	case id != "":
		return id
	}
	return sig
}

func nameOr(m map[string]string, key string) string {
	if n, ok := m[key]; ok && n != "" {
		return n
	}
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		return key[i+1:]
	}
	return key
}

func totalWeight(cats []scoring.CategoryInfo) float64 {
	var t float64
	for _, c := range cats {
		t += c.Weight
	}
	return t
}

func stability(s float64) badge {
	b := badge{Pct: pct(s)}
	switch {
	case s >= stableRobust:
		b.Label, b.Class = "robust", "robust"
	case s >= stableFair:
		b.Label, b.Class = "fair", "fair"
	default:
		b.Label, b.Class = "uncertain", "uncertain"
	}
	b.Title = "Keeps its rank under " + b.Pct + " of weight changes of ±20% per category"
	return b
}

func cell(s *float64) scoreCell {
	if s == nil {
		return scoreCell{Text: "—", Class: "na"}
	}
	return scoreCell{Text: fmtScore(*s), Class: bucket(*s)}
}

// bucket is the colour class of a 0–100 score.
func bucket(s float64) string {
	switch {
	case s >= 80:
		return "s4"
	case s >= 60:
		return "s3"
	case s >= 40:
		return "s2"
	case s >= 20:
		return "s1"
	}
	return "s0"
}

func fmtScore(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', 1, 64)
}

func fmtScorePtr(f *float64) string {
	if f == nil {
		return "—"
	}
	return fmtScore(*f)
}

func signedScore(f float64) string {
	r := math.Round(f*10) / 10
	if r > 0 {
		return "+" + strconv.FormatFloat(r, 'f', 1, 64)
	}
	if r == 0 {
		return "0.0"
	}
	return "−" + strconv.FormatFloat(-r, 'f', 1, 64)
}

func pct(f float64) string {
	return strconv.Itoa(int(math.Round(f*100))) + "%"
}

func share(w, total float64) string {
	if total <= 0 {
		return "—"
	}
	return strconv.Itoa(int(math.Round(w/total*100))) + "%"
}

// fmtValue formats a signal value for people: "60 days", "yes", "no data".
func fmtValue(v signal.Value, sig string) string {
	if !v.Valid() {
		return "no data"
	}
	if b, ok := v.BoolValue(); ok {
		if b {
			return "yes"
		}
		return "no"
	}
	s := v.String()
	if _, ok := v.Float(); ok {
		if u := unitOf(sig); u != "" {
			s += " " + u
		}
	}
	return s
}

// unitOf is the short unit of a built-in number signal ("stars (0–5)" →
// "stars"); "" for unknown signals and unitless ones.
func unitOf(sig string) string {
	spec, ok := signal.Lookup(sig)
	if !ok || spec.Unit == "" || spec.Unit == "currency" {
		return ""
	}
	u, _, _ := strings.Cut(spec.Unit, " (")
	return u
}

func shortHash(h string) string {
	_, rest, ok := strings.Cut(h, ":")
	if !ok {
		rest = h
	}
	if len(rest) > 12 {
		return rest[:12]
	}
	return rest
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2 Jan 2006, 15:04 UTC")
}

func fmtDuration(a, b time.Time) string {
	if a.IsZero() || b.IsZero() || b.Before(a) {
		return ""
	}
	d := b.Sub(a).Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
}
