package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxbench/cxbench/scoring"
	"github.com/cxbench/cxbench/signal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// loadFixture reads testdata/scorecard.json.
func loadFixture(t testing.TB) *scoring.Scorecard {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "scorecard.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sc scoring.Scorecard
	if err := json.Unmarshal(b, &sc); err != nil {
		t.Fatalf("decoding fixture: %v", err)
	}
	return &sc
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func TestGolden(t *testing.T) {
	sc := loadFixture(t)
	noSelf := withoutSelf(t, sc)
	tests := []struct {
		name   string
		golden string
		render func() ([]byte, error)
	}{
		{"view model", "view.golden", func() ([]byte, error) { return json.MarshalIndent(buildView(sc), "", "  ") }},
		{"view model without self", "view-noself.golden", func() ([]byte, error) { return json.MarshalIndent(buildView(noSelf), "", "  ") }},
		{"markdown", "report.md.golden", func() ([]byte, error) { return render(Markdown, sc) }},
		{"markdown without self", "report-noself.md.golden", func() ([]byte, error) { return render(Markdown, noSelf) }},
		{"csv", "report.csv.golden", func() ([]byte, error) { return render(CSV, sc) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.render()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, got)
		})
	}
}

func render(f func(io.Writer, *scoring.Scorecard) error, sc *scoring.Scorecard) ([]byte, error) {
	var b bytes.Buffer
	err := f(&b, sc)
	return b.Bytes(), err
}

// cloneScorecard deep-copies sc through JSON.
func cloneScorecard(t testing.TB, sc *scoring.Scorecard) *scoring.Scorecard {
	t.Helper()
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	var cp scoring.Scorecard
	if err := json.Unmarshal(b, &cp); err != nil {
		t.Fatal(err)
	}
	return &cp
}

// withoutSelf returns a copy of sc with no self competitor.
func withoutSelf(t testing.TB, sc *scoring.Scorecard) *scoring.Scorecard {
	cp := cloneScorecard(t, sc)
	for i := range cp.Competitors {
		cp.Competitors[i].Self = false
	}
	cp.Self = nil
	return cp
}

func TestFormatFor(t *testing.T) {
	tests := []struct {
		path    string
		want    string
		wantErr bool
	}{
		{"out/index.html", "html", false},
		{"REPORT.HTM", "html", false},
		{"summary.md", "md", false},
		{"summary.markdown", "md", false},
		{"scores.csv", "csv", false},
		{"scorecard.json", "json", false},
		{"report.txt", "", true},
		{"report", "", true},
		{"-", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := FormatFor(tt.path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("FormatFor(%q) error = %v, wantErr %v", tt.path, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("FormatFor(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	sc := loadFixture(t)
	tests := []struct {
		format string
		prefix string
	}{
		{"html", "<!DOCTYPE html>"},
		{"md", "# CX benchmark: Outdoor retail CX"},
		{"csv", "competitor_id,competitor_name,category,criterion_id,signal,value,score,weight,evidence_url,explain"},
		{"json", "{\n  \"schema\": \"cxbench.scorecard/v1\""},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, sc, tt.format); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(b.String(), tt.prefix) {
				t.Errorf("Write(%s) starts %q, want prefix %q", tt.format, firstN(b.String(), 80), tt.prefix)
			}
		})
	}
	t.Run("unknown format", func(t *testing.T) {
		if err := Write(&bytes.Buffer{}, sc, "pdf"); err == nil {
			t.Error("Write(pdf) succeeded, want an error")
		}
	})
	for _, f := range []string{"html", "md", "csv", "json"} {
		t.Run("nil scorecard "+f, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, nil, f)
			if !errors.Is(err, errNilScorecard) {
				t.Errorf("Write(nil, %s) = %v, want errNilScorecard", f, err)
			}
		})
	}
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func TestJSONRoundTrip(t *testing.T) {
	sc := loadFixture(t)
	var b bytes.Buffer
	if err := JSON(&b, sc); err != nil {
		t.Fatal(err)
	}
	var got scoring.Scorecard
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("decoding JSON output: %v", err)
	}
	if diff := cmp.Diff(sc, &got, cmp.Comparer(func(a, b signal.Value) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	if !strings.Contains(b.String(), "\n  \"rubric\": {") {
		t.Errorf("JSON output is not indented:\n%s", firstN(b.String(), 200))
	}
}

func TestCSVSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"acme", "acme"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1+2", "'+1+2"},
		{"-1+2", "'-1+2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-5", "-5"},
		{"-0.25", "-0.25"},
		{"-", "'-"},
		{"-.", "'-."},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			if got := csvSafe(tt.in); got != tt.want {
				t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCSVRows(t *testing.T) {
	sc := loadFixture(t)
	sc.Competitors[0].Name = "=cmd|' /C calc'!A0"
	var b bytes.Buffer
	if err := CSV(&b, sc); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("reading CSV output back: %v", err)
	}
	want := 1
	for _, c := range sc.Competitors {
		for _, cat := range c.Categories {
			want += len(cat.Criteria)
		}
	}
	if len(rows) != want {
		t.Fatalf("CSV has %d rows, want %d (header + one per competitor × criterion)", len(rows), want)
	}
	if got := rows[1][1]; got != "'=cmd|' /C calc'!A0" {
		t.Errorf("formula-like name written as %q, want it prefixed with '", got)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acme Outdoor", "Acme Outdoor"},
		{"A | B", `A \| B`},
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
		{"line1\nline2\r\nline3", "line1 line2 line3"},
		{"**bold** [link](javascript:x)", `\*\*bold\*\* \[link\](javascript:x)`},
		{"AT&T", "AT&T"},
		{"# heading", `\# heading`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := mdText(tt.in); got != tt.want {
				t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("table stays intact", func(t *testing.T) {
		sc := loadFixture(t)
		sc.Competitors[0].Name = "Evil | Co\n| 1 | injected |"
		var b bytes.Buffer
		if err := Markdown(&b, sc); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(b.String(), "\n") {
			if strings.HasPrefix(line, "| 1 |") {
				if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 6 {
					t.Errorf("leaderboard row has %d unescaped pipes, want 6: %q", n, line)
				}
			}
			if strings.Contains(line, "injected |") && strings.HasPrefix(line, "| injected") {
				t.Errorf("a newline in a name started a new table row: %q", line)
			}
		}
	})
}

func TestMakeLink(t *testing.T) {
	tests := []struct {
		in       string
		wantHref string
	}{
		{"https://acme.example/returns", "https://acme.example/returns"},
		{"http://lowland.example/", "http://lowland.example/"},
		{"HTTPS://ACME.EXAMPLE/", "https://ACME.EXAMPLE/"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{" javascript:alert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"vbscript:msgbox(1)", ""},
		{"/relative/path", ""},
		{"//evil.example/x", ""},
		{"mailto:help@acme.example", ""},
		{"", ""},
		{"http://[::1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := makeLink(tt.in)
			if got.Href != tt.wantHref || got.Text != tt.in {
				t.Errorf("makeLink(%q) = %+v, want href %q and the text unchanged", tt.in, got, tt.wantHref)
			}
		})
	}
}

func TestViewFacts(t *testing.T) {
	sc := loadFixture(t)
	v := buildView(sc)
	var order []string
	for _, r := range v.Leaderboard {
		order = append(order, r.ID)
	}
	wantOrder := []string{"acme", "northwind", "summit", "trailhead", "bluepeak", "lowland"}
	if diff := cmp.Diff(wantOrder, order); diff != "" {
		t.Errorf("leaderboard order (-want +got):\n%s", diff)
	}
	if v.Self == nil || v.Self.ID != "northwind" || v.Self.Rank != 2 {
		t.Fatalf("self view = %+v, want northwind at rank 2", v.Self)
	}
	if v.LowCount != 1 || !v.Leaderboard[5].LowCoverage {
		t.Errorf("low coverage: count %d, lowland flagged %v; want 1 and true", v.LowCount, v.Leaderboard[5].LowCoverage)
	}
	var roles []string
	for _, s := range v.Radar.Series {
		roles = append(roles, s.Role+":"+s.Name)
	}
	if diff := cmp.Diff([]string{"self:Northwind Outfitters", "leader:Leader: Acme Outdoor", "field:Field average"}, roles); diff != "" {
		t.Errorf("radar series (-want +got):\n%s", diff)
	}
	nv := buildView(withoutSelf(t, sc))
	roles = nil
	for _, s := range nv.Radar.Series {
		roles = append(roles, s.Role+":"+s.Name)
	}
	if diff := cmp.Diff([]string{"top:Acme Outdoor", "top:Northwind Outfitters", "top:Summit Gear Co."}, roles); diff != "" {
		t.Errorf("radar series without self (-want +got):\n%s", diff)
	}
	if nv.Self != nil {
		t.Errorf("view without self has a self section: %+v", nv.Self)
	}
	// Manual and stale criteria reach the cards.
	var flags []string
	for _, c := range v.Cards {
		for _, cat := range c.Categories {
			for _, cr := range cat.Criteria {
				if cr.Manual || cr.Stale {
					flags = append(flags, fmt.Sprintf("%s/%s manual=%v stale=%v", c.ID, cr.Name, cr.Manual, cr.Stale))
				}
			}
		}
	}
	sort.Strings(flags)
	wantFlags := []string{"acme/Warranty manual=true stale=true", "summit/Promised reply time manual=true stale=false"}
	if diff := cmp.Diff(wantFlags, flags); diff != "" {
		t.Errorf("manual/stale criteria (-want +got):\n%s", diff)
	}
}

func TestStabilityBadge(t *testing.T) {
	tests := []struct {
		in    float64
		label string
		pct   string
	}{
		{1, "robust", "100%"},
		{0.96, "robust", "96%"},
		{0.8, "robust", "80%"},
		{0.79, "fair", "79%"},
		{0.5, "fair", "50%"},
		{0.41, "uncertain", "41%"},
		{0, "uncertain", "0%"},
	}
	for _, tt := range tests {
		t.Run(tt.pct, func(t *testing.T) {
			b := stability(tt.in)
			if b.Label != tt.label || b.Pct != tt.pct {
				t.Errorf("stability(%v) = %s %s, want %s %s", tt.in, b.Label, b.Pct, tt.label, tt.pct)
			}
		})
	}
}
