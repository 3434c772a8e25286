package crawler

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Progress shows a crawl's progress: a live bar per competitor on a
// terminal, plain log lines otherwise. It is an Observer; call Close when
// the crawl is over to flush it.
type Progress struct {
	w        io.Writer
	terminal bool

	mu     sync.Mutex
	p      *mpb.Progress
	bars   map[string]*mpb.Bar
	counts map[string]int
	start  map[string]time.Time
	closed bool
}

var _ Observer = (*Progress)(nil)

// NewProgress returns a progress display writing to w; terminal selects
// live bars (w is a terminal) or one line per event.
func NewProgress(w io.Writer, terminal bool) *Progress {
	pr := &Progress{w: w, terminal: terminal, bars: map[string]*mpb.Bar{}, counts: map[string]int{}, start: map[string]time.Time{}}
	if terminal {
		pr.p = mpb.New(mpb.WithOutput(w), mpb.WithAutoRefresh(), mpb.WithWidth(32), mpb.WithRefreshRate(150*time.Millisecond))
	}
	return pr
}

// Started implements Observer.
func (pr *Progress) Started(comp config.Competitor, budget int) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.closed {
		return
	}
	pr.start[comp.ID] = time.Now()
	if !pr.terminal {
		fmt.Fprintf(pr.w, "%s: crawling %s (up to %d pages)\n", comp.ID, signal.Printable(comp.URL), budget)
		return
	}
	// Created with total 0 and given the budget after: mpb only lets
	// Finished complete a bar early (at the pages actually fetched) when it
	// did not start with a positive total.
	b := pr.p.AddBar(0,
		mpb.PrependDecorators(
			decor.Name(comp.ID, decor.WC{C: decor.DindentRight | decor.DextraSpace}),
			decor.CountersNoUnit("%d/%d", decor.WCSyncWidth),
		),
		mpb.AppendDecorators(
			decor.OnComplete(decor.Elapsed(decor.ET_STYLE_GO, decor.WCSyncSpace), "done"),
		),
	)
	b.SetTotal(int64(budget), false)
	pr.bars[comp.ID] = b
}

// Fetched implements Observer.
func (pr *Progress) Fetched(comp config.Competitor, page signal.Page) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.closed {
		return
	}
	pr.counts[comp.ID]++
	if !pr.terminal {
		fmt.Fprintf(pr.w, "%s: %d %s (%s, %.0f ms)\n", comp.ID, page.Status, signal.Printable(page.URL), page.Kind, page.MS)
		return
	}
	if b := pr.bars[comp.ID]; b != nil {
		b.Increment()
	}
}

// Failed implements Observer.
func (pr *Progress) Failed(comp config.Competitor, e signal.CrawlError) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.closed || pr.terminal {
		return // errors are in the output; bars stay tidy
	}
	if e.URL != "" {
		fmt.Fprintf(pr.w, "%s: error: %s: %s\n", comp.ID, signal.Printable(e.URL), signal.Printable(e.Message))
	} else {
		fmt.Fprintf(pr.w, "%s: error: %s\n", comp.ID, signal.Printable(e.Message))
	}
}

// Finished implements Observer.
func (pr *Progress) Finished(comp config.Competitor, result *signal.Competitor) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.closed {
		return
	}
	if !pr.terminal {
		state := "complete"
		if !result.Complete {
			state = "partial"
		}
		fmt.Fprintf(pr.w, "%s: finished: %d pages, %d errors, %s, %s\n", comp.ID, len(result.Pages),
			len(result.Errors), state, time.Since(pr.start[comp.ID]).Round(time.Millisecond))
		return
	}
	if b := pr.bars[comp.ID]; b != nil {
		b.SetTotal(int64(pr.counts[comp.ID]), true)
	}
}

// Close stops every bar still running and waits for the display to be
// flushed. It is safe to call more than once.
func (pr *Progress) Close() {
	pr.mu.Lock()
	if pr.closed {
		pr.mu.Unlock()
		return
	}
	pr.closed = true
	for _, b := range pr.bars {
		if !b.Completed() {
			b.Abort(false)
		}
	}
	p := pr.p
	pr.mu.Unlock()
	if p != nil {
		p.Wait()
	}
}

// Wait is Close, for symmetry with mpb.
func (pr *Progress) Wait() { pr.Close() }
