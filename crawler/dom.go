package crawler

import (
	"bytes"
	"context"

	"golang.org/x/net/html"
	"golang.org/x/sync/semaphore"
)

// A parsed page costs memory per node, not per byte: 5 MiB of "<p>"
// makes 1.7 million elements, some 200 MB of tree. So pages are bounded
// in parts (elements, attributes and text runs) as well as bytes, and the
// parts being parsed and extracted at once, run-wide, are bounded too.
const (
	// maxPageParts bounds the parts of one page: real pages, even long
	// product listings, have a few tens of thousands.
	maxPageParts = 200_000
	// runParts bounds the parts of all pages in the parser or extractor at
	// once, whatever crawl.concurrency is: two pages at the limit, or
	// dozens of ordinary ones.
	runParts = 2 * maxPageParts
	// countFrom is the body size from which parts are counted: a smaller
	// body cannot hold maxPageParts (each part takes at least two bytes:
	// "<p" or " a" or text between tags).
	countFrom = 2 * maxPageParts
)

// cutParts returns body cut before the part that would exceed limit, an
// estimate of its parts (exact when counted), and whether it was cut.
func cutParts(body []byte, limit int) ([]byte, int, bool) {
	if len(body) < 2*limit {
		return body, max(1, len(body)/16), false // typical density; an upper bound is len/2
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	parts, offset := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return body, parts, false // io.EOF: the whole body fits
		}
		raw := len(z.Raw())
		n := 1
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			for _, more := z.TagName(); more; {
				_, _, more = z.TagAttr()
				n++
			}
		}
		if parts+n > limit {
			return body[:offset], parts, true
		}
		parts += n
		offset += raw
	}
}

// parseGate bounds the page parts being parsed and extracted at once.
type parseGate struct {
	sem *semaphore.Weighted
}

func newParseGate() *parseGate { return &parseGate{sem: semaphore.NewWeighted(runParts)} }

// acquire waits for room for a page of parts parts; release with the
// returned function.
func (p *parseGate) acquire(ctx context.Context, parts int) (func(), error) {
	w := int64(min(max(parts, 1), runParts))
	if err := p.sem.Acquire(ctx, w); err != nil {
		return nil, err
	}
	return func() { p.sem.Release(w) }, nil
}
