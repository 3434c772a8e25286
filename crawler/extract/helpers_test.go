package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
)

// tPage is a test page: a URL, its kind and its HTML (inline, or
// "@name.html" for testdata/cases/name.html).
type tPage struct {
	url    string
	kind   string
	html   string
	review bool
}

func tLoadHTML(t testing.TB, src string) string {
	t.Helper()
	if name, ok := strings.CutPrefix(src, "@"); ok {
		b, err := os.ReadFile(filepath.Join("testdata", "cases", name))
		if err != nil {
			t.Fatalf("reading test page: %v", err)
		}
		return string(b)
	}
	return src
}

func tBuild(t testing.TB, p tPage) *Page {
	t.Helper()
	u, err := url.Parse(p.url)
	if err != nil {
		t.Fatalf("parsing %q: %v", p.url, err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(tLoadHTML(t, p.html)))
	if err != nil {
		t.Fatalf("parsing html: %v", err)
	}
	kind := p.kind
	if kind == "" {
		kind = Classify(u, "")
	}
	return &Page{URL: u, Kind: kind, Doc: doc, Review: p.review}
}

// collect runs pages through a collector for a competitor with the given
// custom signals and returns the signals.
func tCollect(t testing.TB, global []config.CustomSignal, comp config.Competitor, pages []tPage, complete bool) map[string]signal.Signal {
	t.Helper()
	c := New(global).NewCollector(comp)
	var recs []signal.Page
	for i, p := range pages {
		pg := tBuild(t, p)
		c.Add(pg)
		recs = append(recs, signal.Page{URL: p.url, Status: 200, MS: float64(100 + 10*i), Kind: pg.Kind})
	}
	got := c.Finish(recs, complete)
	for name, s := range got {
		if len(s.Evidence) == 0 {
			t.Errorf("signal %s has no evidence", name)
		}
		for _, ev := range s.Evidence {
			if ev.Method == "" || len([]rune(ev.Snippet)) > signal.MaxSnippet {
				t.Errorf("signal %s: bad evidence %+v", name, ev)
			}
		}
	}
	return got
}

// values reduces signals to their values for the names asked (nil: absent).
func tPick(got map[string]signal.Signal, names ...string) map[string]any {
	out := map[string]any{}
	for _, n := range names {
		if s, ok := got[n]; ok {
			out[n] = s.Value.Interface()
		} else {
			out[n] = nil
		}
	}
	return out
}

// page wraps a body in a minimal HTML document.
func tDoc(body string) string {
	return "<!doctype html><html><head><title>Test</title></head><body>" + body + "</body></html>"
}
