package signal

import "time"

// Schema identifies the signals.json format.
const Schema = "cxbench.signals/v1"

// Method says how a piece of evidence was found.
type Method string

// Evidence methods.
const (
	MethodJSONLD    Method = "json-ld"
	MethodMicrodata Method = "microdata"
	MethodRDFa      Method = "rdfa"
	MethodText      Method = "text"
	MethodLink      Method = "link"
	MethodWidget    Method = "widget"
	MethodSelector  Method = "selector"
	MethodTiming    Method = "timing"
	MethodRegex     Method = "regex"
	MethodManual    Method = "manual"
	MethodCrawl     Method = "crawl"
)

// MaxSnippet is the longest evidence snippet, in runes.
const MaxSnippet = 200

// Evidence is where a signal came from.
type Evidence struct {
	URL     string `json:"url"`
	Snippet string `json:"snippet"`
	Method  Method `json:"method"`
	// Note qualifies the evidence, e.g. that it was read in a site-wide
	// banner because no page's main content said anything.
	Note string `json:"note,omitempty"`
}

// Signal is one collected fact about one competitor.
type Signal struct {
	Value    Value      `json:"value"`
	Evidence []Evidence `json:"evidence"`
	// Manual signals come from benchmarks.yaml, not from the crawl.
	Manual bool   `json:"manual,omitempty"`
	Source string `json:"source,omitempty"`
	AsOf   string `json:"as_of,omitempty"`
	Stale  bool   `json:"stale,omitempty"`
}

// Page kinds.
const (
	KindHome           = "home"
	KindReturns        = "returns"
	KindShipping       = "shipping"
	KindWarranty       = "warranty"
	KindContact        = "contact"
	KindFAQ            = "faq"
	KindPrivacy        = "privacy"
	KindAccessibility  = "accessibility"
	KindSustainability = "sustainability"
	KindLoyalty        = "loyalty"
	KindPricing        = "pricing"
	KindReviews        = "reviews"
	KindProduct        = "product"
	KindTerms          = "terms"
	KindOther          = "other"
)

// PageKinds lists every page kind.
var PageKinds = []string{KindHome, KindReturns, KindShipping, KindWarranty, KindContact, KindFAQ,
	KindPrivacy, KindAccessibility, KindSustainability, KindLoyalty, KindPricing, KindReviews,
	KindProduct, KindTerms, KindOther}

// Page is one fetched (or attempted) page in signals.json.
type Page struct {
	URL       string  `json:"url"`
	Status    int     `json:"status"`
	MS        float64 `json:"ms"`
	TTFBMS    float64 `json:"ttfb_ms,omitempty"`
	Kind      string  `json:"kind"`
	Bytes     int     `json:"bytes,omitempty"`
	Truncated bool    `json:"truncated,omitempty"`
	Depth     int     `json:"depth"`
	// NotModified is true when the page was revalidated with a 304.
	NotModified bool `json:"not_modified,omitempty"`
	// Lang is the page's language as extraction read it (ISO 639-1,
	// "de"): its html lang, Content-Language or words.
	Lang string `json:"lang,omitempty"`
}

// CrawlError is a recorded failure; the run goes on.
type CrawlError struct {
	URL     string `json:"url,omitempty"`
	Status  int    `json:"status,omitempty"`
	Message string `json:"message"`
}

// Competitor is everything collected about one competitor.
type Competitor struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	URL      string            `json:"url"`
	Self     bool              `json:"self,omitempty"`
	Complete bool              `json:"complete"`
	Pages    []Page            `json:"pages"`
	Errors   []CrawlError      `json:"errors"`
	Signals  map[string]Signal `json:"signals"`
}

// Shard says which part of a sharded crawl (crawl --shard K/N) a file holds.
type Shard struct {
	Index int `json:"index"` // K, from 0
	Count int `json:"count"` // N
}

// File is the signals.json document.
type File struct {
	Schema     string `json:"schema"`
	Tool       string `json:"tool,omitempty"`
	UserAgent  string `json:"user_agent,omitempty"`
	ConfigHash string `json:"config_hash,omitempty"`
	// Shard is set on the output of a sharded crawl, until it is merged.
	Shard       *Shard       `json:"shard,omitempty"`
	StartedAt   time.Time    `json:"started_at"`
	FinishedAt  time.Time    `json:"finished_at"`
	Competitors []Competitor `json:"competitors"`
}

// Snip shortens s to at most MaxSnippet runes, collapsing white space.
func Snip(s string) string {
	out := make([]rune, 0, len(s))
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0' {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, r)
		if len(out) >= MaxSnippet {
			out = append(out[:MaxSnippet-1], '…')
			break
		}
	}
	return string(out)
}

// WithManual returns a copy of f as scoring sees it: f's crawled signals
// with the manual signals m (by competitor id, then signal name) on top, a
// stated fact winning over a crawled value of the same name. Entries of f
// marked Manual (signals.json files written by versions that stored manual
// signals there) are left out, so that m alone decides the manual signals.
// f itself is not changed.
func (f *File) WithManual(m map[string]map[string]Signal) *File {
	out := *f
	out.Competitors = make([]Competitor, len(f.Competitors))
	for i, c := range f.Competitors {
		sigs := make(map[string]Signal, len(c.Signals)+len(m[c.ID]))
		for name, s := range c.Signals {
			if !s.Manual {
				sigs[name] = s
			}
		}
		for name, s := range m[c.ID] {
			sigs[name] = s
		}
		c.Signals = sigs
		out.Competitors[i] = c
	}
	return &out
}
