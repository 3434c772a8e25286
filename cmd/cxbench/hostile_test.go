package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHostileSiteIsInertInReport crawls a site whose pages try to inject
// script into the report through every scraped field: the report must hold
// only its own three scripts and no event handlers or script links.
func TestHostileSiteIsInertInReport(t *testing.T) {
	const payload = `</script><script>alert(1)</script>"><img src=x onerror=alert(1)>__f__function(){alert(1)}__f__`
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			fmt.Fprintf(w, `<html><head><title>%[1]s</title>
<script type="application/ld+json">{"@type":"Organization","name":"%[2]s","aggregateRating":{"ratingValue":"4.5","reviewCount":"120","name":"%[2]s"}}</script>
</head><body><h1>%[1]s</h1>
<p>Rated 4.5 out of 5 by 120 customers %[1]s</p>
<a href="/returns">Returns</a> <a href="javascript:alert(1)">Contact</a>
<a href="mailto:help@hostile.example?subject=%[1]s">Email us</a></body></html>`,
				html.EscapeString(payload), strings.ReplaceAll(payload, `"`, `\"`))
		case "/returns":
			fmt.Fprintf(w, `<html><body><h1>Returns</h1><p>You may return any item within 30 days %s.</p></body></html>`,
				html.EscapeString(payload))
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	dir := t.TempDir()
	conf := fmt.Sprintf(`crawl: {delay: 0, retries: 0}
competitors:
  - {id: hostile, name: %q, url: %q}
rubric:
  categories:
    - id: c
      name: %q
      weight: 1
      criteria:
        - {signal: policy.return_days, name: %q, weight: 1, score: {linear: {worst: 0, best: 60}}}
        - {signal: rating.value, weight: 1, score: {linear: {worst: 3, best: 5}}}
`, payload, site.URL+"/", payload, payload)
	path := filepath.Join(dir, "b.yaml")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cxbench(t, "run", "-q", "-c", path, "-o", filepath.Join(dir, "out"))
	if r.code != 0 {
		t.Fatalf("run exited %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("within 30 days")) {
		t.Error("the report does not show the returns evidence")
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	scripts := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts++
			case "img", "svg", "iframe", "object", "embed":
				t.Errorf("report contains an injected <%s>", n.Data)
			}
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") || (a.Key == "href" || a.Key == "src") && strings.HasPrefix(v, "javascript:") {
					t.Errorf("report has <%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 3 {
		t.Errorf("report has %d <script> elements, want its own 3", scripts)
	}
}
