package extract_test

// The corpora under testdata are sets of fictional but realistic company
// websites, each labelled by hand in truth.json from the signal catalog
// (shared/spec/signals.md) alone, like the held-out sites the extractor
// is judged on (see internal/corpus). TestCorpusAccuracy stores each site
// as a page store and extracts it through crawler.Replay, the path of
// `cxbench extract`, and checks every (site, signal) pair: a miss must be
// listed in testdata/known-failures.txt, and a listed miss that is right
// again must be taken off the list, so that any change of the results
// fails.

import (
	"bufio"
	"encoding/json"
	"fmt"
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
	"github.com/cxbench/cxbench/crawler"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/internal/corpus"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

const (
	// knownFailuresFile lists the accepted misses, one "set/site signal"
	// per line, with a reason after "#".
	knownFailuresFile = "testdata/known-failures.txt"
	// corpusMinSites and the page bounds keep the corpus from shrinking
	// into something easy.
	corpusMinSites = 14
	corpusMinPages = 4
	corpusMaxPages = 12
)

// replaySite extracts a site through its page store, pages fetched in the
// given order (nil: file order).
func replaySite(tb testing.TB, s *corpus.Site, order []int) map[string]signal.Signal {
	tb.Helper()
	st, err := s.Store(filepath.Join(tb.TempDir(), "pages"), order)
	if err != nil {
		tb.Fatal(err)
	}
	f := crawler.Replay(st, extract.New(nil), []config.Competitor{s.Competitor()})
	if len(f.Competitors[0].Errors) > 0 {
		tb.Fatalf("%s: re-extracting: %v", s.ID, f.Competitors[0].Errors)
	}
	return f.Competitors[0].Signals
}

func loadSet(tb testing.TB, set corpus.Set) []*corpus.Site {
	tb.Helper()
	sites, err := corpus.Load(set)
	if err != nil {
		tb.Fatal(err)
	}
	return sites
}

// readKnownFailures reads the accepted misses: "set/site signal" -> reason.
func readKnownFailures(tb testing.TB) map[string]string {
	tb.Helper()
	f, err := os.Open(knownFailuresFile)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line, reason, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 2 || strings.TrimSpace(reason) == "" {
			tb.Fatalf("%s:%d: want \"set/site signal # reason\", got %q", knownFailuresFile, n, sc.Text())
		}
		out[fields[0]+" "+fields[1]] = strings.TrimSpace(reason)
	}
	return out
}

// siteLanguage is a site's main language: the most frequent of its
// pages' labelled languages, "en" when none is labelled.
func siteLanguage(s *corpus.Site) string {
	count := map[string]int{}
	for _, l := range s.Truth.Languages {
		count[l]++
	}
	best := "en"
	for l, n := range count {
		if n > count[best] || (n == count[best] && l < best) {
			best = l
		}
	}
	return best
}

func TestCorpusAccuracy(t *testing.T) {
	known := readKnownFailures(t)
	seen := map[string]bool{}
	keys := corpus.Keys()
	for _, set := range corpus.Sets {
		sites := loadSet(t, set)
		if len(sites) == 0 {
			continue
		}
		t.Run(set.Name(), func(t *testing.T) {
			rightBy := map[string]int{}
			type tally struct{ right, total int }
			byLang := map[string]*tally{}
			var right, total int
			var accepted []string
			for _, s := range sites {
				got := replaySite(t, s, nil)
				lang := siteLanguage(s)
				if byLang[lang] == nil {
					byLang[lang] = &tally{}
				}
				for _, k := range keys {
					pair := set.Name() + "/" + s.ID + " " + k
					_, isKnown := known[pair]
					seen[pair] = true
					sig, present := got[k]
					total++
					byLang[lang].total++
					if corpus.Agree(k, s.Want[k], sig, present) {
						right++
						rightBy[k]++
						byLang[lang].right++
						if isKnown {
							t.Errorf("%s is right now: take it off %s", pair, knownFailuresFile)
						}
						continue
					}
					if isKnown {
						accepted = append(accepted, pair)
						continue
					}
					if set.Frozen {
						t.Errorf("%s: wrong (frozen set: not shown)", pair)
						continue
					}
					gotV := signal.Value{}
					if present {
						gotV = sig.Value
					}
					t.Errorf("%s: want %s, got %s%s", pair, corpus.Show(s.Want[k]), corpus.Show(gotV), evidenceOf(sig))
				}
			}
			var table strings.Builder
			fmt.Fprintf(&table, "per-signal accuracy over %d sites:\n", len(sites))
			for _, k := range keys {
				fmt.Fprintf(&table, "    %-32s %3d/%-3d %5.1f%%\n", k, rightBy[k], len(sites), 100*float64(rightBy[k])/float64(len(sites)))
			}
			var langs []string
			for l := range byLang {
				langs = append(langs, l)
			}
			sort.Strings(langs)
			for _, l := range langs {
				fmt.Fprintf(&table, "    language %s: %d/%d = %.1f%%\n", l, byLang[l].right, byLang[l].total, 100*float64(byLang[l].right)/float64(byLang[l].total))
			}
			fmt.Fprintf(&table, "%s: %d/%d (site, signal) pairs right = %.1f%% (%d accepted misses in %s)",
				set.Name(), right, total, 100*float64(right)/float64(total), len(accepted), knownFailuresFile)
			t.Log(table.String())
		})
	}
	var stale []string
	for pair := range known {
		if !seen[pair] {
			stale = append(stale, pair)
		}
	}
	sort.Strings(stale)
	for _, pair := range stale {
		t.Errorf("%s names no (site, signal) pair of the corpora: %s", knownFailuresFile, pair)
	}
}

func evidenceOf(sig signal.Signal) string {
	if len(sig.Evidence) == 0 {
		return ""
	}
	e := sig.Evidence[0]
	return fmt.Sprintf(" [%s %s %q]", e.Method, e.URL, e.Snippet)
}

// TestCorpusOrderIndependent checks that a site's signals do not depend
// on the order in which the crawler hands pages over, nor on pages being
// added concurrently (run with -race).
func TestCorpusOrderIndependent(t *testing.T) {
	for _, set := range corpus.Sets {
		if set.Frozen {
			continue // the open sets are enough to find an order dependence
		}
		for _, s := range loadSet(t, set) {
			t.Run(set.Name()+"/"+s.ID, func(t *testing.T) {
				want := values(replaySite(t, s, nil))
				backward := make([]int, len(s.Pages))
				for i := range backward {
					backward[i] = len(s.Pages) - 1 - i
				}
				if diff := cmp.Diff(want, values(replaySite(t, s, backward))); diff != "" {
					t.Errorf("signals differ when pages come in reverse order (-forward +reverse):\n%s", diff)
				}
				if diff := cmp.Diff(want, values(collectConcurrently(t, s))); diff != "" {
					t.Errorf("signals differ when pages are added concurrently (-sequential +concurrent):\n%s", diff)
				}
			})
		}
	}
}

// collectConcurrently adds a site's pages to one collector from one
// goroutine each.
func collectConcurrently(t *testing.T, s *corpus.Site) map[string]signal.Signal {
	c := extract.New(nil).NewCollector(s.Competitor())
	var records []signal.Page
	var wg sync.WaitGroup
	for _, p := range s.Pages {
		if !p.Review {
			records = append(records, signal.Page{URL: p.URL.String(), Status: 200, MS: 10, Kind: p.Kind, Depth: p.Depth, Bytes: len(p.Body)})
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(p.Body)))
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Add(&extract.Page{URL: p.URL, Kind: p.Kind, Depth: p.Depth, Doc: doc, Review: p.Review})
		}()
	}
	wg.Wait()
	return c.Finish(records, true)
}

func values(sigs map[string]signal.Signal) map[string]any {
	m := make(map[string]any, len(sigs))
	for k, s := range sigs {
		m[k] = s.Value.Interface()
	}
	return m
}

func TestCorpusTruthFilesComplete(t *testing.T) {
	for _, set := range corpus.Sets {
		entries, err := os.ReadDir(set.Dir)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Run(set.Name(), func(t *testing.T) {
			n := 0
			for _, e := range entries {
				if !e.IsDir() {
					continue
				}
				n++
				t.Run(e.Name(), func(t *testing.T) {
					tf, err := corpus.ReadTruth(filepath.Join(set.Dir, e.Name(), "truth.json"))
					if err != nil {
						t.Fatal(err)
					}
					if tf.Site != e.Name() {
						t.Errorf("truth.json site = %q, want the directory name %q", tf.Site, e.Name())
					}
					if strings.TrimSpace(tf.Notes) == "" {
						t.Errorf("truth.json has no notes")
					}
					_, problems := corpus.Values(tf)
					sort.Strings(problems)
					if diff := cmp.Diff([]string(nil), problems); diff != "" {
						t.Errorf("truth.json problems (-want +got):\n%s", diff)
					}
				})
			}
			if set == corpus.Sets[0] && n < corpusMinSites {
				t.Errorf("corpus has %d sites, want at least %d", n, corpusMinSites)
			}
		})
	}
}

// TestCorpusTruthChecker makes sure truthValues catches the mistakes it
// is there to catch, so a passing TestCorpusTruthFilesComplete means something.
func TestCorpusTruthChecker(t *testing.T) {
	valid := func() map[string]json.RawMessage {
		m := map[string]json.RawMessage{}
		for _, k := range corpus.Keys() {
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
			_, got := corpus.Values(corpus.Truth{Site: "x", Notes: "x", Signals: m})
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
	for _, set := range corpus.Sets {
		t.Run(set.Name(), func(t *testing.T) { checkSitesWellFormed(t, set) })
	}
}

func checkSitesWellFormed(t *testing.T, set corpus.Set) {
	for _, s := range loadSet(t, set) {
		t.Run(s.ID, func(t *testing.T) {
			have := map[string]bool{}
			sitePages := 0
			for _, p := range s.Pages {
				if p.Review {
					continue
				}
				sitePages++
				have[p.URL.Path] = true
			}
			if !have["/"] {
				t.Errorf("no index.html")
			}
			if sitePages < corpusMinPages || sitePages > corpusMaxPages {
				t.Errorf("%d pages, want %d to %d", sitePages, corpusMinPages, corpusMaxPages)
			}
			var broken []string
			for _, p := range s.Pages {
				if p.Review {
					continue
				}
				doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(p.Body)))
				if err != nil {
					t.Fatalf("%s: %v", p.File, err)
				}
				doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
					href, _ := a.Attr("href")
					ref, err := url.Parse(href)
					if err != nil {
						broken = append(broken, fmt.Sprintf("%s: bad href %q", p.File, href))
						return
					}
					target := p.URL.ResolveReference(ref)
					if target.Host != p.URL.Host {
						return
					}
					if !strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "#") {
						broken = append(broken, fmt.Sprintf("%s: link %q is not site-relative", p.File, href))
						return
					}
					// Only links to HTML pages are checked; /cart, /search,
					// assets and PDFs stand for things outside the corpus.
					if tp := target.Path; strings.HasSuffix(tp, ".html") || strings.HasSuffix(tp, "/") {
						if !have[path.Clean(tp)] && !have[tp] {
							broken = append(broken, fmt.Sprintf("%s: link %q leads nowhere", p.File, href))
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

// BenchmarkCorpusReplay measures re-extraction of the open corpus from
// page stores (read, decode, parse, extract, combine), as `cxbench
// extract` does.
func BenchmarkCorpusReplay(b *testing.B) {
	sites := loadSet(b, corpus.Sets[0])
	pages := 0
	for _, s := range sites {
		pages += len(s.Pages)
	}
	stores := make([]func(), len(sites))
	for i, s := range sites {
		st, err := s.Store(filepath.Join(b.TempDir(), "pages"), nil)
		if err != nil {
			b.Fatal(err)
		}
		comp := []config.Competitor{s.Competitor()}
		stores[i] = func() { crawler.Replay(st, extract.New(nil), comp) }
	}
	runs := 0
	for b.Loop() {
		for _, replay := range stores {
			replay()
		}
		runs++
	}
	b.ReportMetric(float64(pages*runs)/b.Elapsed().Seconds(), "pages/s")
}
