// Command maineval measures whether a maintained main-content library
// would decide better than the document model's own rules which blocks of
// a page are its main content (and which are chrome), by the accuracy of
// the whole extraction on the open labelled corpora and by the time per
// page. It is a separate module, so that the libraries it compares are no
// dependencies of cxbench; run it from this directory:
//
//	go run . -corpus ../../crawler/extract
//
// Results are in BENCHMARKS.md ("Main content: document model against
// libraries"). With -lang it compares the language of each labelled page
// as the document model decides it with two detectors (whatlanggo,
// lingua-go); the labelled pages include the frozen sets, whose labels
// are only counted.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/internal/corpus"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// strategy decides a page's main text; "" text means it found none.
type strategy struct {
	name string
	main func(p *extract.Page) string // nil: the document model's own rules
}

func main() {
	root := flag.String("corpus", "../../crawler/extract", "directory holding testdata/<set>")
	langs := flag.Bool("lang", false, "compare language detection instead")
	flag.Parse()
	if *langs {
		langEval(*root)
		return
	}
	strategies := []strategy{
		{name: "document model (hand-written rules)"},
		{name: "go-trafilatura v1.12.2", main: trafilaturaMain},
		{name: "go-readability v2.1.3 (readeck)", main: readabilityMain},
	}
	var sites []*corpus.Site
	for _, set := range corpus.Sets {
		if set.Frozen {
			continue // frozen sets are read by nobody, tools included
		}
		set.Dir = filepath.Join(*root, set.Dir)
		s, err := corpus.Load(set)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sites = append(sites, s...)
	}
	fmt.Printf("%d sites of the open corpora\n\n", len(sites))
	fmt.Printf("| strategy | pairs right | accuracy | main-content time / page |\n|---|---|---|---|\n")
	for _, st := range strategies {
		right, total, perPage := evaluate(sites, st)
		fmt.Printf("| %s | %d/%d | %.1f %% | %s |\n", st.name, right, total, 100*float64(right)/float64(total), perPage)
	}
}

// evaluate extracts every site with the strategy deciding main content.
func evaluate(sites []*corpus.Site, st strategy) (right, total int, perPage time.Duration) {
	var (
		mu    sync.Mutex
		spent time.Duration
		pages int
	)
	ex := extract.New(nil)
	if st.main != nil {
		ex.MainContent = func(p *extract.Page, doc *document.Document) {
			start := time.Now()
			text := st.main(p)
			mu.Lock()
			spent += time.Since(start)
			pages++
			mu.Unlock()
			relabel(doc, text)
		}
	} else {
		ex.MainContent = func(p *extract.Page, doc *document.Document) {
			start := time.Now()
			var b bytes.Buffer
			html.Render(&b, p.Doc.Nodes[0])
			root, _ := html.Parse(&b)
			document.Parse([]*html.Node{root}, document.Options{})
			mu.Lock()
			spent += time.Since(start)
			pages++
			mu.Unlock()
		}
	}
	for _, s := range sites {
		dir, _ := os.MkdirTemp("", "maineval")
		store, err := s.Store(filepath.Join(dir, "pages"), nil)
		if err != nil {
			panic(err)
		}
		f := crawler.Replay(store, ex, []config.Competitor{s.Competitor()})
		os.RemoveAll(dir)
		got := f.Competitors[0].Signals
		for _, k := range corpus.Keys() {
			sig, ok := got[k]
			total++
			if corpus.Agree(k, s.Want[k], sig, ok) {
				right++
			}
		}
	}
	if pages > 0 {
		perPage = (spent / time.Duration(pages)).Round(10 * time.Microsecond)
	}
	return right, total, perPage
}

// relabel makes the blocks the library kept main content and the others
// chrome. A page where the library found nothing keeps the model's regions.
func relabel(doc *document.Document, text string) {
	main := policytext.Normalize(text)
	if strings.TrimSpace(main) == "" {
		return
	}
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Source != "" {
			continue
		}
		if strings.Contains(main, policytext.Normalize(b.Text)) {
			b.Region, b.Chrome = document.Main, ""
		} else {
			b.Region, b.Chrome = document.Chrome, "library"
		}
	}
}

func render(p *extract.Page) string {
	var b bytes.Buffer
	for _, n := range p.Doc.Nodes {
		html.Render(&b, n)
	}
	return b.String()
}

func trafilaturaMain(p *extract.Page) string {
	res, err := trafilatura.Extract(strings.NewReader(render(p)), trafilatura.Options{
		OriginalURL: p.URL, IncludeLinks: false, EnableFallback: true, ExcludeComments: true,
	})
	if err != nil || res == nil {
		return ""
	}
	return res.ContentText
}

func readabilityMain(p *extract.Page) string {
	u, _ := url.Parse(p.URL.String())
	art, err := readability.FromReader(strings.NewReader(render(p)), u)
	if err != nil {
		return ""
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		return ""
	}
	return b.String()
}
