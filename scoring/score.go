package scoring

import (
	"cmp"
	"math"
	"slices"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// Defaults for Options.
const (
	DefaultSeed   = 1
	DefaultTrials = 200
)

// Options are the inputs of Score besides the rubric and the signals.
type Options struct {
	// RubricHash and ConfigHash are copied into the scorecard; ConfigHash
	// overrides the one recorded in the signals file when set.
	RubricHash, ConfigHash string
	// SignalsHash identifies the signals file, copied into the run info.
	SignalsHash string
	// Seed drives the rank-stability perturbations (default 1 when 0).
	Seed int64
	// Trials is the number of perturbations (default 200 when 0; negative
	// turns the analysis off and leaves every RankStability at 0). For
	// very large fields fewer are run; see StabilityInfo.
	Trials int
}

// lowCoverageSlack absorbs rounding in coverage sums, so that a coverage
// meant to equal min_coverage exactly is not flagged.
const lowCoverageSlack = 1e-9

// catPlan is one category ready to be applied.
type catPlan struct {
	id, name    string
	description string
	weight      float64 // as written
	w           float64 // sanitised
	share       float64 // of the rubric's total category weight
	crits       []critPlan
	critW       float64 // total sanitised criterion weight
}

// plan is a rubric with every default resolved, built once per Score call.
type plan struct {
	name, description string
	missing           config.MissingPolicy
	minCoverage       float64
	cats              []catPlan
	nCrit             int
}

func newPlan(r *config.Rubric) *plan {
	p := &plan{missing: normalizeMissing(r.Missing, config.MissingSkip)}
	p.name, p.description, p.minCoverage = r.Name, r.Description, finite(r.MinCoverage)
	total := 0.0
	for i := range r.Categories {
		c := &r.Categories[i]
		cp := catPlan{id: c.ID, name: c.Name, description: c.Description, weight: finite(c.Weight), w: sanitizeWeight(c.Weight)}
		if cp.name == "" {
			cp.name = cp.id
		}
		for j := range c.Criteria {
			crit := newCritPlan(&c.Criteria[j], p.missing)
			cp.critW += crit.w
			cp.crits = append(cp.crits, crit)
		}
		total += cp.w
		p.nCrit += len(cp.crits)
		p.cats = append(p.cats, cp)
	}
	for i := range p.cats {
		if total > 0 {
			p.cats[i].share = p.cats[i].w / total
		}
	}
	return p
}

// fitRelative records, for every relative criterion, the range of its
// signal's numeric values over the whole run.
func (p *plan) fitRelative(comps []*signal.Competitor) {
	for ci := range p.cats {
		for k := range p.cats[ci].crits {
			cr := &p.cats[ci].crits[k]
			if cr.kind != kindRelative {
				continue
			}
			cr.fieldMin, cr.fieldMax, cr.fieldN = math.Inf(1), math.Inf(-1), 0
			for _, c := range comps {
				sg, ok := c.Signals[cr.signal]
				if !ok {
					continue
				}
				x, _, ok := number(sg.Value)
				if !ok {
					continue
				}
				cr.fieldMin, cr.fieldMax = math.Min(cr.fieldMin, x), math.Max(cr.fieldMax, x)
				cr.fieldN++
			}
			cr.prepare()
		}
	}
}

func (p *plan) info(hash string) RubricInfo {
	ri := RubricInfo{
		Name:        p.name,
		Description: p.description,
		Hash:        hash,
		Missing:     string(p.missing),
		MinCoverage: p.minCoverage,
		Categories:  make([]CategoryInfo, 0, len(p.cats)),
	}
	for _, c := range p.cats {
		ci := CategoryInfo{ID: c.id, Name: c.name, Description: c.description, Weight: c.weight, Criteria: make([]CriterionInfo, 0, len(c.crits))}
		for _, cr := range c.crits {
			ci.Criteria = append(ci.Criteria, CriterionInfo{
				ID:          cr.id,
				Name:        cr.name,
				Signal:      cr.signal,
				Weight:      cr.weight,
				Description: cr.description,
				Missing:     string(cr.missing),
				Function:    Describe(cr.fn),
			})
		}
		ri.Categories = append(ri.Categories, ci)
	}
	return ri
}

// Score applies the rubric to the signals and returns the scorecard. It is
// pure and deterministic: the same inputs give the same scorecard, whatever
// the order of the competitors in f.
//
// A criterion without usable data (absent signal, or a value of the wrong
// type) follows its missing policy: skip leaves it out of the means, zero
// scores it 0; either way it does not count towards coverage. Category
// scores are weighted means over scored criteria, the overall score a
// weighted mean over scored categories. A competitor is flagged
// LowCoverage when its coverage is below the rubric's min_coverage, or
// when it has no data at all.
func Score(r *config.Rubric, f *signal.File, opt Options) *Scorecard {
	if r == nil {
		r = &config.Rubric{}
	}
	if f == nil {
		f = &signal.File{}
	}
	p := newPlan(r)
	comps := canonical(f.Competitors)
	p.fitRelative(comps)

	sc := &Scorecard{
		Schema: Schema,
		Rubric: p.info(opt.RubricHash),
		Run: RunInfo{
			StartedAt:   f.StartedAt,
			FinishedAt:  f.FinishedAt,
			Tool:        f.Tool,
			UserAgent:   f.UserAgent,
			ConfigHash:  cmp.Or(opt.ConfigHash, f.ConfigHash),
			SignalsHash: opt.SignalsHash,
		},
	}

	n, nCat := len(comps), len(p.cats)
	m := &matrix{
		nCat:    nCat,
		nCrit:   p.nCrit,
		cat:     make([]float64, n*nCat),
		crit:    make([]float64, n*p.nCrit),
		overall: make([]float64, n),
	}
	out := make([]Competitor, n)
	for i, c := range comps {
		out[i] = p.scoreCompetitor(c, m.catRow(i), m.critRow(i), &m.overall[i])
	}

	ranks := rankOf(m.overall)
	for i := range out {
		out[i].Rank = ranks[i]
	}
	trials := effectiveTrials(opt.Trials, n)
	seed := opt.Seed
	if seed == 0 {
		seed = DefaultSeed
	}
	if trials > 0 {
		sc.Stability = &StabilityInfo{Trials: trials, Seed: seed, Spread: perturbSpread}
		for i, s := range rankStability(m, p, ranks, trials, seed) {
			out[i].RankStability = s
		}
	}

	// Output order: rank, then id; the canonical index settles the rest.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(ranks[a], ranks[b]), cmp.Compare(out[a].ID, out[b].ID), cmp.Compare(a, b))
	})
	sc.Competitors = make([]Competitor, n)
	for k, i := range order {
		sc.Competitors[k] = out[i]
	}
	sc.Self = selfAnalysis(p, m, out, order)
	return sc
}

// matrix holds the unrounded scores of every competitor (in canonical
// order), NaN where there is none.
type matrix struct {
	nCat, nCrit int
	cat         []float64 // n × nCat
	crit        []float64 // n × nCrit, criteria numbered across categories
	overall     []float64
}

func (m *matrix) catRow(i int) []float64  { return m.cat[i*m.nCat : (i+1)*m.nCat] }
func (m *matrix) critRow(i int) []float64 { return m.crit[i*m.nCrit : (i+1)*m.nCrit] }

// canonical returns the competitors sorted by id, name and URL, so that
// every sum over competitors runs in the same order whatever the input's.
func canonical(cs []signal.Competitor) []*signal.Competitor {
	out := make([]*signal.Competitor, len(cs))
	for i := range cs {
		out[i] = &cs[i]
	}
	slices.SortStableFunc(out, func(a, b *signal.Competitor) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Name, b.Name), cmp.Compare(a.URL, b.URL))
	})
	return out
}

// scoreCompetitor scores one competitor, writing its unrounded category and
// criterion scores into catRow and critRow and its overall into overall.
func (p *plan) scoreCompetitor(c *signal.Competitor, catRow, critRow []float64, overall *float64) Competitor {
	out := Competitor{
		ID:         c.ID,
		Name:       cmp.Or(c.Name, c.ID),
		URL:        c.URL,
		Self:       c.Self,
		Complete:   c.Complete,
		Errors:     c.Errors,
		Categories: make([]CategoryScore, len(p.cats)),
	}
	for _, pg := range c.Pages {
		if pg.Status >= 200 && pg.Status < 300 {
			out.Pages++
		}
	}
	// One allocation for every displayed score of this competitor.
	shown := make([]float64, 0, p.nCrit+len(p.cats))
	show := func(x float64) *float64 {
		shown = append(shown, round1(x))
		return &shown[len(shown)-1]
	}
	crits := make([]CriterionScore, p.nCrit)

	var coverage, sum, wsum float64
	k := 0
	for ci := range p.cats {
		cat := &p.cats[ci]
		cs := CategoryScore{ID: cat.id, Name: cat.name, Weight: cat.weight, Criteria: crits[k : k+len(cat.crits) : k+len(cat.crits)]}
		var csum, cw, ccov float64
		for j := range cat.crits {
			cr := &cat.crits[j]
			sg, found := c.Signals[cr.signal]
			o := cr.eval(sg, found, c.Signals)
			crs := &cs.Criteria[j]
			*crs = CriterionScore{
				ID: cr.id, Name: cr.name, Signal: cr.signal, Weight: cr.weight,
				Value: sg.Value, Evidence: sg.Evidence, Manual: sg.Manual, AsOf: sg.AsOf, Stale: sg.Stale,
			}
			if x, ok := sg.Value.Float(); ok && finite(x) != x {
				crs.Value = signal.Value{} // JSON cannot hold it; the explanation says why
			}
			critRow[k+j] = math.NaN()
			switch {
			case o.ok:
				crs.Explain = o.explain
				if cat.critW > 0 {
					ccov += cr.w / cat.critW
				}
			case cr.missing == config.MissingZero:
				o.score = 0
				crs.Explain = o.explain + " → 0 (missing: zero)"
			default:
				crs.Explain = o.explain + " (skipped)"
				continue
			}
			crs.Score = show(o.score)
			critRow[k+j] = o.score
			if cr.w > 0 {
				csum += cr.w * o.score
				cw += cr.w
			}
		}
		k += len(cat.crits)
		cs.Coverage = round4(ccov)
		coverage += cat.share * ccov
		catRow[ci] = math.NaN()
		if cw > 0 {
			s := csum / cw
			catRow[ci] = s
			cs.Score = show(s)
			if cat.w > 0 {
				sum += cat.w * s
				wsum += cat.w
			}
		}
		out.Categories[ci] = cs
	}
	if wsum > 0 {
		*overall = sum / wsum
	}
	out.Overall = round1(*overall)
	out.Coverage = round4(coverage)
	out.LowCoverage = coverage < p.minCoverage-lowCoverageSlack || coverage == 0
	return out
}

// maxKey is the largest rank key: an overall of 100 in tenths.
const maxKey = 1000

// rankKey is the overall score as displayed, in tenths (0–1000); equal keys
// share a rank.
func rankKey(overall float64) int {
	k := int(math.Round(overall * 10))
	return min(max(k, 0), maxKey)
}

// ranker turns rank keys into ranks in O(n) with a counting pass: the rank
// of key k is 1 + the number of keys above k.
type ranker struct{ above [maxKey + 2]int }

// reset counts keys; afterwards rank(k) answers in O(1).
func (rk *ranker) reset(keys []int) {
	rk.above = [maxKey + 2]int{}
	for _, k := range keys {
		rk.above[k]++
	}
	// above[k] becomes the number of keys greater than k.
	greater := 0
	for k := maxKey; k >= 0; k-- {
		n := rk.above[k]
		rk.above[k] = greater
		greater += n
	}
}

func (rk *ranker) rank(k int) int { return 1 + rk.above[k] }

// rankOf ranks overall scores, highest first; scores equal to 0.1 share a
// rank and the next rank is skipped (1, 2, 2, 4).
func rankOf(overall []float64) []int {
	keys := make([]int, len(overall))
	for i, o := range overall {
		keys[i] = rankKey(o)
	}
	var rk ranker
	rk.reset(keys)
	ranks := make([]int, len(keys))
	for i, k := range keys {
		ranks[i] = rk.rank(k)
	}
	return ranks
}

// round1 rounds a score for display to 0.1, never giving -0.
func round1(x float64) float64 {
	r := math.Round(x*10) / 10
	if r == 0 {
		return 0
	}
	return r
}

// finite returns x, or 0 when it is NaN or infinite, for figures that are
// copied into the scorecard (JSON has no NaN).
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// round4 rounds a share (coverage) for display to 0.0001.
func round4(x float64) float64 {
	r := math.Round(x*1e4) / 1e4
	if r == 0 {
		return 0
	}
	return r
}
