package history

import (
	"math"
	"sort"
	"time"

	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// Tolerances say how much a signal may move before it counts as a change.
// Zero fields take the defaults.
type Tolerances struct {
	// Response is the relative tolerance for response times (median ms):
	// 0.25 ignores moves within ±25 %.
	Response float64
	// ResponseFloor is the smallest response-time move, in ms, that can
	// be news whatever the relative move (fast sites jitter by more than
	// 25 % of a few milliseconds).
	ResponseFloor float64
	// Count is the relative tolerance for counts such as rating.count.
	Count float64
	// Rating is the smallest rating move that is news (its rounding).
	Rating float64
	// Score is the smallest overall or category score move, in points,
	// that is reported.
	Score float64
}

// Default tolerances.
const (
	DefaultResponseTolerance = 0.25
	DefaultCountTolerance    = 0.10
	DefaultRatingStep        = 0.05
	DefaultScoreStep         = 0.5
	DefaultResponseFloorMS   = 100
)

func (t Tolerances) withDefaults() Tolerances {
	if t.Response <= 0 {
		t.Response = DefaultResponseTolerance
	}
	if t.ResponseFloor <= 0 {
		t.ResponseFloor = DefaultResponseFloorMS
	}
	if t.Count <= 0 {
		t.Count = DefaultCountTolerance
	}
	if t.Rating <= 0 {
		t.Rating = DefaultRatingStep
	}
	if t.Score <= 0 {
		t.Score = DefaultScoreStep
	}
	return t
}

// Snapshot is one side of a comparison: a run's signals and scorecard.
type Snapshot struct {
	ID        string
	At        time.Time
	Signals   *signal.File
	Scorecard *scoring.Scorecard
}

// Load reads a run's signals, as it was scored (with its manual signals),
// and its scorecard.
func (r Run) Load() (Snapshot, error) {
	f, err := r.ScoredSignals()
	if err != nil {
		return Snapshot{}, err
	}
	sc, err := r.Scorecard()
	if err != nil {
		return Snapshot{}, err
	}
	return Snapshot{ID: r.ID, At: r.Manifest.StartedAt, Signals: f, Scorecard: sc}, nil
}

// Change kinds of a signal.
const (
	Changed  = "changed"
	Appeared = "appeared"
	Vanished = "vanished"
)

// Directions of a change.
const (
	Better  = "better"
	Worse   = "worse"
	Neutral = "neutral"
)

// Diff is what changed between two runs, by meaning.
type Diff struct {
	From        RunRef           `json:"from"`
	To          RunRef           `json:"to"`
	Competitors []CompetitorDiff `json:"competitors"` // in the newer run's rank order
	// Added and Removed are competitors in only one of the runs.
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// RunRef names a run.
type RunRef struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
}

// CompetitorDiff is one competitor's changes.
type CompetitorDiff struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Self    bool           `json:"self,omitempty"`
	Signals []SignalChange `json:"signals,omitempty"`
	Overall Move           `json:"overall"`
	// Categories lists every category with its move (reported or not).
	Categories []CategoryMove `json:"categories"`
	// Contributions explain the overall move, largest first: per
	// criterion, its share of the overall weight × its score change.
	Contributions []Contribution `json:"contributions,omitempty"`
}

// Move is a score and rank before and after.
type Move struct {
	Old     *float64 `json:"old"`
	New     *float64 `json:"new"`
	OldRank int      `json:"old_rank,omitempty"`
	NewRank int      `json:"new_rank,omitempty"`
	// Reported is true when the score moved by at least the score
	// tolerance, or the rank changed.
	Reported bool `json:"reported"`
}

// Delta is New − Old, or 0 when either is missing.
func (m Move) Delta() float64 {
	if m.Old == nil || m.New == nil {
		return 0
	}
	return *m.New - *m.Old
}

// RankDrop is how many places the rank got worse (negative: better).
func (m Move) RankDrop() int {
	if m.OldRank == 0 || m.NewRank == 0 {
		return 0
	}
	return m.NewRank - m.OldRank
}

// CategoryMove is one category's move; ranks are among all competitors.
type CategoryMove struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Move
}

// SignalChange is one typed signal change.
type SignalChange struct {
	Signal    string       `json:"signal"`
	Kind      string       `json:"kind"` // changed, appeared, vanished
	Old       signal.Value `json:"old"`
	New       signal.Value `json:"new"`
	Direction string       `json:"direction"` // better, worse, neutral
}

// String is "policy.return_days 30 → 14 (worse)", without control
// characters or escape sequences (values come from competitors' sites).
func (c SignalChange) String() string {
	var s string
	switch c.Kind {
	case Appeared:
		s = c.Signal + " appeared: " + c.New.String()
	case Vanished:
		s = c.Signal + " vanished (was " + c.Old.String() + ")"
	default:
		s = c.Signal + " " + c.Old.String() + " → " + c.New.String()
	}
	if c.Direction != Neutral {
		s += " (" + c.Direction + ")"
	}
	return signal.Printable(s)
}

// Contribution is one criterion's part in an overall move.
type Contribution struct {
	Category  string   `json:"category"`
	Criterion string   `json:"criterion"`
	Signal    string   `json:"signal"`
	Share     float64  `json:"share"` // of the overall weight, 0–1
	Old       *float64 `json:"old"`
	New       *float64 `json:"new"`
	Points    float64  `json:"points"` // contribution to the overall move
}

// Meaningful reports whether the diff holds any signal change, or any
// competitor came or went: without one, score and rank moves are noise.
func (d *Diff) Meaningful() bool {
	if len(d.Added) > 0 || len(d.Removed) > 0 {
		return true
	}
	for _, c := range d.Competitors {
		if len(c.Signals) > 0 {
			return true
		}
	}
	return false
}

// Competitor returns the diff of competitor id.
func (d *Diff) Competitor(id string) *CompetitorDiff {
	for i := range d.Competitors {
		if d.Competitors[i].ID == id {
			return &d.Competitors[i]
		}
	}
	return nil
}

// SignalChanged reports whether competitor id's signal name changed
// meaningfully.
func (d *Diff) SignalChanged(id, name string) bool {
	if c := d.Competitor(id); c != nil {
		for _, s := range c.Signals {
			if s.Signal == name {
				return true
			}
		}
	}
	return false
}

// Compare diffs two runs: typed signal changes (with noise tolerances),
// score and rank moves and the criteria behind each overall move.
func Compare(old, cur Snapshot, tol Tolerances) *Diff {
	tol = tol.withDefaults()
	d := &Diff{From: RunRef{old.ID, old.At}, To: RunRef{cur.ID, cur.At}}
	oldSig := signalsByID(old.Signals)
	curSig := signalsByID(cur.Signals)
	oldSc := competitorsByID(old.Scorecard)
	oldCatRanks := categoryRanks(old.Scorecard)
	curCatRanks := categoryRanks(cur.Scorecard)
	for _, c := range cur.Scorecard.Competitors {
		o, ok := oldSc[c.ID]
		if !ok {
			d.Added = append(d.Added, c.ID)
			continue
		}
		cd := CompetitorDiff{ID: c.ID, Name: c.Name, Self: c.Self}
		cd.Signals = diffSignals(oldSig[c.ID], curSig[c.ID], tol)
		oo, no := o.Overall, c.Overall
		cd.Overall = Move{Old: &oo, New: &no, OldRank: o.Rank, NewRank: c.Rank}
		cd.Overall.Reported = math.Abs(no-oo) >= tol.Score || o.Rank != c.Rank
		for _, cat := range cur.Scorecard.Rubric.Categories {
			m := CategoryMove{ID: cat.ID, Name: cat.Name, Move: Move{
				Old: categoryScore(o, cat.ID), New: categoryScore(c, cat.ID),
				OldRank: oldCatRanks[cat.ID][c.ID], NewRank: curCatRanks[cat.ID][c.ID],
			}}
			m.Reported = (m.Old == nil) != (m.New == nil) || math.Abs(m.Delta()) >= tol.Score || m.OldRank != m.NewRank
			cd.Categories = append(cd.Categories, m)
		}
		cd.Contributions = contributions(o, c)
		d.Competitors = append(d.Competitors, cd)
	}
	for _, c := range old.Scorecard.Competitors {
		if _, ok := competitorsByID(cur.Scorecard)[c.ID]; !ok {
			d.Removed = append(d.Removed, c.ID)
		}
	}
	return d
}

func signalsByID(f *signal.File) map[string]map[string]signal.Signal {
	m := map[string]map[string]signal.Signal{}
	if f == nil {
		return m
	}
	for _, c := range f.Competitors {
		m[c.ID] = c.Signals
	}
	return m
}

func competitorsByID(sc *scoring.Scorecard) map[string]scoring.Competitor {
	m := map[string]scoring.Competitor{}
	for _, c := range sc.Competitors {
		m[c.ID] = c
	}
	return m
}

// diffSignals compares one competitor's signals, by name.
func diffSignals(old, cur map[string]signal.Signal, tol Tolerances) []SignalChange {
	names := map[string]bool{}
	for n := range old {
		names[n] = true
	}
	for n := range cur {
		names[n] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	var out []SignalChange
	for _, n := range sorted {
		o, n2 := old[n].Value, cur[n].Value
		switch {
		case !o.Valid() && !n2.Valid():
			continue
		case !o.Valid():
			out = append(out, SignalChange{Signal: n, Kind: Appeared, New: n2, Direction: presenceDirection(n, n2, true)})
		case !n2.Valid():
			out = append(out, SignalChange{Signal: n, Kind: Vanished, Old: o, Direction: presenceDirection(n, o, false)})
		case !same(n, o, n2, tol):
			out = append(out, SignalChange{Signal: n, Kind: Changed, Old: o, New: n2, Direction: direction(n, o, n2)})
		}
	}
	return out
}

// same reports whether two values of signal name are the same, noise
// allowed for.
func same(name string, a, b signal.Value, tol Tolerances) bool {
	x, okx := a.Float()
	y, oky := b.Float()
	if !okx || !oky {
		return a.Equal(b)
	}
	const eps = 1e-9
	switch name {
	case signal.ResponseMedianMS:
		return relClose(x, y, tol.Response) || math.Abs(y-x) < tol.ResponseFloor
	case signal.RatingValue:
		return math.Abs(y-x) < tol.Rating-eps
	case signal.RatingCount:
		return relClose(x, y, tol.Count)
	}
	return math.Abs(y-x) <= eps*math.Max(1, math.Abs(x))
}

// relClose: y is within ±tol of x, relatively.
func relClose(x, y, tol float64) bool {
	base := math.Max(math.Abs(x), math.Abs(y))
	if base == 0 {
		return true
	}
	return math.Abs(y-x) <= tol*math.Abs(x)+1e-9
}

// direction judges a change by the catalog's Better direction; a boolean
// going from false to true is better when higher is better.
func direction(name string, a, b signal.Value) string {
	spec, ok := signal.Lookup(name)
	if !ok || spec.Better == signal.Neutral {
		return Neutral
	}
	x, y := ordinal(a), ordinal(b)
	if math.IsNaN(x) || math.IsNaN(y) || x == y {
		return Neutral
	}
	up := y > x
	if up == (spec.Better == signal.HigherIsBetter) {
		return Better
	}
	return Worse
}

// presenceDirection judges a signal appearing (or vanishing): a positive
// fact appearing is better, vanishing worse; unknown otherwise.
func presenceDirection(name string, v signal.Value, appeared bool) string {
	spec, ok := signal.Lookup(name)
	if !ok || spec.Better != signal.HigherIsBetter {
		return Neutral
	}
	if b, isBool := v.BoolValue(); isBool && !b {
		return Neutral
	}
	if _, isNum := v.Float(); isNum {
		return Neutral
	}
	if appeared {
		return Better
	}
	return Worse
}

func ordinal(v signal.Value) float64 {
	if f, ok := v.Float(); ok {
		return f
	}
	if b, ok := v.BoolValue(); ok {
		if b {
			return 1
		}
		return 0
	}
	return math.NaN()
}

func categoryScore(c scoring.Competitor, id string) *float64 {
	for _, cat := range c.Categories {
		if cat.ID == id {
			return cat.Score
		}
	}
	return nil
}

// categoryRanks ranks competitors per category by score (ties share a
// rank; no score, no rank).
func categoryRanks(sc *scoring.Scorecard) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, cat := range sc.Rubric.Categories {
		type entry struct {
			id    string
			score float64
		}
		var es []entry
		for _, c := range sc.Competitors {
			if s := categoryScore(c, cat.ID); s != nil {
				es = append(es, entry{c.ID, *s})
			}
		}
		ranks := map[string]int{}
		for _, e := range es {
			r := 1
			for _, f := range es {
				if f.score > e.score+1e-9 {
					r++
				}
			}
			ranks[e.id] = r
		}
		out[cat.ID] = ranks
	}
	return out
}

// CategoryRank is competitor id's rank in category ("overall" or a
// category id) of sc, or 0 when it has no score there.
func CategoryRank(sc *scoring.Scorecard, category, id string) int {
	if category == "overall" {
		for _, c := range sc.Competitors {
			if c.ID == id {
				return c.Rank
			}
		}
		return 0
	}
	return categoryRanks(sc)[category][id]
}

// shares returns each scored criterion's share of the overall weight, by
// category and criterion id: category weight share × criterion weight
// share, over what had data (as scoring computes the means).
func shares(c scoring.Competitor) map[[2]string]float64 {
	out := map[[2]string]float64{}
	catTotal := 0.0
	for _, cat := range c.Categories {
		if cat.Score != nil {
			catTotal += cat.Weight
		}
	}
	for _, cat := range c.Categories {
		if cat.Score == nil || catTotal == 0 {
			continue
		}
		critTotal := 0.0
		for _, cr := range cat.Criteria {
			if cr.Score != nil {
				critTotal += cr.Weight
			}
		}
		for _, cr := range cat.Criteria {
			if cr.Score != nil && critTotal > 0 {
				out[[2]string{cat.ID, cr.ID}] = cat.Weight / catTotal * cr.Weight / critTotal
			}
		}
	}
	return out
}

// contributions explains a competitor's overall move per criterion. A
// criterion scored in both runs contributes its weight share × its score
// change; one scored in only one run contributes the difference its
// presence makes (share × (score − overall)). What remains (weights
// renormalised by coverage changes) is reported as "(coverage)".
func contributions(old, cur scoring.Competitor) []Contribution {
	so, sn := shares(old), shares(cur)
	var out []Contribution
	sum := 0.0
	for _, cat := range cur.Categories {
		for _, cr := range cat.Criteria {
			key := [2]string{cat.ID, cr.ID}
			ocr := criterion(old, cat.ID, cr.ID)
			var oldScore *float64
			if ocr != nil {
				oldScore = ocr.Score
			}
			c := Contribution{Category: cat.ID, Criterion: cr.ID, Signal: cr.Signal, Old: oldScore, New: cr.Score}
			switch {
			case oldScore != nil && cr.Score != nil:
				c.Share = sn[key]
				c.Points = c.Share * (*cr.Score - *oldScore)
			case cr.Score != nil:
				c.Share = sn[key]
				c.Points = c.Share * (*cr.Score - cur.Overall)
			case oldScore != nil:
				c.Share = so[key]
				c.Points = -c.Share * (*oldScore - old.Overall)
			}
			if math.Abs(c.Points) < 0.005 {
				continue
			}
			sum += c.Points
			out = append(out, c)
		}
	}
	if rest := cur.Overall - old.Overall - sum; math.Abs(rest) >= 0.05 {
		out = append(out, Contribution{Criterion: "(coverage)", Points: rest})
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(out[i].Points) > math.Abs(out[j].Points) })
	return out
}

func criterion(c scoring.Competitor, catID, critID string) *scoring.CriterionScore {
	for _, cat := range c.Categories {
		if cat.ID != catID {
			continue
		}
		for i := range cat.Criteria {
			if cat.Criteria[i].ID == critID {
				return &cat.Criteria[i]
			}
		}
	}
	return nil
}
