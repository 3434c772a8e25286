package crawler

import (
	"container/heap"
	"net/url"
	"path"
	"strings"

	"github.com/cxbench/cxbench/signal"
)

// pageKey is the deduplication key of a normalised URL: the URL without a
// trailing slash (except the root), so "/help" and "/help/" are one page.
func pageKey(u *url.URL) string {
	k := u.Scheme + "://" + u.Host + u.EscapedPath()
	if len(u.Path) > 1 {
		k = strings.TrimSuffix(k, "/")
	}
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	return k
}

// skipExt lists file extensions that are never HTML pages.
var skipExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true, ".ico": true,
	".avif": true, ".bmp": true, ".tif": true, ".tiff": true, ".pdf": true, ".zip": true, ".gz": true,
	".tgz": true, ".rar": true, ".7z": true, ".css": true, ".js": true, ".mjs": true, ".json": true,
	".xml": true, ".rss": true, ".atom": true, ".txt": true, ".csv": true, ".mp3": true, ".mp4": true,
	".m4a": true, ".mov": true, ".avi": true, ".webm": true, ".ogg": true, ".wav": true, ".woff": true,
	".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".exe": true, ".dmg": true, ".apk": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".ics": true,
}

// nonHTML reports whether u obviously names a non-HTML file.
func nonHTML(u *url.URL) bool {
	return skipExt[strings.ToLower(path.Ext(u.Path))]
}

// Keywords that make a link worth fetching early, by weight. Matched as
// substrings of the lower-cased anchor text and URL path.
var strongWords = []string{
	"return", "refund", "exchange", "shipping", "delivery", "dispatch", "warranty", "guarantee",
	"contact", "privacy", "accessib", "sustainab", "environment", "loyalty", "reward", "pricing",
	"review", "faq", "terms", "conditions", "customer-service", "customer service",
	"customer-care", "customer care",
	// A few common non-English forms.
	"retour", "versand", "livraison", "envio", "envío", "garantie", "garantia", "kontakt",
	"datenschutz", "confidentialit", "devoluc", "rückgabe", "ruckgabe",
}

// hubWords mark pages that lead to policy pages (help centres).
var hubWords = []string{"help", "support", "service", "hilfe", "aide", "ayuda", "policies", "policy", "legal", "about"}

// Priority weights.
const (
	scoreSeed       = 1 << 20 // start pages and review pages
	scoreStrongLeaf = 100     // strong word in the last path segment or the anchor
	scoreStrongDir  = 40      // strong word in a parent directory
	scoreHubLeaf    = 60      // hub word in the last path segment or the anchor
	scoreHubDir     = 30      // hub word in a parent directory
	scoreKind       = 80      // extract.Classify found a useful kind
	scoreProduct    = 5       // a product page (prices, ratings)
	scoreDepth      = 3       // subtracted per level of depth
	scoreQuery      = 10      // subtracted for a query string (filters, sorting)
)

// linkScore rates how promising a link is; higher is fetched first.
func linkScore(u *url.URL, anchor, kind string, depth int) int {
	p := strings.ToLower(u.Path)
	a := strings.ToLower(anchor)
	dir, leaf := path.Split(strings.TrimSuffix(p, "/"))
	score := 0
	score += wordScore(strongWords, leaf, a, dir, scoreStrongLeaf, scoreStrongDir)
	score += wordScore(hubWords, leaf, a, dir, scoreHubLeaf, scoreHubDir)
	switch kind {
	case "", signal.KindOther:
	case signal.KindProduct:
		score += scoreProduct
	default:
		score += scoreKind
	}
	if u.RawQuery != "" {
		score -= scoreQuery
	}
	return score - depth*scoreDepth
}

// wordScore returns leafWeight when a word occurs in leaf or anchor, else
// dirWeight when one occurs in dir, else 0.
func wordScore(words []string, leaf, anchor, dir string, leafWeight, dirWeight int) int {
	best := 0
	for _, w := range words {
		if strings.Contains(leaf, w) || anchor != "" && strings.Contains(anchor, w) {
			return leafWeight
		}
		if best == 0 && strings.Contains(dir, w) {
			best = dirWeight
		}
	}
	return best
}

// item is one URL waiting in a frontier.
type item struct {
	u      *url.URL
	key    string
	anchor string
	depth  int
	score  int
	seq    int
	kind   string // forced kind (home, reviews), or "" to classify
	review bool   // a third-party review page: links are not followed
	seed   bool   // a configured start or review page
}

// frontier is a priority queue of URLs: best score first, then first
// discovered first.
type frontier struct {
	items []*item
	best  map[string]int // best score queued so far, by page key
	seq   int
	bytes int // an estimate of the memory of every URL ever queued
}

// Frontier bounds, per competitor: a site with millions of links (or a
// sitemap index of endless sitemaps) costs at most this much.
const (
	maxFrontier      = 20000   // URLs ever queued
	maxFrontierBytes = 4 << 20 // their estimated memory
	itemOverhead     = 240     // an item, its url.URL and map entry, beyond the strings
)

// full reports whether no new URL may be queued.
func (f *frontier) full() bool {
	return len(f.best) >= maxFrontier || f.bytes >= maxFrontierBytes
}

func newFrontier() *frontier { return &frontier{best: map[string]int{}} }

func (f *frontier) Len() int { return len(f.items) }
func (f *frontier) Less(i, j int) bool {
	a, b := f.items[i], f.items[j]
	if a.score != b.score {
		return a.score > b.score
	}
	return a.seq < b.seq
}
func (f *frontier) Swap(i, j int) { f.items[i], f.items[j] = f.items[j], f.items[i] }
func (f *frontier) Push(x any)    { f.items = append(f.items, x.(*item)) }
func (f *frontier) Pop() any {
	n := len(f.items) - 1
	it := f.items[n]
	f.items[n] = nil
	f.items = f.items[:n]
	return it
}

// add queues it unless its page is already queued with at least the same
// score; it reports whether it was queued.
func (f *frontier) add(it *item) bool {
	if s, ok := f.best[it.key]; ok && s >= it.score {
		return false
	}
	if _, ok := f.best[it.key]; !ok {
		f.bytes += itemOverhead + 2*len(it.key)
	}
	f.bytes += len(it.anchor)
	f.best[it.key] = it.score
	f.seq++
	it.seq = f.seq
	heap.Push(f, it)
	return true
}

// known reports whether key was ever queued.
func (f *frontier) known(key string) bool {
	_, ok := f.best[key]
	return ok
}

// next removes and returns the best item, or nil.
func (f *frontier) next() *item {
	if len(f.items) == 0 {
		return nil
	}
	return heap.Pop(f).(*item)
}
