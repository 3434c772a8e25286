package reports

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/cxbench/cxbench/scoring"
)

// The vendored ECharts library (see VENDOR.md) and the page's own assets.
var (
	//go:embed third_party/echarts/echarts.custom.min.js
	echartsJS string
	//go:embed assets/report.css
	reportCSS string
	//go:embed assets/report.js
	reportJS string
	//go:embed assets/report.html.tmpl
	reportTmpl string
)

// htmlPage is the template's data: the view model plus the inlined assets.
type htmlPage struct {
	View view
	// Data is the JSON the page's script reads: chart options and what-if
	// inputs. html/template escapes it for the JSON script block.
	Data     json.RawMessage
	CSS      template.CSS
	ECharts  template.JS
	Script   template.JS
	CSP      string
	Multiple bool // more than one competitor
}

// pageData is the shape of the embedded JSON.
type pageData struct {
	Charts chartSet   `json:"charts"`
	Client clientData `json:"client"`
}

// htmlDefault is the report template, parsed once. It is never modified
// after package initialisation; htmlErr says why it could not be built.
var htmlDefault, htmlErr = newHTMLRenderer(echartsJS)

// htmlRenderer is the parsed report template with its inlined assets. It is
// immutable once built.
type htmlRenderer struct {
	tmpl    *template.Template
	csp     string
	echarts string // ECharts with HTML-normalised newlines
	script  string // report.js likewise
}

// newHTMLRenderer parses the report template and checks the inlined
// scripts (the ECharts library lib and report.js) can be embedded in a
// <script> element as they are.
func newHTMLRenderer(lib string) (*htmlRenderer, error) {
	// The HTML parser turns CR LF and CR into LF before the browser hashes a
	// script for the content security policy: embed what it will hash.
	ech, js := normalizeNewlines(lib), normalizeNewlines(reportJS)
	for name, js := range map[string]string{"echarts": ech, "report.js": js} {
		low := strings.ToLower(js)
		if strings.Contains(low, "</script") || strings.Contains(low, "<!--") || strings.Contains(low, "<script") {
			return nil, fmt.Errorf("preparing html report: %s cannot be inlined: it contains a script or comment tag", name)
		}
	}
	t, err := template.New("report").Funcs(template.FuncMap{
		"add": func(a, b int) int { return a + b },
	}).Parse(reportTmpl)
	if err != nil {
		return nil, fmt.Errorf("preparing html report: parsing template: %w", err)
	}
	// Only our two inline scripts may run: any markup that slipped into the
	// page could not execute script, load anything or submit anywhere.
	csp := "default-src 'none'; script-src " + scriptHash(ech) + " " + scriptHash(js) +
		"; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'"
	return &htmlRenderer{tmpl: t, csp: csp, echarts: ech, script: js}, nil
}

func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// HTML writes sc as one self-contained HTML page: styles, data, script and
// the ECharts library inline; opening it makes no network request.
func HTML(w io.Writer, sc *scoring.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("writing html report: %w", errNilScorecard)
	}
	if htmlErr != nil {
		return htmlErr
	}
	return htmlDefault.render(w, sc, nil)
}

func (r *htmlRenderer) render(w io.Writer, sc *scoring.Scorecard, h *History) error {
	v := buildView(sc)
	applyHistory(&v, sc, h)
	data, err := json.Marshal(pageData{Charts: v.Charts, Client: v.Client})
	if err != nil {
		return fmt.Errorf("writing html report: encoding chart data: %w", err)
	}
	p := htmlPage{
		View:     v,
		Data:     data,
		CSS:      template.CSS(reportCSS),
		ECharts:  template.JS(r.echarts),
		Script:   template.JS(r.script),
		CSP:      r.csp,
		Multiple: len(sc.Competitors) > 1,
	}
	var buf bytes.Buffer
	if err := r.tmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("writing html report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing html report: %w", err)
	}
	return nil
}
