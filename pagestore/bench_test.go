package pagestore

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkKeep stores every page of the labelled extraction corpora
// (hand-written shop pages, about 5 KB each) and commits the store: the
// cost the page store adds to a crawl, per page, and the bytes it takes.
//
//	go test -run '^$' -bench Keep -benchtime 20x ./pagestore/
func BenchmarkKeep(b *testing.B) {
	var bodies [][]byte
	raw := 0
	root := filepath.Join("..", "crawler", "extract", "testdata")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		body, err := os.ReadFile(path)
		bodies = append(bodies, body)
		raw += len(body)
		return err
	})
	if err != nil || len(bodies) < 1000 {
		b.Fatalf("corpus: %d pages, %v", len(bodies), err)
	}
	b.ReportAllocs()
	var stored int64
	for b.Loop() {
		w, err := Create(filepath.Join(b.TempDir(), "pages"))
		if err != nil {
			b.Fatal(err)
		}
		for i, body := range bodies {
			w.Keep(fmt.Sprintf("shop-%d", i%40), Page{URL: fmt.Sprintf("https://shop.test/%d", i), Status: 200,
				Header: map[string]string{"Content-Type": "text/html; charset=utf-8"}}, body)
		}
		if _, err := w.Commit(testFile()); err != nil {
			b.Fatal(err)
		}
		stored = w.Size()
	}
	perPage := b.Elapsed().Seconds() / float64(b.N*len(bodies))
	b.ReportMetric(perPage*1e6, "µs/page")
	b.ReportMetric(float64(raw)/float64(len(bodies)), "raw-B/page")
	b.ReportMetric(float64(stored)/float64(len(bodies)), "stored-B/page")
}
