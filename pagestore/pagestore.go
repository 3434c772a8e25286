// Package pagestore keeps every HTML page a crawl fetched, so that signals
// can be extracted again later without the network: after an extractor
// fix, on past runs, or on a labelled corpus.
//
// A store is a directory:
//
//	pages/
//	  index.json                      the crawl (page records, errors, completeness) and the stored pages
//	  bodies/3f/3f9c…e1.gz            one gzipped body per distinct content (SHA-256 of the raw bytes)
//
// Bodies are stored as fetched (before charset decoding), with the
// response headers extraction needs (Content-Type for the charset,
// Content-Language, the validators ETag and Last-Modified for conditional
// requests, X-Robots-Tag). A Writer writes bodies as they arrive and the
// index at Commit, into a temporary directory renamed into place, so an
// interrupted crawl leaves no half store behind.
package pagestore

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cxbench/cxbench/signal"
)

// Schema identifies the index format.
const Schema = "cxbench.pages/v1"

// IndexFile is the index's name in a store directory.
const IndexFile = "index.json"

// Limits on reading a store (they bound what a damaged or hostile store
// can make a reader allocate).
const (
	MaxBody  = 64 << 20  // bytes of one body, uncompressed
	maxIndex = 256 << 20 // bytes of the index
)

// Header names kept with each page.
var keptHeaders = []string{"Content-Type", "Content-Language", "ETag", "Last-Modified", "X-Robots-Tag"}

// KeptHeader reports whether a response header is stored with the page,
// and the name it is stored under (Page.Header spells names as
// keptHeaders does: "ETag", not Go's canonical "Etag").
func KeptHeader(name string) (string, bool) {
	for _, h := range keptHeaders {
		if strings.EqualFold(h, name) {
			return h, true
		}
	}
	return "", false
}

// Page is one stored HTML page.
type Page struct {
	// URL is the page's final URL (after redirects).
	URL    string `json:"url"`
	Status int    `json:"status"`
	// Header holds the response headers extraction needs (see KeptHeader).
	Header map[string]string `json:"header,omitempty"`
	Kind   string            `json:"kind"`
	Depth  int               `json:"depth"`
	// Review marks a configured third-party review page.
	Review    bool      `json:"review,omitempty"`
	FetchedAt time.Time `json:"fetched_at"`
	// Truncated: the body was cut at the crawl's max_body.
	Truncated bool `json:"truncated,omitempty"`
	// NotModified: the server answered 304 and the body is the previous
	// run's.
	NotModified bool `json:"not_modified,omitempty"`
	// Body is the hex SHA-256 of the raw body; Bytes its length.
	Body  string `json:"body"`
	Bytes int    `json:"bytes"`
}

// Index is a store's index.json.
type Index struct {
	Schema string `json:"schema"`
	// Crawl is the crawl's signals.json without signals: tool, user
	// agent, times, configuration hash, and per competitor its page
	// records, errors and completeness.
	Crawl signal.File `json:"crawl"`
	// Pages are the stored HTML pages by competitor id, in the order the
	// crawl handed them to the extractor.
	Pages map[string][]Page `json:"pages"`
	// Measured are, by competitor id, the page records the site signals
	// (response.median_ms, site.pages, site.https) are computed from: the
	// competitor's own HTML pages and failed attempts.
	Measured map[string][]signal.Page `json:"measured"`
	// Dropped counts, by competitor id, the pages read but not kept: their
	// competitor had used up its share of the store (Writer.PerCompetitor).
	Dropped map[string]int `json:"dropped,omitempty"`
}

// bodyPath is where a body is stored, relative to the store.
func bodyPath(sum string) string {
	return filepath.Join("bodies", sum[:2], sum+".gz")
}

// validSum reports a hex SHA-256.
func validSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// DefaultPerCompetitor bounds the compressed bytes one competitor's
// pages may take in a store: about 40 pages of 5 MiB that do not
// compress. Ordinary sites take a small part of it (a 40-page crawl of a
// shop, some hundred kilobytes); a hostile one cannot fill the disk.
const DefaultPerCompetitor = 64 << 20

// Writer stores the pages of one crawl. Its methods are safe for
// concurrent use.
type Writer struct {
	// PerCompetitor bounds the compressed bytes of new bodies one
	// competitor may add; pages beyond it are counted in Index.Dropped.
	// Set it before the first Keep.
	PerCompetitor int64

	final, tmp string

	mu       sync.Mutex
	pages    map[string][]Page
	measured map[string][]signal.Page
	dropped  map[string]int
	spent    map[string]int64 // compressed bytes by competitor
	bodies   map[string]bool
	size     int64 // compressed bytes written
	err      error // the first write error
}

// Create starts a store that Commit will put at dir, replacing a store
// already there; a directory holding anything else is an error. Bodies go
// to a temporary directory beside it (temporary directories a killed
// process left there more than a day ago are removed).
func Create(dir string) (*Writer, error) {
	if err := replaceable(dir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating page store: %w", err)
	}
	removeStale(parent, filepath.Base(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("creating page store: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp's 0700 would stay after the rename
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("creating page store: %w", err)
	}
	return &Writer{
		PerCompetitor: DefaultPerCompetitor,
		final:         dir, tmp: tmp,
		pages: map[string][]Page{}, measured: map[string][]signal.Page{}, dropped: map[string]int{},
		spent: map[string]int64{}, bodies: map[string]bool{},
	}, nil
}

// replaceable returns an error when dir exists and holds anything but a
// page store (its index and bodies): Commit must never remove a user's
// directory that happens to be called pages/.
func replaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("page store %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.Name() != IndexFile && e.Name() != "bodies" {
			return fmt.Errorf("%s exists and is not a page store (it holds %s): not replacing it; choose another directory with --pages, or --no-pages", dir, e.Name())
		}
	}
	return nil
}

// staleAfter is the age at which a temporary store directory is taken for
// one a killed process left behind.
const staleAfter = 24 * time.Hour

// removeStale removes the temporary directories of earlier, killed
// writers of the store base in parent.
func removeStale(parent, base string) {
	for _, pattern := range []string{"." + base + ".*.tmp", "." + base + ".*.tmp.old"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.IsDir() && time.Since(fi.ModTime()) > staleAfter {
				os.RemoveAll(m)
			}
		}
	}
}

// Keep stores one page of a competitor: the body (once per distinct
// content) and its record. It reports false when the page was dropped
// because the competitor's share of the store is used up. A failure to
// write is remembered and reported by Commit; the crawl goes on.
func (w *Writer) Keep(competitor string, p Page, body []byte) bool {
	sum := sha256.Sum256(body)
	p.Body, p.Bytes = hex.EncodeToString(sum[:]), len(body)
	w.mu.Lock()
	have := w.bodies[p.Body]
	if !have && w.spent[competitor] >= w.PerCompetitor {
		w.dropped[competitor]++
		w.mu.Unlock()
		return false
	}
	if !have {
		w.bodies[p.Body] = true // claimed: written below, outside the lock
	}
	failed := w.err != nil
	w.mu.Unlock()
	if !have && !failed {
		n, err := writeBody(filepath.Join(w.tmp, bodyPath(p.Body)), body)
		w.mu.Lock()
		w.size += n
		w.spent[competitor] += n
		if err != nil && w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
	}
	w.mu.Lock()
	w.pages[competitor] = append(w.pages[competitor], p)
	w.mu.Unlock()
	return true
}

// Finished records a competitor's measured page records (see
// Index.Measured) when its crawl ends.
func (w *Writer) Finished(competitor string, measured []signal.Page) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.measured[competitor] = append([]signal.Page(nil), measured...)
}

// Size is the number of compressed bytes written so far.
func (w *Writer) Size() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.size
}

// gzipWriters are reused: each holds some hundred kilobytes of tables.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

func writeBody(path string, body []byte) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, fmt.Errorf("storing page: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(len(body)/3 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	zw.Write(body)
	if err := zw.Close(); err != nil {
		return 0, fmt.Errorf("storing page: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return 0, fmt.Errorf("storing page: %w", err)
	}
	return int64(buf.Len()), nil
}

// Commit writes the index from the crawl's file (its signals are left
// out) and puts the store in place, replacing an older one at the same
// path. It returns the store, open for reading.
func (w *Writer) Commit(f *signal.File) (*Store, error) {
	w.mu.Lock()
	err := w.err
	idx := Index{Schema: Schema, Crawl: *f, Pages: w.pages, Measured: w.measured}
	if len(w.dropped) > 0 {
		idx.Dropped = w.dropped
	}
	w.mu.Unlock()
	if err != nil {
		w.Abort()
		return nil, err
	}
	idx.Crawl.Competitors = make([]signal.Competitor, len(f.Competitors))
	for i, c := range f.Competitors {
		c.Signals = nil
		idx.Crawl.Competitors[i] = c
	}
	data, err := json.MarshalIndent(idx, "", " ")
	if err != nil {
		w.Abort()
		return nil, fmt.Errorf("writing page store index: %w", err)
	}
	if err := os.WriteFile(filepath.Join(w.tmp, IndexFile), data, 0o644); err != nil {
		w.Abort()
		return nil, fmt.Errorf("writing page store index: %w", err)
	}
	if err := replaceable(w.final); err != nil {
		w.Abort()
		return nil, err
	}
	old := ""
	if _, err := os.Stat(w.final); err == nil {
		old = w.tmp + ".old"
		if err := os.Rename(w.final, old); err != nil {
			w.Abort()
			return nil, fmt.Errorf("replacing page store %s: %w", w.final, err)
		}
	}
	if err := os.Rename(w.tmp, w.final); err != nil {
		if old != "" {
			os.Rename(old, w.final)
		}
		w.Abort()
		return nil, fmt.Errorf("writing page store %s: %w", w.final, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return &Store{Dir: w.final, Index: idx}, nil
}

// Abort removes what was written.
func (w *Writer) Abort() {
	os.RemoveAll(w.tmp)
}

// Store is a store opened for reading.
type Store struct {
	Dir   string
	Index Index

	once  sync.Once
	byURL map[string]map[string]int // competitor -> URL -> index in Pages
}

// ErrNoStore says a directory holds no page store.
var ErrNoStore = errors.New("no page store")

// Open reads the store at dir.
func Open(dir string) (*Store, error) {
	f, err := os.Open(filepath.Join(dir, IndexFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w (no %s)", dir, ErrNoStore, IndexFile)
	}
	if err != nil {
		return nil, fmt.Errorf("opening page store: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxIndex+1))
	if err != nil {
		return nil, fmt.Errorf("reading page store index: %w", err)
	}
	if len(data) > maxIndex {
		return nil, fmt.Errorf("%s: index larger than %d MiB", dir, maxIndex>>20)
	}
	var idx Index
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, fmt.Errorf("%s: reading index: %w", dir, err)
	}
	if idx.Schema != Schema {
		return nil, fmt.Errorf("%s: index schema is %q, want %q: %w", dir, idx.Schema, Schema, ErrNoStore)
	}
	return &Store{Dir: dir, Index: idx}, nil
}

// Body returns a page's raw body, checked against its hash.
func (s *Store) Body(p Page) ([]byte, error) {
	if !validSum(p.Body) {
		return nil, fmt.Errorf("stored page %s: bad body reference %q", p.URL, p.Body)
	}
	f, err := os.Open(filepath.Join(s.Dir, bodyPath(p.Body)))
	if err != nil {
		return nil, fmt.Errorf("stored page %s: %w", p.URL, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("stored page %s: %w", p.URL, err)
	}
	body, err := io.ReadAll(io.LimitReader(zr, MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("stored page %s: %w", p.URL, err)
	}
	if len(body) > MaxBody {
		return nil, fmt.Errorf("stored page %s: body larger than %d MiB", p.URL, MaxBody>>20)
	}
	if sum := sha256.Sum256(body); hex.EncodeToString(sum[:]) != p.Body {
		return nil, fmt.Errorf("stored page %s: body does not match its hash (damaged store)", p.URL)
	}
	return body, nil
}

// Lookup finds a competitor's stored page by its URL.
func (s *Store) Lookup(competitor, url string) (Page, bool) {
	s.once.Do(func() {
		s.byURL = map[string]map[string]int{}
		for id, ps := range s.Index.Pages {
			m := make(map[string]int, len(ps))
			for i, p := range ps {
				m[p.URL] = i
			}
			s.byURL[id] = m
		}
	})
	i, ok := s.byURL[competitor][url]
	if !ok {
		return Page{}, false
	}
	return s.Index.Pages[competitor][i], true
}

// Size returns the number of pages, distinct bodies and their compressed
// bytes.
func (s *Store) Size() (pages, bodies int, bytes int64) {
	seen := map[string]bool{}
	for _, ps := range s.Index.Pages {
		for _, p := range ps {
			pages++
			if seen[p.Body] || !validSum(p.Body) {
				continue
			}
			seen[p.Body] = true
			bodies++
			if fi, err := os.Stat(filepath.Join(s.Dir, bodyPath(p.Body))); err == nil {
				bytes += fi.Size()
			}
		}
	}
	return pages, bodies, bytes
}

// Link puts a copy of the store at dst: its files hard-linked where the
// file system allows, copied otherwise (for archiving a run's pages).
func (s *Store) Link(dst string) error {
	return filepath.WalkDir(s.Dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(s.Dir, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if err := os.Link(path, target); err == nil {
			return nil
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil { // an archive's copy must survive a crash whole
		out.Close()
		return err
	}
	return out.Close()
}
