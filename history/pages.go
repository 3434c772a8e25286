package history

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/cxbench/cxbench/crawler"
)

// pageIndexFile lists a run's stored pages: per competitor and URL, the
// validators (ETag, Last-Modified) and the gzipped body's file name.
const pageIndexFile = "index.json"

// maxStoredBody bounds one stored page body (uncompressed).
const maxStoredBody = 8 << 20

type pageEntry struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	ContentType  string `json:"content_type,omitempty"`
	Body         string `json:"body"`
}

// PageCache implements crawler.PageCache over the archive: Lookup serves
// the pages stored by the previous run, Store collects this run's, which
// Save writes (gzipped, one file per distinct body) into the run's pages/
// directory. Only pages with an ETag or Last-Modified are stored: the
// others cannot be revalidated. Safe for concurrent use.
type PageCache struct {
	mu      sync.Mutex
	prevDir string
	prev    map[string]map[string]pageEntry
	cur     map[string]map[string]pageEntry
	bodies  map[string][]byte // gzipped, by file name
}

// NewPageCache returns a cache serving the pages stored with prev (nil:
// none, as for the first run).
func NewPageCache(prev *Run) *PageCache {
	c := &PageCache{cur: map[string]map[string]pageEntry{}, bodies: map[string][]byte{}}
	if prev != nil {
		dir := filepath.Join(prev.Dir, PagesDir)
		var idx map[string]map[string]pageEntry
		if err := readJSON(filepath.Join(dir, pageIndexFile), &idx); err == nil {
			c.prevDir, c.prev = dir, idx
		}
	}
	return c
}

// Lookup returns what the previous run stored about url.
func (c *PageCache) Lookup(competitor, url string) (crawler.StoredPage, bool) {
	c.mu.Lock()
	e, ok := c.prev[competitor][url]
	c.mu.Unlock()
	if !ok || filepath.Base(e.Body) != e.Body {
		return crawler.StoredPage{}, false
	}
	body, err := gunzipFile(filepath.Join(c.prevDir, e.Body))
	if err != nil {
		return crawler.StoredPage{}, false
	}
	return crawler.StoredPage{URL: url, ETag: e.ETag, LastModified: e.LastModified, ContentType: e.ContentType, Body: body}, true
}

// Store keeps p for the next run.
func (c *PageCache) Store(competitor string, p crawler.StoredPage) {
	if p.ETag == "" && p.LastModified == "" || len(p.Body) > maxStoredBody {
		return
	}
	sum := sha256.Sum256(p.Body)
	name := hex.EncodeToString(sum[:12]) + ".html.gz"
	c.mu.Lock()
	_, have := c.bodies[name]
	c.mu.Unlock()
	var gz []byte
	if !have {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(p.Body)
		w.Close()
		gz = buf.Bytes()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gz != nil {
		c.bodies[name] = gz
	}
	if c.cur[competitor] == nil {
		c.cur[competitor] = map[string]pageEntry{}
	}
	c.cur[competitor][p.URL] = pageEntry{ETag: p.ETag, LastModified: p.LastModified, ContentType: p.ContentType, Body: name}
}

// Stored returns the number of pages stored by this run.
func (c *PageCache) Stored() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, m := range c.cur {
		n += len(m)
	}
	return n
}

func (c *PageCache) write(dir string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.cur) == 0 {
		return nil
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	for name, gz := range c.bodies {
		if err := writeSynced(filepath.Join(dir, name), gz); err != nil {
			return err
		}
	}
	idx, err := marshal(c.cur)
	if err != nil {
		return err
	}
	if err := writeSynced(filepath.Join(dir, pageIndexFile), idx); err != nil {
		return err
	}
	return syncDir(dir)
}

func gunzipFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading stored page %s: %w", path, err)
	}
	body, err := io.ReadAll(io.LimitReader(r, maxStoredBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading stored page %s: %w", path, err)
	}
	if len(body) > maxStoredBody {
		return nil, fmt.Errorf("reading stored page %s: %w", path, errors.New("too large"))
	}
	return body, nil
}

var _ crawler.PageCache = (*PageCache)(nil)
