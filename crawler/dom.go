package crawler

import (
	"bytes"
	"context"

	"golang.org/x/net/html"
	"golang.org/x/sync/semaphore"
)

// A parsed page costs memory per node, not per byte: 5 MiB of "<p>"
// makes 1.7 million elements, some 200 MB of tree. So pages are bounded
// in parts (elements, attributes and text runs: each takes at least two
// bytes, "<p" or " a") as well as bytes, and the parts that may be in the
// parser or extractor at once, run-wide, are bounded too.
const (
	// maxPageParts bounds the parts of one page: real pages, even long
	// product listings, have a few tens of thousands.
	maxPageParts = 200_000
	// runParts bounds the parts of all pages (and sitemaps) being parsed
	// or extracted at once, whatever crawl.concurrency is: counted at
	// their most (half the body's bytes), that is one large page at a
	// time, or a dozen ordinary ones of 60 KB.
	runParts = 2 * maxPageParts
)

// cutParts returns body cut before the part that would exceed limit, and
// whether it was cut.
func cutParts(body []byte, limit int) ([]byte, bool) {
	if len(body) < 2*limit || partsAtMost(body) <= limit {
		return body, false // too short or too plain to hold limit parts
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	parts, offset := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return body, false // io.EOF: the whole body fits
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
			return body[:offset], true
		}
		parts += n
		offset += raw
	}
}

// partsAtMost is a quick upper bound on a body's parts, without the
// tokenizer (which copies a long text run in a doubling buffer): every
// tag starts with "<" and may be followed by a text run, and every
// attribute inside a tag follows white space, "/" or a closing quote.
func partsAtMost(body []byte) int {
	n, inTag, quote := 1, false, byte(0)
	for _, c := range body {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
				n++
			}
		case c == '<':
			n += 2
			inTag = true
		case !inTag:
		case c == '>':
			inTag = false
		case c == '"' || c == '\'':
			quote = c
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/':
			n++
		}
	}
	return n
}

// parseGate bounds the page parts being parsed and extracted at once.
type parseGate struct {
	sem *semaphore.Weighted
}

func newParseGate() *parseGate { return &parseGate{sem: semaphore.NewWeighted(runParts)} }

// acquire waits for room for a body of n bytes (at most n/2 parts);
// release with the returned function.
func (p *parseGate) acquire(ctx context.Context, n int) (func(), error) {
	w := int64(min(n/2+1, runParts))
	if err := p.sem.Acquire(ctx, w); err != nil {
		return nil, err
	}
	return func() { p.sem.Release(w) }, nil
}
