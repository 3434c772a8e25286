package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

// forbidden are characters a terminal or chat client acts on: C0 controls
// but the line break, DEL, C1 controls and bidirectional overrides.
func forbidden(s string) []rune {
	var out []rune
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			out = append(out, r)
		}
	}
	return out
}

// TestTerminalOutputIsInert benchmarks a site whose scraped text carries
// terminal escape sequences (set the window title, clear the screen, a
// right-to-left override), twice, with a competitor name doing the same:
// nothing printed by run, score, history, diff (text and Markdown) or
// rescore carries them.
func TestTerminalOutputIsInert(t *testing.T) {
	for _, k := range []string{"COLLY_USER_AGENT", "COLLY_IGNORE_ROBOTSTXT", "COLLY_MAX_DEPTH", "COLLY_ALLOWED_DOMAINS"} {
		t.Setenv(k, "")
	}
	var motto atomic.Value
	motto.Store("Best &#x1b;]0;pwned&#x07;gear &#x1b;[2J&#x1b;[Hin \u009b31mtown&#x202e;")
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Shop</title></head><body><h1 id="motto">%s</h1>
<p>You may return any item within 30 days.</p><a href="/a%%E2%%80%%AEb">more</a></body></html>`, motto.Load())
	}))
	defer site.Close()
	dir := t.TempDir()
	conf := filepath.Join(dir, "b.yaml")
	os.WriteFile(conf, fmt.Appendf(nil, `crawl: {delay: 0, retries: 0, ignore_robots: true, no_sitemaps: true}
competitors:
  - {id: evil, name: "Evil\e]0;pwned\a Corp\e[2J", url: "%s/\u202e", self: true}
signals:
  - {name: custom.motto, type: string, selector: "#motto"}
history: {dir: runs}
rubric:
  categories:
    - id: c
      weight: 1
      criteria: [{signal: policy.return_days, weight: 1, score: {linear: {worst: 0, best: 60}}}]
`, site.URL), 0o644)
	day := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	var outputs []result
	outputs = append(outputs, cxbenchAt(t, day, "run", "-c", conf, "-o", filepath.Join(dir, "out")))
	motto.Store("Better &#x1b;]8;;https://evil.example/&#x1b;\\gear&#x1b;]8;;&#x1b;\\ now")
	outputs = append(outputs,
		cxbenchAt(t, day.Add(time.Hour), "run", "-c", conf, "-o", filepath.Join(dir, "out")),
		cxbenchAt(t, day, "score", "-c", conf, "--signals", filepath.Join(dir, "out", "signals.json"), "-o", filepath.Join(dir, "sc.json")),
		cxbenchAt(t, day, "history", "-c", conf),
		cxbenchAt(t, day, "diff", "-c", conf),
		cxbenchAt(t, day, "diff", "-c", conf, "--format", "md"),
		cxbenchAt(t, day, "rescore", "-c", conf),
		cxbenchAt(t, day, "report", "--scorecard", filepath.Join(dir, "sc.json"), "-o", "-", "--format", "md"),
	)
	for i, r := range outputs {
		if r.code != 0 {
			t.Errorf("command %d exited %d: %s", i, r.code, r.stderr)
		}
		if bad := forbidden(r.stdout + r.stderr); len(bad) > 0 {
			t.Errorf("command %d printed %q:\nstdout:\n%s\nstderr:\n%s", i, bad, r.stdout, r.stderr)
		}
	}
	if diff := outputs[4].stdout; !strings.Contains(diff, "custom.motto Best gear in town → Better gear now") || !strings.Contains(diff, "Evil Corp (you)") {
		t.Errorf("diff does not show the change in plain text:\n%s", diff)
	}
	if !strings.Contains(outputs[0].stdout, "Evil Corp") {
		t.Errorf("leaderboard:\n%s", outputs[0].stdout)
	}
}

// TestErrorsAndLogsAreInert: errors printed on exit and log lines carry no
// control characters either (slog's text handler quotes them).
func TestErrorsAndLogsAreInert(t *testing.T) {
	var stderr bytes.Buffer
	code := exitCode(failed(errors.New("merging: competitor \"\x1b]0;pwned\x07x\" is in both a.json and b.json\n  second line \u202eright")), &stderr)
	want := "cxbench: merging: competitor \"x\" is in both a.json and b.json\n  second line right\n"
	if code != exitFailed || stderr.String() != want {
		t.Errorf("exitCode printed %q (status %d), want %q", stderr.String(), code, want)
	}
	var logs bytes.Buffer
	a := &app{stdout: io.Discard, stderr: &logs}
	a.logger().Warn("crawl error \x1b[2J", "url", "https://a.example/\u202e", "error", errors.New("HTTP 500 \x1b]0;t\x07"))
	if bad := forbidden(logs.String()); len(bad) > 0 {
		t.Errorf("log line carries %q: %s", bad, logs.String())
	}
}
