package crawler

import (
	"context"

	"golang.org/x/sync/semaphore"
)

// A parsed page costs memory per node, not per byte: 5 MiB of "<p>"
// makes 1.7 million elements, some 200 MB of tree, and 5 MiB of
// attributes in one tag costs the tokenizer a map entry each. So a page is
// bounded in parts (elements, attributes and text runs), and the parts
// being parsed and extracted at once, run-wide, are bounded too.
//
// Parts are counted from the bytes alone, as an upper bound that holds
// whatever the tokenizer's state (raw text, comments, quotes, foreign
// content): an element or text run needs a "<" (the parser may add an
// implied element or two per tag), and an attribute follows white space,
// a "/" or a closing quote. So 3 per "<" plus one per run of white space,
// "/" and quote. Prose counts its words too, which a real page can afford:
// a long policy page of 100 KB stays under 30,000.
const (
	// maxPageParts bounds the parts of one page, counted at their most:
	// real pages, even long product listings, stay well under it.
	maxPageParts = 400_000
	// runParts bounds the parts of the pages (and sitemaps) in the parser
	// or extractor at once, whatever crawl.concurrency is: one page at the
	// limit, or dozens of ordinary ones.
	runParts = maxPageParts
	// textWeight: a body's bytes weigh 1/textWeight part each in the parse
	// gate (a text run of 5 MiB is one part, but not a small one).
	textWeight = 32
)

// cutParts returns body cut before the part that would exceed limit, the
// parts counted (at their most), and whether it was cut. The cut is made
// at the last "<" when no ">" followed it (a tag of many attributes is
// left out whole, not handed to the tokenizer in part), else where the
// limit was reached.
func cutParts(body []byte, limit int) ([]byte, int, bool) {
	parts, lastTag, lastClose, space := 1, -1, -1, false
	for i, c := range body {
		switch c {
		case '<':
			parts += 3
			lastTag = i
			space = false
		case '>':
			lastClose = i
			space = false
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				parts++
			}
			space = true
		case '/', '"', '\'':
			parts++
			space = false
		default:
			space = false
		}
		if parts > limit {
			if lastTag > lastClose {
				return body[:lastTag], parts, true
			}
			return body[:i], parts, true
		}
	}
	return body, parts, false
}

// parseGate bounds the page parts being parsed and extracted at once.
type parseGate struct {
	sem *semaphore.Weighted
}

func newParseGate() *parseGate { return &parseGate{sem: semaphore.NewWeighted(runParts)} }

// acquire waits for room for a body of n bytes holding at most parts
// parts; release with the returned function.
func (p *parseGate) acquire(ctx context.Context, n, parts int) (func(), error) {
	w := int64(min(parts+n/textWeight+1, runParts))
	if err := p.sem.Acquire(ctx, w); err != nil {
		return nil, err
	}
	return func() { p.sem.Release(w) }, nil
}
