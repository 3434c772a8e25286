package extract

// The corpus under testdata/corpus is a set of fictional but realistic
// company websites, each labelled by hand in truth.json from the signal
// catalog (shared/spec/signals.md) alone, like the held-out sites the
// extractor will be judged on. TestCorpusAccuracy feeds every site through
// a Collector and measures how many (site, signal) pairs come out right.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// corpusSets are the labelled corpora. A frozen set is read by no rule
// author: its test reports only which (site, signal) pairs went wrong,
// never the text that misled the extractor.
var corpusSets = []struct {
	dir    string
	frozen bool
}{
	{"testdata/corpus", false},
	{"testdata/frozen", true},
	{"testdata/i18n", false},
	{"testdata/i18n-frozen", true},
}

// corpusDir is the first, open set.
const corpusDir = "testdata/corpus"

const (
	// corpusTarget is the share of (site, signal) pairs the extractor
	// must get right.
	corpusTarget = 0.95
	// corpusMinSites and the page bounds keep the corpus from shrinking
	// into something easy.
	corpusMinSites    = 14
	corpusMinPages    = 4
	corpusMaxPages    = 12
	ratingTolerance   = 0.05
	numberTolerance   = 0.01
	reviewPagesPrefix = "_"
)

// corpusKeys are the signals every truth file labels: the catalog minus
// those derived by the crawler or a formula (response.median_ms,
// site.pages, site.https, clarity.reading_ease).
func corpusKeys() []string {
	return []string{
		signal.RatingValue,
		signal.RatingCount,
		signal.SupportResponseHours,
		signal.ContactPhone,
		signal.ContactEmail,
		signal.ContactChat,
		signal.ContactSocial,
		signal.PolicyReturnDays,
		signal.PolicyFreeReturns,
		signal.PolicyFreeShipping,
		signal.PolicyFreeShippingThreshold,
		signal.PolicyWarrantyMonths,
		signal.PolicyPriceMatch,
		signal.PolicyPrivacy,
		signal.PolicyAccessibility,
		signal.PolicySustainability,
		signal.PricingPublic,
		signal.LoyaltyProgram,
		signal.SelfServiceFAQ,
	}
}

// truthFile is the shape of testdata/corpus/<site>/truth.json.
type truthFile struct {
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

// corpusPage is one HTML file of a corpus site, parsed.
type corpusPage struct {
	file string // path relative to the site directory
	page *Page
}

// corpusSite is one labelled site, ready to be fed to a Collector.
type corpusSite struct {
	id    string
	root  string
	truth truthFile
	want  map[string]signal.Value // zero Value = absent
	pages []corpusPage
}

// readTruth decodes a truth file strictly.
func readTruth(file string) (truthFile, error) {
	var tf truthFile
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

// truthValues checks a truth file's signals against the catalog and
// returns them as values; it reports every problem, not just the first.
func truthValues(tf truthFile) (map[string]signal.Value, []string) {
	var problems []string
	want := make(map[string]signal.Value, len(tf.Signals))
	keys := corpusKeys()
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

// urlPath maps a file of a site to the path a crawler would see.
func urlPath(rel string) string {
	rel = filepath.ToSlash(rel)
	switch {
	case rel == "index.html":
		return "/"
	case strings.HasSuffix(rel, "/index.html"):
		return "/" + strings.TrimSuffix(rel, "index.html")
	}
	return "/" + rel
}

// loadCorpus reads and parses every site of the open corpus.
func loadCorpus(tb testing.TB) []*corpusSite {
	return loadCorpusDir(tb, corpusDir)
}

// loadCorpusDir reads and parses every site of one corpus set.
func loadCorpusDir(tb testing.TB, corpusDir string) []*corpusSite {
	tb.Helper()
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		tb.Fatalf("reading corpus: %v", err)
	}
	var sites []*corpusSite
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		s, err := loadSite(corpusDir, e.Name())
		if err != nil {
			tb.Fatalf("loading corpus site %s: %v", e.Name(), err)
		}
		sites = append(sites, s)
	}
	if len(sites) == 0 {
		tb.Fatalf("no sites in %s", corpusDir)
	}
	return sites
}

func loadSite(corpusDir, id string) (*corpusSite, error) {
	dir := filepath.Join(corpusDir, id)
	tf, err := readTruth(filepath.Join(dir, "truth.json"))
	if err != nil {
		return nil, err
	}
	want, _ := truthValues(tf) // problems are TestCorpusTruthFilesComplete's business
	s := &corpusSite{id: id, root: "https://" + id + ".test/", truth: tf, want: want}
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
		raw := "https://" + id + ".test" + urlPath(rel)
		kind := ""
		review := false
		if strings.HasPrefix(rel, reviewPagesPrefix) {
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
			kind = Classify(u, "")
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := goquery.NewDocumentFromReader(f)
		if err != nil {
			return fmt.Errorf("parsing %s: %w", rel, err)
		}
		depth := 1
		if u.Path == "/" && !review {
			depth = 0
		}
		s.pages = append(s.pages, corpusPage{file: rel, page: &Page{URL: u, Kind: kind, Depth: depth, Doc: doc, Review: review}})
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
		if !strings.HasPrefix(file, reviewPagesPrefix) {
			return nil, fmt.Errorf("review page %s must live under a directory starting with %q", file, reviewPagesPrefix)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
			return nil, fmt.Errorf("review page: %w", err)
		}
	}
	return s, nil
}

// collect runs one site through a fresh Collector, adding pages in the
// given order, and returns the finished signals.
func (s *corpusSite) collect(order []int, concurrent bool) map[string]signal.Signal {
	comp := config.Competitor{ID: s.id, Name: s.id, URL: s.root}
	for _, u := range s.truth.Reviews {
		comp.Reviews = append(comp.Reviews, u)
	}
	sort.Strings(comp.Reviews)
	c := New(nil).NewCollector(comp)
	records := make([]signal.Page, 0, len(s.pages))
	for _, i := range order {
		p := s.pages[i].page
		records = append(records, signal.Page{URL: p.URL.String(), Status: 200, MS: 10, Kind: p.Kind, Depth: p.Depth})
	}
	if concurrent {
		var wg sync.WaitGroup
		for _, i := range order {
			wg.Add(1)
			go func(p *Page) {
				defer wg.Done()
				c.Add(p)
			}(s.pages[i].page)
		}
		wg.Wait()
	} else {
		for _, i := range order {
			c.Add(s.pages[i].page)
		}
	}
	return c.Finish(records, true)
}

func (s *corpusSite) inOrder() []int {
	order := make([]int, len(s.pages))
	for i := range order {
		order[i] = i
	}
	return order
}

// agree reports whether a collected signal matches the truth.
func agree(name string, want signal.Value, got signal.Signal, present bool) bool {
	if !present || !got.Value.Valid() {
		return !want.Valid()
	}
	if !want.Valid() || got.Value.Type() != want.Type() {
		return false
	}
	if w, ok := want.Float(); ok {
		g, _ := got.Value.Float()
		tol := numberTolerance
		if name == signal.RatingValue {
			tol = ratingTolerance
		}
		return math.Abs(g-w) <= tol+1e-9
	}
	return got.Value.Equal(want)
}

func show(v signal.Value) string {
	if !v.Valid() {
		return "absent"
	}
	if f, ok := v.Float(); ok {
		return signal.FormatNumber(f)
	}
	return v.String()
}

func evidenceOf(sig signal.Signal) string {
	if len(sig.Evidence) == 0 {
		return ""
	}
	e := sig.Evidence[0]
	return fmt.Sprintf(" [%s %s %q]", e.Method, e.URL, e.Snippet)
}

func TestCorpusAccuracy(t *testing.T) {
	sites := loadCorpus(t)
	keys := corpusKeys()
	rightBy := make(map[string]int, len(keys))
	var right, total int
	for _, s := range sites {
		got := s.collect(s.inOrder(), false)
		var mistakes []string
		for _, k := range keys {
			sig, present := got[k]
			total++
			if agree(k, s.want[k], sig, present) {
				right++
				rightBy[k]++
				continue
			}
			gotV := signal.Value{}
			if present {
				gotV = sig.Value
			}
			mistakes = append(mistakes, fmt.Sprintf("    %-32s want %-8s got %-8s%s", k, show(s.want[k]), show(gotV), evidenceOf(sig)))
		}
		if len(mistakes) > 0 {
			t.Logf("%s: %d/%d right\n%s", s.id, len(keys)-len(mistakes), len(keys), strings.Join(mistakes, "\n"))
		}
	}
	var table strings.Builder
	fmt.Fprintf(&table, "per-signal accuracy over %d sites:\n", len(sites))
	for _, k := range keys {
		fmt.Fprintf(&table, "    %-32s %2d/%-2d %5.1f%%\n", k, rightBy[k], len(sites), 100*float64(rightBy[k])/float64(len(sites)))
	}
	acc := float64(right) / float64(total)
	fmt.Fprintf(&table, "overall: %d/%d (site, signal) pairs right = %.1f%% (target %.0f%%)", right, total, 100*acc, 100*corpusTarget)
	t.Log(table.String())
	if acc < corpusTarget {
		t.Errorf("corpus accuracy %.3f is below the target %.2f", acc, corpusTarget)
	}
}

// TestCorpusOrderIndependent checks that a site's signals do not depend
// on the order in which the crawler hands pages over, nor on pages being
// added concurrently (run with -race).
func TestCorpusOrderIndependent(t *testing.T) {
	for _, s := range loadCorpus(t) {
		t.Run(s.id, func(t *testing.T) {
			forward := s.inOrder()
			backward := make([]int, len(forward))
			for i, j := range forward {
				backward[len(forward)-1-i] = j
			}
			want := values(s.collect(forward, false))
			got := values(s.collect(backward, true))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("signals differ when pages are added in reverse order, concurrently (-forward +reverse):\n%s", diff)
			}
		})
	}
}

func values(sigs map[string]signal.Signal) map[string]any {
	m := make(map[string]any, len(sigs))
	for k, s := range sigs {
		m[k] = s.Value.Interface()
	}
	return m
}

// existingCorpusSets returns the corpus sets present in testdata (a set
// may not have been written yet).
func existingCorpusSets(tb testing.TB) []string {
	tb.Helper()
	var dirs []string
	for _, set := range corpusSets {
		if _, err := os.Stat(set.dir); err == nil {
			dirs = append(dirs, set.dir)
		} else if !os.IsNotExist(err) {
			tb.Fatal(err)
		}
	}
	return dirs
}

func TestCorpusTruthFilesComplete(t *testing.T) {
	for _, dir := range existingCorpusSets(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) { checkTruthFiles(t, dir) })
	}
}

func checkTruthFiles(t *testing.T, corpusDir string) {
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatalf("reading corpus: %v", err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			tf, err := readTruth(filepath.Join(corpusDir, e.Name(), "truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			if tf.Site != e.Name() {
				t.Errorf("truth.json site = %q, want the directory name %q", tf.Site, e.Name())
			}
			if strings.TrimSpace(tf.Notes) == "" {
				t.Errorf("truth.json has no notes")
			}
			_, problems := truthValues(tf)
			sort.Strings(problems)
			if diff := cmp.Diff([]string(nil), problems); diff != "" {
				t.Errorf("truth.json problems (-want +got):\n%s", diff)
			}
		})
	}
	if corpusDir == corpusSets[0].dir && n < corpusMinSites {
		t.Errorf("corpus has %d sites, want at least %d", n, corpusMinSites)
	}
}

// TestCorpusTruthChecker makes sure truthValues catches the mistakes it
// is there to catch, so a passing TestCorpusTruthFilesComplete means something.
func TestCorpusTruthChecker(t *testing.T) {
	valid := func() map[string]json.RawMessage {
		m := map[string]json.RawMessage{}
		for _, k := range corpusKeys() {
			spec, _ := signal.Lookup(k)
			switch {
			case spec.Type == signal.TypeBool:
				m[k] = json.RawMessage("false")
			case k == signal.ContactSocial:
				m[k] = json.RawMessage("0")
			default:
				m[k] = json.RawMessage("null")
			}
		}
		return m
	}
	tests := []struct {
		name string
		edit func(m map[string]json.RawMessage)
		want []string
	}{
		{"valid", func(map[string]json.RawMessage) {}, nil},
		{"missing key", func(m map[string]json.RawMessage) { delete(m, signal.PolicyPrivacy) },
			[]string{`missing key "policy.privacy"`}},
		{"unexpected key", func(m map[string]json.RawMessage) { m["site.https"] = json.RawMessage("true") },
			[]string{`unexpected key "site.https"`}},
		{"string for a number", func(m map[string]json.RawMessage) { m[signal.PolicyReturnDays] = json.RawMessage(`"30"`) },
			[]string{"policy.return_days: got a string, the catalog says number"}},
		{"bool for a number", func(m map[string]json.RawMessage) { m[signal.ContactSocial] = json.RawMessage("true") },
			[]string{"contact.social: got a bool, the catalog says number"}},
		{"number for a bool", func(m map[string]json.RawMessage) { m[signal.PolicyFreeReturns] = json.RawMessage("1") },
			[]string{"policy.free_returns: got a number, the catalog says bool"}},
		{"absent presence signal", func(m map[string]json.RawMessage) { m[signal.SelfServiceFAQ] = json.RawMessage("null") },
			[]string{"selfservice.faq: null, but a presence signal is never absent after a complete crawl"}},
		{"absent social count", func(m map[string]json.RawMessage) { m[signal.ContactSocial] = json.RawMessage("null") },
			[]string{"contact.social: null, but a complete crawl always counts social networks (0 when none)"}},
		{"rating on a 10 scale", func(m map[string]json.RawMessage) {
			m[signal.RatingValue] = json.RawMessage("9.1")
			m[signal.RatingCount] = json.RawMessage("2210")
		}, []string{"rating.value 9.1 is above 5"}},
		{"rating without count", func(m map[string]json.RawMessage) { m[signal.RatingValue] = json.RawMessage("4.5") },
			[]string{"rating.value and rating.count must be both present or both absent"}},
		{"threshold without free shipping", func(m map[string]json.RawMessage) {
			m[signal.PolicyFreeShipping] = json.RawMessage("false")
			m[signal.PolicyFreeShippingThreshold] = json.RawMessage("50")
		}, []string{"policy.free_shipping_threshold is set but policy.free_shipping is not true"}},
		{"negative number", func(m map[string]json.RawMessage) { m[signal.PolicyWarrantyMonths] = json.RawMessage("-12") },
			[]string{"policy.warranty_months: -12 is negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := valid()
			tt.edit(m)
			_, got := truthValues(truthFile{Site: "x", Notes: "x", Signals: m})
			sort.Strings(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCorpusSitesWellFormed checks that every site looks like a website
// that can be served from a server root: a home page, a sensible number of
// pages, and site-relative links to pages that exist.
func TestCorpusSitesWellFormed(t *testing.T) {
	for _, dir := range existingCorpusSets(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) { checkSitesWellFormed(t, dir) })
	}
}

func checkSitesWellFormed(t *testing.T, corpusDir string) {
	for _, s := range loadCorpusDir(t, corpusDir) {
		t.Run(s.id, func(t *testing.T) {
			have := map[string]bool{}
			sitePages := 0
			for _, p := range s.pages {
				if p.page.Review {
					continue
				}
				sitePages++
				have[p.page.URL.Path] = true
			}
			if !have["/"] {
				t.Errorf("no index.html")
			}
			if sitePages < corpusMinPages || sitePages > corpusMaxPages {
				t.Errorf("%d pages, want %d to %d", sitePages, corpusMinPages, corpusMaxPages)
			}
			var broken []string
			for _, p := range s.pages {
				if p.page.Review {
					continue
				}
				p.page.Doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
					href, _ := a.Attr("href")
					ref, err := url.Parse(href)
					if err != nil {
						broken = append(broken, fmt.Sprintf("%s: bad href %q", p.file, href))
						return
					}
					target := p.page.URL.ResolveReference(ref)
					if target.Host != p.page.URL.Host {
						return
					}
					if !strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "#") {
						broken = append(broken, fmt.Sprintf("%s: link %q is not site-relative", p.file, href))
						return
					}
					// Only links to HTML pages are checked; /cart, /search,
					// assets and PDFs stand for things outside the corpus.
					if tp := target.Path; strings.HasSuffix(tp, ".html") || strings.HasSuffix(tp, "/") {
						if !have[path.Clean(tp)] && !have[tp] {
							broken = append(broken, fmt.Sprintf("%s: link %q leads nowhere", p.file, href))
						}
					}
				})
			}
			sort.Strings(broken)
			if diff := cmp.Diff([]string(nil), broken); diff != "" {
				t.Errorf("links (-want +got):\n%s", diff)
			}
		})
	}
}

// BenchmarkCorpusCollect measures extraction over the whole corpus: every
// page added to a fresh Collector per site, then Finish.
func BenchmarkCorpusCollect(b *testing.B) {
	sites := loadCorpus(b)
	pages := 0
	for _, s := range sites {
		pages += len(s.pages)
	}
	runs := 0
	for b.Loop() {
		for _, s := range sites {
			s.collect(s.inOrder(), false)
		}
		runs++
	}
	b.ReportMetric(float64(pages*runs)/b.Elapsed().Seconds(), "pages/s")
}
