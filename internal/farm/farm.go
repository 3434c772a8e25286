// Package farm serves a deterministic farm of generated shop sites on
// loopback, for scale benchmarks and tests: one httptest server per
// competitor on 127.0.0.1, each with a home page, policy pages (returns,
// shipping, contact, FAQ, privacy, accessibility, sustainability,
// rewards, warranty) and product pages with prices and JSON-LD, 10–30 KB
// each. Pages are generated on request from the site and page numbers, so
// nothing is stored and the same farm always serves the same bytes.
package farm

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"

	cxbench "github.com/cxbench/cxbench"
)

// Farm is a set of running generated sites.
type Farm struct {
	// Pages is the number of HTML pages of every site.
	Pages    int
	requests atomic.Int64
	sites    []*Site
	servers  []*httptest.Server
}

// Site is one generated competitor: its facts decide what its pages say.
type Site struct {
	Index int
	ID    string // shop-000, shop-001, ...
	Name  string
	URL   string // http://127.0.0.1:PORT/ once served

	ReturnDays     int
	FreeReturns    bool
	FreeShipping   int // threshold in dollars; 0 = always free
	WarrantyMonths int
	ReplyHours     int
	Rating         float64
	RatingCount    int
	Phone, Chat    bool
	PriceMatch     bool
	NPS            int // the manual survey.nps of the configuration
	Social         []string
}

// Start serves sites generated sites of pages pages each (at least 1).
func Start(sites, pages int) (*Farm, error) {
	if sites < 0 || pages < 1 {
		return nil, fmt.Errorf("starting farm: want sites >= 0 and pages >= 1, got %d and %d", sites, pages)
	}
	f := &Farm{Pages: pages}
	for i := range sites {
		s := NewSite(i)
		srv := httptest.NewServer(f.handler(s))
		s.URL = srv.URL + "/"
		f.sites = append(f.sites, s)
		f.servers = append(f.servers, srv)
	}
	return f, nil
}

// Close stops every server.
func (f *Farm) Close() {
	for _, s := range f.servers {
		s.Close()
	}
}

// Sites returns the generated sites, in order.
func (f *Farm) Sites() []*Site { return f.sites }

// URLs returns every site's root URL, in order.
func (f *Farm) URLs() []string {
	out := make([]string, len(f.sites))
	for i, s := range f.sites {
		out[i] = s.URL
	}
	return out
}

// Requests is the number of requests the farm has answered.
func (f *Farm) Requests() int64 { return f.requests.Load() }

// RequestsPerSite is what a polite crawl of one site sends: robots.txt,
// sitemap.xml and every page.
func (f *Farm) RequestsPerSite() int { return f.Pages + 2 }

// Config returns a benchmarks.yaml for the running farm: the crawl section
// given (YAML lines without the "crawl:" key, e.g. "  delay: 100ms\n"),
// every site as a competitor (the first is self, each with a manual
// survey.nps) and the default rubric of
// benchmarks.yaml.
func (f *Farm) Config(crawl string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("crawl:\n")
	b.WriteString(crawl)
	b.WriteString("competitors:\n")
	for i, s := range f.sites {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    url: %s\n", s.ID, s.Name, s.URL)
		if i == 0 {
			b.WriteString("    self: true\n")
		}
		// The default rubric scores survey.nps, a manual signal.
		fmt.Fprintf(&b, "    manual:\n      - {signal: survey.nps, value: %d, source: generated panel, as_of: 2026-10-01}\n", s.NPS)
	}
	i := bytes.Index(cxbench.DefaultConfig, []byte("\nrubric:"))
	if i < 0 {
		return nil, errors.New("building farm configuration: the default configuration has no rubric: section")
	}
	b.Write(cxbench.DefaultConfig[i:])
	return b.Bytes(), nil
}

// NewSite returns site i's facts; the same i always gives the same site.
func NewSite(i int) *Site {
	r := rand.New(rand.NewPCG(uint64(i), 0xc0ffee))
	pick := func(xs ...int) int { return xs[r.IntN(len(xs))] }
	s := &Site{
		Index:          i,
		ID:             fmt.Sprintf("shop-%03d", i),
		Name:           names[i%len(names)] + " " + suffixes[(i/len(names))%len(suffixes)],
		ReturnDays:     pick(14, 30, 30, 45, 60, 90, 100, 365),
		FreeReturns:    r.IntN(2) == 0,
		FreeShipping:   pick(0, 25, 50, 50, 75, 99),
		WarrantyMonths: pick(12, 24, 24, 36, 60),
		ReplyHours:     pick(2, 4, 12, 24, 24, 48, 72),
		Rating:         float64(30+r.IntN(21)) / 10,
		RatingCount:    10 + r.IntN(20000),
		Phone:          r.IntN(4) != 0,
		Chat:           r.IntN(2) == 0,
		PriceMatch:     r.IntN(3) == 0,
		NPS:            r.IntN(81) - 10,
	}
	for _, n := range []string{"facebook", "instagram", "youtube", "pinterest", "tiktok"} {
		if r.IntN(2) == 0 {
			s.Social = append(s.Social, n)
		}
	}
	return s
}

var (
	names    = []string{"Summit", "Ridge", "Harbor", "Cedar", "Falcon", "Meadow", "Granite", "Aurora", "Willow", "Canyon", "Juniper", "Beacon", "Pioneer"}
	suffixes = []string{"Outfitters", "Supply", "Gear", "Trading", "Outdoor", "Goods", "Co", "Store"}
)

// pageInfo is one page's path and title.
type pageInfo struct {
	path, title string
}

// policyPages are the first pages after the home page, in this order.
var policyPages = []pageInfo{
	{"/help/returns", "Returns and refunds"},
	{"/help/shipping", "Shipping and delivery"},
	{"/help/contact", "Contact us"},
	{"/help/faq", "Frequently asked questions"},
	{"/privacy", "Privacy policy"},
	{"/accessibility", "Accessibility statement"},
	{"/about/sustainability", "Sustainability"},
	{"/rewards", "Rewards programme"},
	{"/warranty", "Warranty"},
}

// page returns page n's path and title (0: home; then policy pages; then
// products).
func (f *Farm) page(n int) pageInfo {
	switch {
	case n == 0:
		return pageInfo{"/", "Home"}
	case n <= len(policyPages):
		return policyPages[n-1]
	default:
		p := n - len(policyPages)
		return pageInfo{fmt.Sprintf("/products/p-%03d", p), product(p)}
	}
}

func product(p int) string {
	return adjectives[p%len(adjectives)] + " " + nouns[(p/len(adjectives))%len(nouns)] + " " + strconv.Itoa(p)
}

var (
	adjectives = []string{"Alpine", "Trail", "Storm", "Summit", "Ultralight", "Expedition", "Coastal", "Forest"}
	nouns      = []string{"Tent", "Backpack", "Jacket", "Boots", "Sleeping Bag", "Stove", "Headlamp", "Trekking Poles"}
)

func (f *Farm) handler(s *Site) http.Handler {
	index := map[string]int{}
	for n := range f.Pages {
		index[f.page(n).path] = n
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.requests.Add(1)
		switch r.URL.Path {
		case "/robots.txt":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprintf(w, "User-agent: *\nDisallow: /cart\n\nSitemap: http://%s/sitemap.xml\n", r.Host)
			return
		case "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			var b strings.Builder
			b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
			for n := range f.Pages {
				fmt.Fprintf(&b, "<url><loc>http://%s%s</loc></url>\n", r.Host, f.page(n).path)
			}
			b.WriteString("</urlset>\n")
			w.Write([]byte(b.String()))
			return
		}
		n, ok := index[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(f.Render(s, n))
	})
}
