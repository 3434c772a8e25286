// Package alerts decides, after a run, which declared alert conditions
// hold against the previous run, and delivers them to webhooks as a JSON
// payload chat tools accept (Slack-style: a text field, plus structured
// details under "cxbench"). Delivery failures are retried with backoff and
// logged; they never fail a run.
package alerts

import (
	"fmt"
	"math"
	"strings"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/history"
	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

// Alert is one condition that holds.
type Alert struct {
	Condition  string `json:"condition"` // rank_drop, score_move or signal
	Competitor string `json:"competitor,omitempty"`
	Category   string `json:"category,omitempty"`
	Signal     string `json:"signal,omitempty"`
	Old        any    `json:"old,omitempty"`
	New        any    `json:"new,omitempty"`
	Message    string `json:"message"`
}

// Evaluate returns the alerts that hold for the change from prev to cur
// (d = history.Compare(prev, cur)). Conditions are about change: a rank
// that dropped, a score that moved, a signal that crossed its line since
// the previous run. Nothing fires when nothing meaningful changed (no
// signal moved beyond its noise tolerance), so an unchanged run is silent.
func Evaluate(conds []config.AlertCondition, d *history.Diff, prev, cur history.Snapshot) []Alert {
	if d == nil || !d.Meaningful() {
		return nil
	}
	e := evaluator{d: d, prev: prev, cur: cur, names: map[string]string{}}
	for _, c := range cur.Scorecard.Competitors {
		e.names[c.ID] = c.Name
		if c.Self {
			e.self = c.ID
		}
	}
	var out []Alert
	for _, c := range conds {
		switch {
		case c.RankDrop != nil:
			out = append(out, e.rankDrop(c.RankDrop)...)
		case c.ScoreMove != nil:
			out = append(out, e.scoreMove(c.ScoreMove)...)
		case c.Signal != nil:
			out = append(out, e.signal(c.Signal)...)
		}
	}
	// Messages name competitors and quote scraped values; they go to chat.
	for i := range out {
		out[i].Message = signal.Printable(out[i].Message)
	}
	return out
}

type evaluator struct {
	d         *history.Diff
	prev, cur history.Snapshot
	self      string
	names     map[string]string
}

func (e *evaluator) name(id string) string {
	if n := e.names[id]; n != "" {
		return n
	}
	return id
}

func categoryOr(c string) string {
	if c == "" {
		return "overall"
	}
	return c
}

func (e *evaluator) categoryName(id string) string {
	for _, c := range e.cur.Scorecard.Rubric.Categories {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}

func (e *evaluator) rankDrop(r *config.RankDrop) []Alert {
	if e.self == "" {
		return nil
	}
	cat := categoryOr(r.Category)
	by := max(r.By, 1)
	old := history.CategoryRank(e.prev.Scorecard, cat, e.self)
	cur := history.CategoryRank(e.cur.Scorecard, cat, e.self)
	if old == 0 || cur == 0 || cur-old < by {
		return nil
	}
	what := "overall rank"
	if cat != "overall" {
		what = e.categoryName(cat) + " rank"
	}
	return []Alert{{
		Condition: "rank_drop", Competitor: e.self, Category: cat, Old: old, New: cur,
		Message: fmt.Sprintf("%s's %s dropped from %d to %d", e.name(e.self), what, old, cur),
	}}
}

// matches reports whether competitor id is selected by sel (any, self or
// an id; "" means def).
func (e *evaluator) matches(sel, def, id string) bool {
	if sel == "" {
		sel = def
	}
	switch sel {
	case "any":
		return true
	case "self":
		return id == e.self
	}
	return sel == id
}

func (e *evaluator) scoreMove(m *config.ScoreMove) []Alert {
	cat := categoryOr(m.Category)
	var out []Alert
	for _, c := range e.d.Competitors {
		if !e.matches(m.Competitor, "any", c.ID) {
			continue
		}
		move, label := c.Overall, "overall score"
		if cat != "overall" {
			label = e.categoryName(cat) + " score"
			move = history.Move{}
			for _, cm := range c.Categories {
				if cm.ID == cat {
					move = cm.Move
				}
			}
		}
		if move.Old == nil || move.New == nil || math.Abs(move.Delta()) <= m.By {
			continue
		}
		out = append(out, Alert{
			Condition: "score_move", Competitor: c.ID, Category: cat, Old: round1(*move.Old), New: round1(*move.New),
			Message: fmt.Sprintf("%s's %s moved %.1f → %.1f (%+.1f points)", e.name(c.ID), label, *move.Old, *move.New, move.Delta()),
		})
	}
	return out
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func values(f *signal.File, name string) map[string]signal.Value {
	out := map[string]signal.Value{}
	if f == nil {
		return out
	}
	for _, c := range f.Competitors {
		if s, ok := c.Signals[name]; ok {
			out[c.ID] = s.Value
		}
	}
	return out
}

func (e *evaluator) signal(s *config.SignalAlert) []Alert {
	old, cur := values(e.prev.Signals, s.Name), values(e.cur.Signals, s.Name)
	var out []Alert
	if s.When != "" {
		if e.self == "" {
			return nil
		}
		spec, _ := signal.Lookup(s.Name)
		ahead := func(c, self signal.Value) bool {
			x, okx := num(c)
			y, oky := num(self)
			if !okx || !oky {
				return false
			}
			if s.When == config.WhenBeatsSelf && spec.Better == signal.LowerIsBetter {
				return x < y
			}
			if s.When == config.WhenBeatsSelf && spec.Better == signal.Neutral {
				return false
			}
			return x > y
		}
		verb := "exceeds"
		if s.When == config.WhenBeatsSelf {
			verb = "beats"
		}
		for _, c := range e.cur.Scorecard.Competitors {
			if c.ID == e.self {
				continue
			}
			now := ahead(cur[c.ID], cur[e.self])
			before := ahead(old[c.ID], old[e.self])
			if !now || before || !(e.d.SignalChanged(c.ID, s.Name) || e.d.SignalChanged(e.self, s.Name)) {
				continue
			}
			out = append(out, Alert{
				Condition: "signal", Competitor: c.ID, Signal: s.Name, Old: cur[e.self].Interface(), New: cur[c.ID].Interface(),
				Message: fmt.Sprintf("%s's %s (%s) now %s %s's (%s)", e.name(c.ID), s.Name, cur[c.ID], verb, e.name(e.self), cur[e.self]),
			})
		}
		return out
	}
	holds := func(v signal.Value) bool {
		x, ok := v.Float()
		switch {
		case !ok:
			return false
		case s.Above != nil:
			return x > *s.Above
		case s.Below != nil:
			return x < *s.Below
		}
		return false
	}
	line, word := 0.0, ""
	switch {
	case s.Above != nil:
		line, word = *s.Above, "rose above"
	case s.Below != nil:
		line, word = *s.Below, "fell below"
	default:
		return nil
	}
	for _, c := range e.cur.Scorecard.Competitors {
		if !e.matches(s.Competitor, "self", c.ID) {
			continue
		}
		if !holds(cur[c.ID]) || holds(old[c.ID]) || !e.d.SignalChanged(c.ID, s.Name) {
			continue
		}
		was := "absent"
		if old[c.ID].Valid() {
			was = old[c.ID].String()
		}
		out = append(out, Alert{
			Condition: "signal", Competitor: c.ID, Signal: s.Name, Old: old[c.ID].Interface(), New: cur[c.ID].Interface(),
			Message: fmt.Sprintf("%s's %s %s %s: %s → %s", e.name(c.ID), s.Name, word, signal.FormatNumber(line), was, cur[c.ID]),
		})
	}
	return out
}

func num(v signal.Value) (float64, bool) {
	if f, ok := v.Float(); ok {
		return f, true
	}
	if b, ok := v.BoolValue(); ok {
		if b {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// Payload is the JSON POSTed to each webhook. Slack, Mattermost, Rocket.Chat
// and similar incoming webhooks show Text; tools that want structure read
// CXBench.
type Payload struct {
	Text    string  `json:"text"`
	CXBench Details `json:"cxbench"`
}

// Details is the structured part of a payload.
type Details struct {
	Run      string   `json:"run"`
	Previous string   `json:"previous"`
	Alerts   []Alert  `json:"alerts"`
	Self     *SelfNow `json:"self,omitempty"`
	// Changes are the run's changes in words, per competitor.
	Changes []history.CompetitorLines `json:"changes,omitempty"`
	Report  string                    `json:"report,omitempty"`
}

// SelfNow is self's standing in the new run.
type SelfNow struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Overall float64 `json:"overall"`
	Rank    int     `json:"rank"`
	Of      int     `json:"of"`
}

// NewPayload builds the payload for alerts raised by the run cur against
// d's previous run; report is where the HTML report is (a path or URL,
// optional).
func NewPayload(as []Alert, d *history.Diff, cur *scoring.Scorecard, report string) Payload {
	p := Payload{CXBench: Details{Run: d.To.ID, Previous: d.From.ID, Alerts: as, Changes: d.Lines(), Report: report}}
	var b strings.Builder
	fmt.Fprintf(&b, "cxbench: %d alert", len(as))
	if len(as) != 1 {
		b.WriteString("s")
	}
	fmt.Fprintf(&b, " after run %s (compared with %s)", signal.Printable(d.To.ID), signal.Printable(d.From.ID))
	for _, c := range cur.Competitors {
		if c.Self {
			name := signal.Printable(c.Name)
			p.CXBench.Self = &SelfNow{ID: c.ID, Name: name, Overall: round1(c.Overall), Rank: c.Rank, Of: len(cur.Competitors)}
			fmt.Fprintf(&b, "\n%s now ranks %d of %d with %.1f", name, c.Rank, len(cur.Competitors), c.Overall)
		}
	}
	for _, a := range as {
		b.WriteString("\n• " + a.Message)
	}
	if report != "" {
		b.WriteString("\nReport: " + report)
	}
	p.Text = b.String()
	return p
}
