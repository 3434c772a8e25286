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
	// Verdict is the strip at the top: where we stand and what would move
	// us most (the leader's profile without a self competitor).
	Verdict verdictView
	// H2H is the head-to-head battlecard; nil with fewer than two
	// competitors.
	H2H     *h2hView
	Self    *selfView // nil when no competitor is self
	Radar   radarView
	Heatmap heatmapView
	Cards   []card
	Method  methodView
	Charts  chartSet
	Client  clientData
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
	// Leader marks the best-ranked competitor with enough coverage.
	Leader bool
	Spark  *sparkline // nil without history
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

// gapRow is self against the best other competitor (with enough
// coverage) in one category.
type gapRow struct {
	Index    int // category index in the rubric
	Category string
	Self     string
	Rival    string // best other competitor's name; "" when none has a score
	Best     string // its score
	Gap      string // self − best: "−29.6", "+3.0"
	Points   string // what closing the gap is worth overall: share × gap
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
	Low   bool
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
	K        int // index across categories, in rubric order
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
	// Note qualifies the evidence ("stated only in site-wide page chrome",
	// the readability formula).
	Note string `json:",omitempty"`
	// When dates the evidence: "fetched 22 Nov 2026" for crawled pages
	// (the run's date), "stated as of 1 Mar 2024" for manual values.
	When string
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
	f := newField(sc)
	leader := f.leader()
	for i, c := range sc.Competitors {
		v.Run.Pages += c.Pages
		v.Run.Errors += len(c.Errors)
		if c.LowCoverage {
			v.LowCount++
		}
		row := leaderRow{
			ID: c.ID, Name: c.Name, Self: c.Self, Rank: c.Rank,
			Overall: fmtScore(c.Overall), Coverage: pct(c.Coverage), LowCoverage: c.LowCoverage,
			Stability: stability(c.RankStability), Pages: c.Pages, Errors: len(c.Errors), Complete: c.Complete,
			Leader: i == leader,
		}
		for _, cat := range sc.Rubric.Categories {
			row.Scores = append(row.Scores, cell(categoryScore(c, cat.ID)))
		}
		v.Leaderboard = append(v.Leaderboard, row)
		v.Cards = append(v.Cards, buildCard(sc, c, len(sc.Competitors)))
	}
	v.Verdict = buildVerdict(sc, f)
	v.H2H = buildH2H(sc, f)
	v.Self = buildSelf(sc, f)
	v.Radar = buildRadar(sc, f)
	v.Heatmap = buildHeatmap(sc)
	v.Method = buildMethod(sc.Rubric)
	v.Client = buildClient(sc, f)
	v.Charts = buildCharts(sc, v.Radar)
	return v
}

func buildCard(sc *scoring.Scorecard, c scoring.Competitor, n int) card {
	cd := card{
		ID: c.ID, Name: c.Name, Link: makeLink(c.URL), Self: c.Self,
		Open: n <= cardsOpenLimit, Rank: c.Rank, Overall: fmtScore(c.Overall),
		Coverage: pct(c.Coverage), LowCoverage: c.LowCoverage, Stability: stability(c.RankStability),
		Pages: c.Pages, Complete: c.Complete,
	}
	for _, e := range c.Errors {
		cd.Errors = append(cd.Errors, crawlError{Link: makeLink(e.URL), Status: e.Status, Message: e.Message})
	}
	// Criteria are numbered across categories in rubric order, as in the
	// scorecard's own category order.
	k := 0
	for _, cat := range c.Categories {
		cc := cardCategory{
			Name: cat.Name, Score: cell(cat.Score), Weight: signal.FormatNumber(cat.Weight), Coverage: pct(cat.Coverage),
		}
		for i := range cat.Criteria {
			cr := &cat.Criteria[i]
			ci := cardCriterion{
				K: k, Name: criterionName(cr.Name, cr.ID, cr.Signal), Signal: cr.Signal, Value: fmtValue(cr.Value, cr.Signal),
				Score: cell(cr.Score), Weight: signal.FormatNumber(cr.Weight), Explain: cr.Explain,
				Manual: cr.Manual, Stale: cr.Stale,
			}
			k++
			when := evidenceWhen(sc, cr)
			for _, e := range cr.Evidence {
				ci.Evidence = append(ci.Evidence, makeEvidence(e, when))
			}
			cc.Criteria = append(cc.Criteria, ci)
		}
		cd.Categories = append(cd.Categories, cc)
	}
	return cd
}

func makeEvidence(e signal.Evidence, when string) evidence {
	return evidence{Link: makeLink(e.URL), Snippet: e.Snippet, Method: string(e.Method), Note: e.Note, When: when}
}

// evidenceWhen dates a criterion's evidence: a manual value by the date it
// was stated, a crawled one by the run that fetched its pages.
func evidenceWhen(sc *scoring.Scorecard, cr *scoring.CriterionScore) string {
	if cr.Manual {
		if t, err := time.Parse(time.DateOnly, cr.AsOf); err == nil {
			w := "stated as of " + t.Format("2 Jan 2006")
			if cr.Stale {
				w += " (stale)"
			}
			return w
		}
		return "stated in the configuration"
	}
	if sc.Run.StartedAt.IsZero() {
		return ""
	}
	return "fetched " + sc.Run.StartedAt.UTC().Format("2 Jan 2006")
}

func buildSelf(sc *scoring.Scorecard, f *field) *selfView {
	si := f.self()
	if si < 0 {
		return nil
	}
	self := &sc.Competitors[si]
	sv := &selfView{ID: self.ID, Name: self.Name, Rank: self.Rank, Of: len(sc.Competitors), Overall: fmtScore(self.Overall)}
	w := f.rubricWeights()
	for ci, cat := range f.cats {
		sv.Gaps = append(sv.Gaps, buildGap(f, si, ci, cat.name, w))
	}
	if sc.Self == nil {
		return sv
	}
	crit := criterionNames(sc.Rubric)
	cats := categoryNames(sc.Rubric)
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

// buildGap compares self (competitor si) in category ci with the best
// other competitor that has a score there and enough coverage.
func buildGap(f *field, si, ci int, name string, w []float64) gapRow {
	s := &f.comps[si]
	row := gapRow{Index: ci, Category: name, Self: fmtScorePtr(s.cat[ci]), Best: "—", Gap: "n/a", Points: "—", Class: "na"}
	best := -1
	for i, c := range f.comps {
		if i == si || c.low || c.cat[ci] == nil {
			continue
		}
		if best < 0 || *c.cat[ci] > *f.comps[best].cat[ci] {
			best = i
		}
	}
	if best >= 0 {
		row.Rival, row.Best = f.comps[best].name, fmtScore(*f.comps[best].cat[ci])
	}
	if best < 0 || s.cat[ci] == nil {
		return row
	}
	d := *s.cat[ci] - *f.comps[best].cat[ci]
	row.Gap = signedScore(d)
	row.Points = signedScore(f.effectiveShare(si, ci, w) * d)
	row.Width = int(math.Round(math.Min(math.Abs(d), 100)))
	switch {
	case d >= minShown:
		row.Class = "lead"
	case d > -minShown:
		row.Class = "even"
	default:
		row.Class = "lag"
	}
	return row
}

// radarPicks returns the competitors the radar compares: self and the
// leader (or, when self leads, the runner-up), plus the field average added
// by the caller; or the top three with enough coverage when there is no
// self.
func radarPicks(f *field) (self, rival int, top []int) {
	self, rival = f.self(), f.leader()
	if self >= 0 && (rival == self || rival < 0) {
		rival = f.firstEligible(self)
	}
	for i, c := range f.comps {
		if !c.low && len(top) < 3 {
			top = append(top, i)
		}
	}
	return self, rival, top
}

func buildRadar(sc *scoring.Scorecard, f *field) radarView {
	si, ri, top := radarPicks(f)
	mk := func(name, role string, score func(catID string) *float64) radarSeries {
		s := radarSeries{Name: name, Role: role}
		for _, cat := range sc.Rubric.Categories {
			v := score(cat.ID)
			s.values = append(s.values, v)
			s.Scores = append(s.Scores, fmtScorePtr(v))
		}
		return s
	}
	of := func(i int) func(string) *float64 {
		return func(id string) *float64 { return categoryScore(sc.Competitors[i], id) }
	}
	var rv radarView
	if si < 0 {
		rv.Caption = "Category scores of the top three with enough coverage"
		for _, i := range top {
			rv.Series = append(rv.Series, mk(sc.Competitors[i].Name, "top", of(i)))
		}
		return rv
	}
	self := sc.Competitors[si].Name
	rv.Series = append(rv.Series, mk(self, "self", of(si)))
	switch {
	case ri < 0:
		rv.Caption = "Category scores: " + self + " against the field average (no other competitor has enough coverage to compare)"
	case ri == f.leader():
		rv.Caption = "Category scores: " + self + " against the leader and the field average"
		rv.Series = append(rv.Series, mk("Leader: "+sc.Competitors[ri].Name, "leader", of(ri)))
	default:
		rv.Caption = "Category scores: " + self + " against the runner-up and the field average"
		rv.Series = append(rv.Series, mk("Runner-up: "+sc.Competitors[ri].Name, "leader", of(ri)))
	}
	rv.Series = append(rv.Series, mk("Field average", "field", func(id string) *float64 {
		return fieldAverage(sc.Competitors, id)
	}))
	return rv
}

func buildHeatmap(sc *scoring.Scorecard) heatmapView {
	var hv heatmapView
	for _, cat := range sc.Rubric.Categories {
		for _, cr := range cat.Criteria {
			hv.Columns = append(hv.Columns, heatColumn{Category: cat.Name, Criterion: criterionName(cr.Name, cr.ID, cr.Signal), Signal: cr.Signal})
		}
	}
	for _, c := range sc.Competitors {
		row := heatRow{Name: c.Name, Self: c.Self, Low: c.LowCoverage}
		for _, cat := range sc.Rubric.Categories {
			for _, cr := range cat.Criteria {
				cs := criterionScore(c, cat.ID, cr.ID)
				if cs == nil || cs.Score == nil {
					val := "not scored"
					if cs != nil {
						val = fmtValue(cs.Value, cs.Signal)
					}
					row.Cells = append(row.Cells, heatCell{Score: "n/a", Value: val, Class: "na"})
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

// cell is a score as a pill; "n/a" when there is no data (never 0).
func cell(s *float64) scoreCell {
	if s == nil {
		return scoreCell{Text: "n/a", Class: "na"}
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

// fmtScore formats a score to 0.1, rounding half away from zero (as
// report.js does) and never showing "-0.0".
func fmtScore(f float64) string {
	r := math.Round(f*10) / 10
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}

func fmtScorePtr(f *float64) string {
	if f == nil {
		return "n/a"
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
