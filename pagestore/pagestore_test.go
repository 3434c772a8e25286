package pagestore

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func testFile() *signal.File {
	return &signal.File{Schema: signal.Schema, StartedAt: time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC),
		Competitors: []signal.Competitor{{ID: "acme", Name: "Acme", URL: "https://acme.test/", Complete: true,
			Pages:   []signal.Page{{URL: "https://acme.test/", Status: 200, MS: 12, Kind: "home"}},
			Errors:  []signal.CrawlError{{URL: "https://acme.test/x", Status: 500, Message: "HTTP 500"}},
			Signals: map[string]signal.Signal{"site.pages": {Value: signal.Number(1)}}}}}
}

func TestWriteAndRead(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "pages")
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	home := []byte("<html><body>Returns within 30 days</body></html>")
	at := time.Date(2026, 11, 22, 6, 0, 1, 0, time.UTC)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := home
			if i%2 == 1 {
				body = []byte(fmt.Sprintf("<p>page %d</p>", i))
			}
			w.Keep("acme", Page{URL: fmt.Sprintf("https://acme.test/%d", i), Status: 200, Kind: "other", FetchedAt: at,
				Header: map[string]string{"Content-Type": "text/html; charset=utf-8"}}, body)
		}()
	}
	wg.Wait()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("store visible before Commit: %v", err)
	}
	if _, err := w.Commit(testFile()); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Index.Pages["acme"]); got != 20 {
		t.Fatalf("%d pages stored, want 20", got)
	}
	pages, bodies, size := s.Size()
	if pages != 20 || bodies != 11 || size <= 0 {
		t.Errorf("Size() = %d pages, %d bodies, %d bytes; want 20, 11, > 0", pages, bodies, size)
	}
	p, ok := s.Lookup("acme", "https://acme.test/0")
	if !ok {
		t.Fatal("Lookup found nothing")
	}
	body, err := s.Body(p)
	if err != nil || !bytes.Equal(body, home) {
		t.Fatalf("Body() = %q, %v", body, err)
	}
	if _, ok := s.Lookup("acme", "https://acme.test/nope"); ok {
		t.Error("Lookup found a page never stored")
	}
	// The crawl is kept without its signals.
	want := testFile()
	want.Competitors[0].Signals = nil
	if diff := cmp.Diff(*want, s.Index.Crawl); diff != "" {
		t.Errorf("stored crawl (-want +got):\n%s", diff)
	}
	// No temporary directories are left beside the store.
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("beside the store: %v", entries)
	}
}

func TestCommitReplacesAndAbortRemoves(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pages")
	for _, text := range []string{"first", "second"} {
		w, err := Create(dir)
		if err != nil {
			t.Fatal(err)
		}
		w.Keep("acme", Page{URL: "https://acme.test/", Status: 200}, []byte(text))
		if _, err := w.Commit(testFile()); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := s.Body(s.Index.Pages["acme"][0]); string(body) != "second" {
		t.Errorf("after a second commit the store holds %q", body)
	}
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Keep("acme", Page{URL: "https://acme.test/"}, []byte("third"))
	w.Abort()
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("Abort left %v", entries)
	}
	if s, err := Open(dir); err != nil || len(s.Index.Pages["acme"]) != 1 {
		t.Errorf("Abort touched the committed store: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNoStore) {
		t.Errorf("empty directory: %v, want ErrNoStore", err)
	}
	os.WriteFile(filepath.Join(dir, IndexFile), []byte(`{"schema":"cxbench.signals/v1"}`), 0o644)
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "schema") {
		t.Errorf("wrong schema: %v", err)
	}
	os.WriteFile(filepath.Join(dir, IndexFile), []byte(`{"schema":`), 0o644)
	if _, err := Open(dir); err == nil {
		t.Error("truncated index opened")
	}
}

func TestBodyDamage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pages")
	w, _ := Create(dir)
	w.Keep("acme", Page{URL: "https://acme.test/"}, []byte("original body"))
	if _, err := w.Commit(testFile()); err != nil {
		t.Fatal(err)
	}
	s, _ := Open(dir)
	p := s.Index.Pages["acme"][0]
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("tampered body"))
	zw.Close()
	os.WriteFile(filepath.Join(dir, bodyPath(p.Body)), buf.Bytes(), 0o644)
	if _, err := s.Body(p); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("tampered body: %v", err)
	}
	for _, ref := range []string{"../../etc/passwd", "", strings.Repeat("z", 64)} {
		if _, err := s.Body(Page{URL: "x", Body: ref}); err == nil {
			t.Errorf("body reference %q was followed", ref)
		}
	}
	// A gzip bomb stops at MaxBody.
	var bomb bytes.Buffer
	zw = gzip.NewWriter(&bomb)
	chunk := make([]byte, 1<<20)
	for i := 0; i < MaxBody>>20+2; i++ {
		zw.Write(chunk)
	}
	zw.Close()
	os.WriteFile(filepath.Join(dir, bodyPath(p.Body)), bomb.Bytes(), 0o644)
	if _, err := s.Body(p); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("bomb: %v", err)
	}
}

func TestLink(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pages")
	w, _ := Create(dir)
	w.Keep("acme", Page{URL: "https://acme.test/"}, []byte("body"))
	if _, err := w.Commit(testFile()); err != nil {
		t.Fatal(err)
	}
	s, _ := Open(dir)
	dst := filepath.Join(t.TempDir(), "run", "pages")
	if err := s.Link(dst); err != nil {
		t.Fatal(err)
	}
	c, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	if body, err := c.Body(c.Index.Pages["acme"][0]); err != nil || string(body) != "body" {
		t.Errorf("linked store body %q, %v", body, err)
	}
}

// TestPerCompetitorShare: a competitor whose pages exceed its share of
// the store loses the pages beyond it (counted in the index), not the
// other competitors'; a body already stored costs nothing.
func TestPerCompetitorShare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pages")
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.PerCompetitor = 1 << 10
	noise := func(seed int) []byte { // incompressible: a 2 KiB body takes about 2 KiB
		b := make([]byte, 2<<10)
		x := uint32(seed*2654435761 + 1)
		for i := range b {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b[i] = byte(x)
		}
		return b
	}
	shared := noise(0)
	if !w.Keep("hostile", Page{URL: "https://h.test/0"}, shared) {
		t.Fatal("the first page was dropped")
	}
	for i := 1; i <= 3; i++ {
		if w.Keep("hostile", Page{URL: fmt.Sprintf("https://h.test/%d", i)}, noise(i)) {
			t.Errorf("page %d kept beyond the competitor's share", i)
		}
	}
	if !w.Keep("hostile", Page{URL: "https://h.test/again"}, shared) {
		t.Error("a body already stored was dropped")
	}
	if !w.Keep("acme", Page{URL: "https://acme.test/"}, noise(9)) {
		t.Error("another competitor's page was dropped")
	}
	s, err := w.Commit(testFile())
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Index.Dropped; got["hostile"] != 3 || got["acme"] != 0 {
		t.Errorf("dropped = %v, want hostile 3", got)
	}
	if got := len(s.Index.Pages["hostile"]); got != 2 {
		t.Errorf("hostile has %d stored pages, want 2", got)
	}
}

// TestNeverReplacesOtherDirectories: a directory that is not a page store
// (a web project's pages/) is never removed; an earlier store is replaced.
func TestNeverReplacesOtherDirectories(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pages")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "about.tsx")
	if err := os.WriteFile(mine, []byte("export default 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(dir); err == nil || !strings.Contains(err.Error(), "is not a page store (it holds about.tsx)") {
		t.Errorf("Create over a foreign directory: %v", err)
	}

	// A foreign file appearing during the crawl stops the commit too.
	store := filepath.Join(t.TempDir(), "pages")
	w, err := Create(store)
	if err != nil {
		t.Fatal(err)
	}
	w.Keep("acme", Page{URL: "https://acme.test/"}, []byte("<p>x</p>"))
	if err := os.MkdirAll(store, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(store, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(testFile()); err == nil {
		t.Error("Commit replaced a directory holding notes.txt")
	}
	if _, err := os.Stat(filepath.Join(store, "notes.txt")); err != nil {
		t.Errorf("the user's file is gone: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("the user's file is gone: %v", err)
	}
}

// TestStaleTemporaryDirectories: what a killed writer left more than a
// day ago is removed by the next Create; a recent one (another writer at
// work) is kept.
func TestStaleTemporaryDirectories(t *testing.T) {
	parent := t.TempDir()
	old := filepath.Join(parent, ".pages.123.tmp")
	recent := filepath.Join(parent, ".pages.456.tmp")
	for _, d := range []string{old, recent} {
		if err := os.MkdirAll(filepath.Join(d, "bodies"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	w, err := Create(filepath.Join(parent, "pages"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale %s kept: %v", old, err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("recent %s removed: %v", recent, err)
	}
}
