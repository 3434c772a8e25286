package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// validatingSite serves a small shop whose pages carry ETags and answer
// If-None-Match with 304 Not Modified, without the headers of the page
// (as servers do). It records the If-None-Match of every request.
type validatingSite struct {
	*testSite
	mu  sync.Mutex
	inm map[string]string // path -> If-None-Match of the last request
}

func newValidatingSite(t *testing.T) *validatingSite {
	v := &validatingSite{inm: map[string]string{}}
	page := func(body string, header map[string]string) http.HandlerFunc {
		sum := sha256.Sum256([]byte(body))
		etag := `"` + hex.EncodeToString(sum[:6]) + `"`
		return func(w http.ResponseWriter, r *http.Request) {
			v.mu.Lock()
			v.inm[r.URL.Path] = r.Header.Get("If-None-Match")
			v.mu.Unlock()
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			for k, val := range header {
				w.Header().Set(k, val)
			}
			fmt.Fprint(w, body)
		}
	}
	html := map[string]string{"Content-Type": "text/html; charset=utf-8"}
	v.testSite = newSite(t, "", map[string]http.HandlerFunc{
		"/": page(`<html lang="en"><head><title>Fjord Supply</title></head><body>
<nav><a href="/returns">Returns</a> <a href="/versand">Versand</a> <a href="/big">Catalogue</a></nav>
<main><h1>Fjord Supply</h1><p>Outdoor gear since 1999. Call us on +1 555 0100.</p></main></body></html>`, html),
		"/returns": page(`<html lang="en"><head><title>Returns policy</title></head><body><main>
<h1>Returns policy</h1><p>You can return any unworn item within 45 days of delivery for a full refund.</p>
<p>Return shipping is free: use the prepaid label in your parcel.</p></main></body></html>`, html),
		// German without a lang attribute: its language comes from the
		// Content-Language header, which a 304 does not repeat.
		"/versand": page(`<html><head><title>Versand</title></head><body><main><h1>Versand</h1>
<p>Wir liefern innerhalb von 3 Werktagen.</p></main></body></html>`,
			map[string]string{"Content-Type": "text/html; charset=utf-8", "Content-Language": "de"}),
		"/big": page(`<html><head><title>Catalogue</title></head><body><main><h1>Catalogue</h1><p>`+
			strings.Repeat("Tents, stoves, packs and boots. ", 400)+`</p></main></body></html>`, html),
	})
	return v
}

func (v *validatingSite) ifNoneMatch(path string) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.inm[path]
}

// crawlInto crawls site with a page store written to dir, reading the
// previous store prev (nil: none) for conditional requests.
func crawlInto(t *testing.T, site *validatingSite, dir string, prev *pagestore.Store) (*signal.File, *pagestore.Store) {
	t.Helper()
	w, err := pagestore.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := testCrawler(t, config.Crawl{MaxBody: 8 << 10})
	c.Extractor = extract.New(nil)
	c.Pages, c.Previous = w, prev
	f, err := c.Run(context.Background(), []config.Competitor{comp("fjord", site.URL+"/")})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if _, err := w.Commit(f); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	s, err := pagestore.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return f, s
}

// ignoreTiming leaves out response.median_ms, which two crawls measure
// differently.
var ignoreTiming = cmpopts.IgnoreMapEntries(func(k string, _ signal.Signal) bool { return k == "response.median_ms" })

func pageOf(t *testing.T, s *pagestore.Store, path string) pagestore.Page {
	t.Helper()
	for _, p := range s.Index.Pages["fjord"] {
		if strings.HasSuffix(p.URL, path) {
			return p
		}
	}
	t.Fatalf("no stored page %s", path)
	return pagestore.Page{}
}

func TestPageStoreKeepsWhatWasRead(t *testing.T) {
	site := newValidatingSite(t)
	dir := t.TempDir()
	f, s := crawlInto(t, site, filepath.Join(dir, "pages"), nil)
	live := f.Competitors[0]

	var urls []string
	for _, p := range s.Index.Pages["fjord"] {
		urls = append(urls, strings.TrimPrefix(p.URL, site.URL))
	}
	// Crawl order: the home page first; every HTML page once.
	if len(urls) != 4 || urls[0] != "/" {
		t.Fatalf("stored pages = %v, want the 4 HTML pages, home first", urls)
	}
	de := pageOf(t, s, "/versand")
	if de.Status != 200 || de.Header["Content-Language"] != "de" || de.Header["ETag"] == "" ||
		de.Header["Content-Type"] != "text/html; charset=utf-8" || de.FetchedAt.IsZero() {
		t.Errorf("stored /versand = %+v, want status 200 with Content-Language, ETag, Content-Type and a fetch time", de)
	}
	if big := pageOf(t, s, "/big"); !big.Truncated || big.Bytes != 8<<10 {
		t.Errorf("stored /big: truncated=%v bytes=%d, want the body as read, cut at max_body (8192)", big.Truncated, big.Bytes)
	}
	if got := len(s.Index.Measured["fjord"]); got != 4 {
		t.Errorf("measured records = %d, want 4 (the HTML pages)", got)
	}
	for _, p := range live.Pages {
		if strings.HasSuffix(p.URL, "/versand") && p.Lang != "de" || strings.HasSuffix(p.URL, "/returns") && p.Lang != "en" {
			t.Errorf("page %s: lang %q", p.URL, p.Lang)
		}
	}

	// Replayed offline, the store gives back what the crawl extracted.
	replayed := Replay(s, extract.New(nil), []config.Competitor{comp("fjord", site.URL+"/")})
	if diff := cmp.Diff(live, replayed.Competitors[0], ignoreTiming); diff != "" {
		t.Errorf("replayed competitor differs from the live crawl (-live +replayed):\n%s", diff)
	}
	if days, _ := live.Signals["policy.return_days"].Value.Float(); days != 45 {
		t.Errorf("policy.return_days = %v, want 45", live.Signals["policy.return_days"].Value)
	}
}

func TestPageStoreRevalidates(t *testing.T) {
	site := newValidatingSite(t)
	dir := t.TempDir()
	first, prev := crawlInto(t, site, filepath.Join(dir, "run1"), nil)
	second, next := crawlInto(t, site, filepath.Join(dir, "run2"), prev)

	for _, path := range []string{"/", "/returns", "/versand"} {
		if site.ifNoneMatch(path) == "" {
			t.Errorf("%s requested without If-None-Match on the second run", path)
		}
		if !pageOf(t, next, path).NotModified {
			t.Errorf("%s not recorded as not modified in the second store", path)
		}
	}
	// A page stored cut cannot stand in for the whole page.
	if inm := site.ifNoneMatch("/big"); inm != "" {
		t.Errorf("/big (stored truncated) requested with If-None-Match %s", inm)
	}
	// The 304 carried no Content-Language; the stored one is kept, so
	// the page reads the same.
	if got := pageOf(t, next, "/versand").Header["Content-Language"]; got != "de" {
		t.Errorf("revalidated /versand: Content-Language %q, want the stored de", got)
	}
	if diff := cmp.Diff(first.Competitors[0].Signals, second.Competitors[0].Signals, ignoreTiming); diff != "" {
		t.Errorf("signals of the revalidated crawl differ (-first +second):\n%s", diff)
	}
	for _, p := range second.Competitors[0].Pages {
		if strings.HasSuffix(p.URL, "/versand") && (!p.NotModified || p.Lang != "de") {
			t.Errorf("second crawl's /versand record = %+v, want not_modified and lang de", p)
		}
	}

	// A damaged stored body is not used: the page is fetched whole.
	p := pageOf(t, next, "/returns")
	if err := os.WriteFile(filepath.Join(next.Dir, "bodies", p.Body[:2], p.Body+".gz"), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, _ := crawlInto(t, site, filepath.Join(dir, "run3"), next)
	if inm := site.ifNoneMatch("/returns"); inm != "" {
		t.Errorf("/returns requested with If-None-Match %s although its stored body is damaged", inm)
	}
	if diff := cmp.Diff(first.Competitors[0].Signals, third.Competitors[0].Signals, ignoreTiming); diff != "" {
		t.Errorf("signals after a damaged store differ (-first +third):\n%s", diff)
	}
}

// TestPageStoreShareUsedUp: pages beyond a competitor's share of the store
// are read by the crawl but not kept; re-extraction says so and reports
// nothing absent for want of them.
func TestPageStoreShareUsedUp(t *testing.T) {
	site := newValidatingSite(t)
	w, err := pagestore.Create(filepath.Join(t.TempDir(), "pages"))
	if err != nil {
		t.Fatal(err)
	}
	w.PerCompetitor = 1 // the home page only
	c := testCrawler(t, config.Crawl{MaxBody: 8 << 10})
	c.Extractor = extract.New(nil)
	c.Pages = w
	f, err := c.Run(context.Background(), []config.Competitor{comp("fjord", site.URL+"/")})
	if err != nil {
		t.Fatal(err)
	}
	if !f.Competitors[0].Complete || !f.Competitors[0].Signals["policy.return_days"].Value.Valid() {
		t.Fatal("the live crawl lost pages to the store's limit")
	}
	s, err := w.Commit(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Index.Dropped["fjord"]; got != 3 {
		t.Errorf("dropped %d pages, want 3", got)
	}
	re := Replay(s, extract.New(nil), nil).Competitors[0]
	if re.Complete {
		t.Error("replay of a store missing pages is complete")
	}
	last := re.Errors[len(re.Errors)-1]
	if !strings.Contains(last.Message, "3 pages read by the crawl were not kept") {
		t.Errorf("last error = %q", last.Message)
	}
	for name, sig := range re.Signals {
		if b, ok := sig.Value.BoolValue(); ok && !b && name != "site.https" {
			t.Errorf("%s reported false from an incomplete store: %v", name, sig.Evidence)
		}
	}
}

// TestReplayContainsPanics: a bug the extractor meets on one stored page
// costs that page, as in the live crawl, not the whole re-extraction.
func TestReplayContainsPanics(t *testing.T) {
	site := newValidatingSite(t)
	_, s := crawlInto(t, site, filepath.Join(t.TempDir(), "pages"), nil)
	ex := extract.New(nil)
	ex.MainContent = func(p *extract.Page, _ *document.Document) {
		if p.URL.Path == "/versand" {
			panic("extractor bug")
		}
	}
	re := Replay(s, ex, nil).Competitors[0]
	last := re.Errors[len(re.Errors)-1]
	if !strings.HasSuffix(last.URL, "/versand") || last.Message != "re-extracting: internal error: extractor bug" || re.Complete {
		t.Errorf("errors %+v, complete %v; want the page's internal error and an incomplete crawl", re.Errors, re.Complete)
	}
	if days, _ := re.Signals["policy.return_days"].Value.Float(); days != 45 {
		t.Errorf("policy.return_days = %v after another page's panic, want 45", re.Signals["policy.return_days"].Value)
	}
}
