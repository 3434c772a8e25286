package farm

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func TestRenderIsDeterministicAndSized(t *testing.T) {
	a, err := Start(0, 30)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Start(0, 30)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 77, 499} {
		sa, sb := NewSite(i), NewSite(i)
		if diff := cmp.Diff(sa, sb); diff != "" {
			t.Errorf("site %d differs between two calls (-first +second):\n%s", i, diff)
		}
		total := 0
		for n := range 30 {
			pa, pb := a.Render(sa, n), b.Render(sb, n)
			if !bytes.Equal(pa, pb) {
				t.Errorf("site %d page %d differs between two farms", i, n)
			}
			if len(pa) < 8<<10 || len(pa) > 30<<10 {
				t.Errorf("site %d page %d is %d bytes, want 8–30 KB", i, n, len(pa))
			}
			total += len(pa)
		}
		if avg := total / 30; avg < 10<<10 || avg > 25<<10 {
			t.Errorf("site %d: pages average %d bytes, want 10–25 KB", i, avg)
		}
	}
	if NewSite(1).ID == NewSite(2).ID {
		t.Error("two sites share an id")
	}
}

func TestServes(t *testing.T) {
	f, err := Start(2, 12)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	get := func(u string) (int, string) {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(body)
	}
	root := strings.TrimSuffix(f.URLs()[1], "/")
	tests := []struct {
		name, path string
		status     int
		contains   string
	}{
		{"robots", "/robots.txt", 200, "Sitemap: " + root + "/sitemap.xml"},
		{"sitemap lists the last page", "/sitemap.xml", 200, "<loc>" + root + "/products/p-002</loc>"},
		{"home", "/", 200, `"@type":"Organization"`},
		{"returns", "/help/returns", 200, fmt.Sprintf("within %d days", f.Sites()[1].ReturnDays)},
		{"product", "/products/p-001", 200, `"@type":"Product"`},
		{"beyond the last page", "/products/p-003", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := get(root + tt.path)
			if status != tt.status || !strings.Contains(body, tt.contains) {
				t.Errorf("GET %s: %d, body without %q", tt.path, status, tt.contains)
			}
		})
	}
	if n := strings.Count(func() string { _, b := get(root + "/sitemap.xml"); return b }(), "<loc>"); n != f.Pages {
		t.Errorf("sitemap lists %d pages, want %d", n, f.Pages)
	}
}

// TestCrawlFindsTheFacts: the real crawler and extractor read every page
// of a farm site and find the facts it was generated from.
func TestCrawlFindsTheFacts(t *testing.T) {
	const sites, pages = 3, 30
	f, err := Start(sites, pages)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var comps []config.Competitor
	for _, s := range f.Sites() {
		comps = append(comps, config.Competitor{ID: s.ID, Name: s.Name, URL: s.URL})
	}
	c := &crawler.Crawler{
		Settings:  config.Crawl{Delay: -1, Retries: -1, MaxPages: 40, Concurrency: sites},
		Extractor: extract.New(nil),
	}
	file, err := c.Run(context.Background(), comps)
	if err != nil {
		t.Fatal(err)
	}
	for i, got := range file.Competitors {
		s := f.Sites()[i]
		if len(got.Pages) != pages || len(got.Errors) > 0 || !got.Complete {
			t.Errorf("%s: %d pages (want %d), errors %v, complete %v", s.ID, len(got.Pages), pages, got.Errors, got.Complete)
		}
		want := map[string]any{
			signal.PolicyReturnDays:     float64(s.ReturnDays),
			signal.PolicyWarrantyMonths: float64(s.WarrantyMonths),
			signal.SupportResponseHours: float64(s.ReplyHours),
			signal.RatingValue:          s.Rating,
			signal.ContactPhone:         s.Phone,
			signal.PolicyPriceMatch:     s.PriceMatch,
			signal.PricingPublic:        true,
			signal.SitePages:            float64(pages),
		}
		gotv := map[string]any{}
		for name := range want {
			if sig, ok := got.Signals[name]; ok {
				gotv[name] = sig.Value.Interface()
			}
		}
		if diff := cmp.Diff(want, gotv); diff != "" {
			t.Errorf("%s: signals (-want +got):\n%s", s.ID, diff)
		}
	}
}
