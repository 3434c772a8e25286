package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHTMLInjectionInert(t *testing.T) {
	if htmlErr != nil {
		t.Fatal(htmlErr)
	}
	out := string(htmlReport(t, hostileScorecard(t)))
	// Look for raw markup outside our own two scripts (the ECharts source
	// itself builds markup strings).
	outside := strings.Replace(strings.Replace(out, htmlDefault.echarts, "", 1), htmlDefault.script, "", 1)
	if len(outside) > len(out)-len(htmlDefault.echarts) {
		t.Fatal("the vendored ECharts library is not embedded verbatim")
	}

	for _, bad := range []string{
		"<script>alert", "<script>window.__pwned", "<img", "<svg", "<b onmouseover",
		`href="javascript:`, `href="data:`, `href=" javascript:`, `href="vbscript:`, "<!--<script>",
	} {
		if i := strings.Index(strings.ToLower(outside), strings.ToLower(bad)); i >= 0 {
			t.Errorf("report contains raw %q: …%s…", bad, outside[max(0, i-80):min(len(outside), i+80)])
		}
	}

	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("parsing the report: %v", err)
	}
	var scripts []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts = append(scripts, n)
			case "img", "svg", "iframe", "object", "embed", "base", "form", "link":
				t.Errorf("report has a <%s> element", n.Data)
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					t.Errorf("<%s> has an event-handler attribute %s=%q", n.Data, a.Key, a.Val)
				}
				if key == "href" || key == "src" || key == "action" || key == "formaction" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "#") {
						t.Errorf("<%s %s=%q>: only http(s) links are allowed", n.Data, a.Key, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	// The views that quote competitors (verdict, head-to-head, gaps) show
	// the hostile names as text.
	for _, id := range []string{"verdict", "h2h", "gaps"} {
		sec := findID(doc, id)
		if sec == nil {
			t.Errorf("no #%s section", id)
			continue
		}
		if txt := textOf(sec); !strings.Contains(txt, xssImg) {
			t.Errorf("#%s does not show the hostile name %q as text: %.200q", id, xssImg, txt)
		}
	}

	// Exactly our three scripts: the data block, ECharts and the page script.
	if len(scripts) != 3 {
		t.Fatalf("report has %d <script> elements, want 3", len(scripts))
	}
	text := func(n *html.Node) string {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(c.Data)
		}
		return b.String()
	}
	if typ := attr(scripts[0], "type"); typ != "application/json" {
		t.Errorf("first script has type %q, want application/json", typ)
	}
	if text(scripts[1]) != htmlDefault.echarts {
		t.Error("the second script is not exactly the vendored ECharts library")
	}
	if text(scripts[2]) != htmlDefault.script {
		t.Error("the third script is not exactly report.js")
	}

	// The data block is valid JSON that still holds the hostile strings as
	// plain strings (so the page shows them as text).
	var data struct {
		Client clientData `json:"client"`
	}
	if err := json.Unmarshal([]byte(text(scripts[0])), &data); err != nil {
		t.Fatalf("the data block is not valid JSON: %v", err)
	}
	var names []string
	for _, c := range data.Client.Competitors {
		names = append(names, c.Name)
	}
	for _, want := range []string{xssScript, xssImg, xssFunc} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("competitor name %q did not survive as data: %q", want, names)
		}
	}

	// The content security policy allows exactly our two scripts, hashed as
	// the browser will see them.
	csp := ""
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" {
			csp = attr(n, "content")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	wantCSP := "default-src 'none'; script-src " + scriptHash(text(scripts[1])) + " " + scriptHash(text(scripts[2])) +
		"; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'"
	if csp != wantCSP {
		t.Errorf("Content-Security-Policy = %q, want %q", csp, wantCSP)
	}
}

func findID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode && attr(n, "id") == id {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findID(c, id); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestHTMLSelfContained(t *testing.T) {
	out := htmlReport(t, loadFixture(t))
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	// No element loads anything: no src, no stylesheet links, no url() in CSS.
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if src := attr(n, "src"); src != "" {
				t.Errorf("<%s src=%q> loads a resource", n.Data, src)
			}
			if n.Data == "link" {
				t.Errorf("<link> element: %v", n.Attr)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if strings.Contains(reportCSS, "url(") || strings.Contains(reportCSS, "@import") {
		t.Error("report.css references an external resource")
	}
	if bytes.Contains(out, []byte("__f__")) {
		t.Error("a __f__ marker reached the page from trusted data: chart options must carry no function strings")
	}
}
