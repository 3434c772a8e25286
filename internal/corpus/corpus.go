// Package corpus reads the labelled corpora of fictional company websites
// under crawler/extract/testdata: each site a directory of HTML pages and
// a truth.json labelled by hand from the signal catalog
// (shared/spec/signals.md) alone. Sites are turned into page stores and
// extracted through the same path as `cxbench extract` (crawler.Replay).
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/signal"
)

// Set is one corpus directory. A frozen set is read by no rule author:
// reports name its misses by site and signal only.
type Set struct {
	Dir    string
	Frozen bool
}

// Sets are the corpora, relative to crawler/extract.
var Sets = []Set{
	{"testdata/corpus", false},
	{"testdata/frozen", true},
	{"testdata/i18n", false},
	{"testdata/i18n-frozen", true},
}

// Name is the set's name: its directory's base name.
func (s Set) Name() string { return filepath.Base(s.Dir) }

// ReviewPrefix starts the directories of third-party review pages.
const ReviewPrefix = "_"

// Keys are the signals every truth file labels: the catalog minus those
// derived by the crawler or a formula (response.median_ms, site.pages,
// site.https, clarity.reading_ease).
func Keys() []string {
	return []string{
		signal.RatingValue, signal.RatingCount, signal.SupportResponseHours,
		signal.ContactPhone, signal.ContactEmail, signal.ContactChat, signal.ContactSocial,
		signal.PolicyReturnDays, signal.PolicyFreeReturns, signal.PolicyFreeShipping, signal.PolicyFreeShippingThreshold,
		signal.PolicyWarrantyMonths, signal.PolicyPriceMatch, signal.PolicyPrivacy, signal.PolicyAccessibility,
		signal.PolicySustainability, signal.PricingPublic, signal.LoyaltyProgram, signal.SelfServiceFAQ,
	}
}

// Truth is the shape of a site's truth.json.
type Truth struct {
	Site  string `json:"site"`
	Notes string `json:"notes"`
	// Reviews maps a file of the site directory (under a directory whose
	// name starts with "_", so it is not part of the site) to the URL of
	// the third-party review page it stands for.
	Reviews map[string]string `json:"reviews,omitempty"`
	// Languages maps a page file to the ISO 639-1 code of its main
	// language ("de"), for sites that are not wholly English.
	Languages map[string]string          `json:"languages,omitempty"`
	Signals   map[string]json.RawMessage `json:"signals"`
}

// Page is one HTML file of a site.
type Page struct {
	File   string // relative to the site directory
	URL    *url.URL
	Kind   string
	Depth  int
	Review bool
	Body   []byte
}

// Site is one labelled site.
type Site struct {
	Set   Set
	ID    string
	Root  string // https://<id>.test/
	Truth Truth
	Want  map[string]signal.Value // zero Value = absent
	Pages []Page
}

// ReadTruth decodes a truth file strictly.
func ReadTruth(file string) (Truth, error) {
	var tf Truth
	data, err := os.ReadFile(file)
	if err != nil {
		return tf, fmt.Errorf("reading truth file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tf); err != nil {
		return tf, fmt.Errorf("decoding %s: %w", file, err)
	}
	return tf, nil
}

// Values checks a truth file's signals against the catalog and returns
// them as values; it reports every problem, not just the first.
func Values(tf Truth) (map[string]signal.Value, []string) {
	var problems []string
	want := make(map[string]signal.Value, len(tf.Signals))
	keys := Keys()
	known := make(map[string]bool, len(keys))
	for _, k := range keys {
		known[k] = true
		raw, ok := tf.Signals[k]
		if !ok {
			problems = append(problems, fmt.Sprintf("missing key %q", k))
			continue
		}
		var v signal.Value
		if err := json.Unmarshal(raw, &v); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", k, err))
			continue
		}
		spec, _ := signal.Lookup(k)
		if v.Valid() && v.Type() != spec.Type {
			problems = append(problems, fmt.Sprintf("%s: got a %s, the catalog says %s", k, v.Type(), spec.Type))
			continue
		}
		if !v.Valid() && spec.Falsity == signal.Presence {
			problems = append(problems, fmt.Sprintf("%s: null, but a presence signal is never absent after a complete crawl", k))
		}
		if k == signal.ContactSocial && !v.Valid() {
			problems = append(problems, fmt.Sprintf("%s: null, but a complete crawl always counts social networks (0 when none)", k))
		}
		if f, ok := v.Float(); ok && (f < 0 || math.IsNaN(f)) {
			problems = append(problems, fmt.Sprintf("%s: %v is negative", k, f))
		}
		want[k] = v
	}
	for k := range tf.Signals {
		if !known[k] {
			problems = append(problems, fmt.Sprintf("unexpected key %q", k))
		}
	}
	// Cross-field rules of the catalog.
	if r, ok := want[signal.RatingValue].Float(); ok && r > 5 {
		problems = append(problems, fmt.Sprintf("rating.value %v is above 5", r))
	}
	if want[signal.RatingValue].Valid() != want[signal.RatingCount].Valid() {
		problems = append(problems, "rating.value and rating.count must be both present or both absent")
	}
	free, freeOK := want[signal.PolicyFreeShipping].BoolValue()
	if want[signal.PolicyFreeShippingThreshold].Valid() && !(freeOK && free) {
		problems = append(problems, "policy.free_shipping_threshold is set but policy.free_shipping is not true")
	}
	return want, problems
}

// URLPath maps a file of a site to the path a crawler would see.
func URLPath(rel string) string {
	rel = filepath.ToSlash(rel)
	switch {
	case rel == "index.html":
		return "/"
	case strings.HasSuffix(rel, "/index.html"):
		return "/" + strings.TrimSuffix(rel, "index.html")
	}
	return "/" + rel
}

// Load reads every site of a set; a set not written yet has no sites.
func Load(set Set) ([]*Site, error) {
	entries, err := os.ReadDir(set.Dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading corpus: %w", err)
	}
	var sites []*Site
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		s, err := LoadSite(set, e.Name())
		if err != nil {
			return nil, fmt.Errorf("loading corpus site %s: %w", e.Name(), err)
		}
		sites = append(sites, s)
	}
	return sites, nil
}

// LoadSite reads one site of a set. Pages are in file-name order; the
// home page is at depth 0, every other page at depth 1.
func LoadSite(set Set, id string) (*Site, error) {
	dir := filepath.Join(set.Dir, id)
	tf, err := ReadTruth(filepath.Join(dir, "truth.json"))
	if err != nil {
		return nil, err
	}
	want, _ := Values(tf) // problems are the truth-file test's business
	s := &Site{Set: set, ID: id, Root: "https://" + id + ".test/", Truth: tf, Want: want}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		raw := "https://" + id + ".test" + URLPath(rel)
		kind := ""
		review := false
		if strings.HasPrefix(rel, ReviewPrefix) {
			ru, ok := tf.Reviews[rel]
			if !ok {
				return fmt.Errorf("%s is not listed in truth.json reviews", rel)
			}
			raw, kind, review = ru, signal.KindReviews, true
		}
		u, err := url.Parse(raw)
		if err != nil {
			return fmt.Errorf("parsing url of %s: %w", rel, err)
		}
		if kind == "" {
			kind = extract.Classify(u, "")
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		depth := 1
		if u.Path == "/" && !review {
			depth = 0
		}
		s.Pages = append(s.Pages, Page{File: rel, URL: u, Kind: kind, Depth: depth, Review: review, Body: body})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for file, lang := range tf.Languages {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
			return nil, fmt.Errorf("languages: %w", err)
		}
		if len(lang) != 2 || strings.ToLower(lang) != lang {
			return nil, fmt.Errorf("languages: %s: %q is not an ISO 639-1 code such as \"de\"", file, lang)
		}
	}
	for file := range tf.Reviews {
		if !strings.HasPrefix(file, ReviewPrefix) {
			return nil, fmt.Errorf("review page %s must live under a directory starting with %q", file, ReviewPrefix)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
			return nil, fmt.Errorf("review page: %w", err)
		}
	}
	return s, nil
}

// Competitor is the site as a configured competitor: its review pages are
// configured review pages.
func (s *Site) Competitor() config.Competitor {
	comp := config.Competitor{ID: s.ID, Name: s.ID, URL: s.Root}
	for _, u := range s.Truth.Reviews {
		comp.Reviews = append(comp.Reviews, u)
	}
	sort.Strings(comp.Reviews)
	return comp
}

// Store writes the site as the page store of a complete crawl that
// fetched every page in the given order (nil: file order), and opens it.
func (s *Site) Store(dir string, order []int) (*pagestore.Store, error) {
	if order == nil {
		order = make([]int, len(s.Pages))
		for i := range order {
			order[i] = i
		}
	}
	w, err := pagestore.Create(dir)
	if err != nil {
		return nil, err
	}
	at := time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC)
	var records, measured []signal.Page
	for _, i := range order {
		p := s.Pages[i]
		rec := signal.Page{URL: p.URL.String(), Status: 200, MS: 10, Kind: p.Kind, Depth: p.Depth, Bytes: len(p.Body)}
		records = append(records, rec)
		if !p.Review {
			measured = append(measured, rec)
		}
		w.Keep(s.ID, pagestore.Page{URL: p.URL.String(), Status: 200, Kind: p.Kind, Depth: p.Depth, Review: p.Review, FetchedAt: at,
			Header: map[string]string{"Content-Type": "text/html; charset=utf-8"}}, p.Body)
	}
	w.Finished(s.ID, measured)
	f := &signal.File{Schema: signal.Schema, StartedAt: at, FinishedAt: at, Competitors: []signal.Competitor{{
		ID: s.ID, Name: s.ID, URL: s.Root, Complete: true, Pages: records, Errors: []signal.CrawlError{}}}}
	// Read back from disk, as cxbench extract reads a crawl's store.
	if _, err := w.Commit(f); err != nil {
		return nil, err
	}
	return pagestore.Open(dir)
}

// Agree reports whether a collected signal matches the truth: ratings
// within 0.05, other numbers within 0.01, booleans exactly, absent for
// absent.
func Agree(name string, want signal.Value, got signal.Signal, present bool) bool {
	if !present || !got.Value.Valid() {
		return !want.Valid()
	}
	if !want.Valid() || got.Value.Type() != want.Type() {
		return false
	}
	if w, ok := want.Float(); ok {
		g, _ := got.Value.Float()
		tol := 0.01
		if name == signal.RatingValue {
			tol = 0.05
		}
		return math.Abs(g-w) <= tol+1e-9
	}
	return got.Value.Equal(want)
}

// Show renders a value for a report.
func Show(v signal.Value) string {
	if !v.Valid() {
		return "absent"
	}
	if f, ok := v.Float(); ok {
		return signal.FormatNumber(f)
	}
	return v.String()
}
