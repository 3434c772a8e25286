package crawler

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// TestProgressTerminalCompletes: a competitor that finishes under its
// budget shows its real page count as done, not a bar stuck short of it.
func TestProgressTerminalCompletes(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, true)
	c := config.Competitor{ID: "pine"}
	p.Started(c, 40)
	for range 8 {
		p.Fetched(c, signal.Page{Status: 200})
	}
	p.Finished(c, &signal.Competitor{Complete: true})
	p.Close()
	out := b.String()
	last := out[strings.LastIndex(out, "pine"):]
	if !strings.Contains(last, "8/8") || !strings.Contains(last, "done") {
		t.Errorf("final bar = %q, want 8/8 ... done", last)
	}
}
