package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDuration(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{"500ms", 500 * time.Millisecond, ""},
		{" 2s ", 2 * time.Second, ""},
		{"1h30m", 90 * time.Minute, ""},
		{"30d", 30 * day, ""},
		{"1.5d", 36 * time.Hour, ""},
		{".5d", 12 * time.Hour, ""},
		{"2w", 14 * day, ""},
		{"106751d", 106751 * day, ""},
		{"2562047h", 2562047 * time.Hour, ""},
		{"106752d", 0, `duration "106752d" is too long (at most 106751d)`},
		{"15251w", 0, `duration "15251w" is too long (at most 106751d)`},
		{"1e300d", 0, `invalid duration "1e300d" (use e.g. 500ms, 2s, 12h, 30d)`},
		{"NaNd", 0, `invalid duration "NaNd" (use e.g. 500ms, 2s, 12h, 30d)`},
		{"Infd", 0, `invalid duration "Infd" (use e.g. 500ms, 2s, 12h, 30d)`},
		{"+Infw", 0, `invalid duration "+Infw" (use e.g. 500ms, 2s, 12h, 30d)`},
		{"0x10d", 0, `invalid duration "0x10d" (use e.g. 500ms, 2s, 12h, 30d)`},
		{"d", 0, `invalid duration "d" (use e.g. 500ms, 2s, 12h, 30d)`},
		{"-1d", 0, `duration "-1d" must not be negative`},
		{"-1s", 0, `duration "-1s" must not be negative`},
		{"3000000h", 0, `duration "3000000h" is too long (at most 106751d)`},
		{"soon", 0, `invalid duration "soon" (use e.g. 500ms, 2s, 12h, 30d)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDuration(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ParseDuration(%q) = %v, %v; want error %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"1048576", 1 << 20, ""},
		{"5MiB", 5 << 20, ""},
		{"512 KB", 512000, ""},
		{"1.5KiB", 1536, ""},
		{"8GiB", 8 << 30, ""},
		{"9223372036854775807", 0, `size "9223372036854775807" is too large`},
		{"9000000000GiB", 0, `size "9000000000GiB" is too large`},
		{"1e30", 0, `invalid size "1e30" (use e.g. 5MiB, 512KB or a byte count)`},
		{"NaN", 0, `invalid size "NaN" (use e.g. 5MiB, 512KB or a byte count)`},
		{"InfMB", 0, `invalid size "InfMB" (use e.g. 5MiB, 512KB or a byte count)`},
		{"-5MiB", 0, `invalid size "-5MiB" (use e.g. 5MiB, 512KB or a byte count)`},
		{"huge", 0, `invalid size "huge" (use e.g. 5MiB, 512KB or a byte count)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseByteSize(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ParseByteSize(%q) = %v, %v; want error %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseByteSize(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

// TestOverflowNeverTurnsNegative is the bug behind the politeness hole: a
// delay of 106752d used to wrap around to a negative duration, which the
// crawler took as no delay at all.
func TestOverflowNeverTurnsNegative(t *testing.T) {
	for _, v := range []string{"106752d", "1e300d", "NaNd", "Infd", "99999999999w"} {
		_, err := Parse(strings.NewReader("crawl: {delay: "+v+"}\n"+minimal), "b.yaml")
		if err == nil {
			t.Errorf("delay: %s validates", v)
		}
	}
	cfg, err := Parse(strings.NewReader("crawl: {delay: 1h}\n"+minimal), "b.yaml")
	if err != nil || cfg.Crawl.Delay.D() != time.Hour {
		t.Errorf("delay: 1h = %v, %v", cfg.Crawl.Delay, err)
	}
}

const minimal = `competitors: [{id: a, url: "https://a.example/"}]
rubric: {categories: [{id: c, weight: 1, criteria: [{signal: site.https, weight: 1, score: {bool: {}}}]}]}
`

// TestLargeButFiniteNumbersAccepted: the bounds are wide; only nonsense is
// refused.
func TestLargeButFiniteNumbersAccepted(t *testing.T) {
	const doc = `competitors: [{id: a, url: "https://a.example/", manual: [{signal: survey.n, value: -1e15, source: s, as_of: 2026-01-01}]}]
crawl: {max_pages: 100000, concurrency: 1000, max_body: 1GiB, delay: 1h, timeout: 1h, retries: 10, max_redirects: 100, max_depth: 1000}
manual_max_age: 106751d
rubric: {categories: [{id: c, weight: 1e15, criteria: [{signal: rating.count, weight: 0.000001, score: {linear: {worst: -1e15, best: 1e15}}}]}]}
`
	if _, err := Parse(strings.NewReader(doc), "b.yaml"); err != nil {
		t.Errorf("wide but finite values are refused:\n%v", err)
	}
}

func TestFileSizeLimit(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(minimal+"# "+strings.Repeat("x", MaxFileSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rubricZero := filepath.Join(dir, "rubric-zero.yaml")
	os.WriteFile(rubricZero, []byte("competitors: [{id: a, url: \"https://a.example/\"}]\nrubric: /dev/zero\n"), 0o644)

	tests := []struct {
		name, path string
		want       []string
	}{
		{"config is /dev/zero", "/dev/zero", []string{"/dev/zero: the file is larger than 4 MiB, the limit for a configuration file; is it the right file?"}},
		{"config over 4 MiB", big, []string{big + ": the file is larger than 4 MiB, the limit for a configuration file; is it the right file?"}},
		{"rubric is /dev/zero", rubricZero, []string{rubricZero + ":2:9: rubric file /dev/zero is larger than 4 MiB, the limit for a configuration file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load = %v, want Problems", err)
			}
			if diff := cmp.Diff(tt.want, strings.Split(ps.Error(), "\n")); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	if data, err := readLimited(strings.NewReader(strings.Repeat("x", MaxFileSize))); err != nil || len(data) != MaxFileSize {
		t.Errorf("a file of exactly 4 MiB is refused: %v", err)
	}
	// Parse bounds what it reads from any reader, however long.
	if _, err := Parse(endless{}, "stdin"); err == nil || !strings.Contains(err.Error(), "larger than 4 MiB") {
		t.Errorf("Parse(endless reader) = %v", err)
	}
}

// endless is a reader that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestEchoIsClipped puts 64 KB of text in every place a message echoes:
// every message stays readable, and says what and where. (Timing on a
// 3 MB key: BenchmarkParseHugeKey.)
func TestEchoIsClipped(t *testing.T) {
	huge := strings.Repeat("a", 64<<10)
	tests := []struct {
		name, doc, wantStart string
	}{
		{"unknown key", "crawl:\n  ? " + huge + "\n  : 1\n" + minimal, `b.yaml:2:5: unknown key "aaaa`},
		{"wrong type", "crawl: {max_pages: " + huge + "}\n" + minimal, `b.yaml:1:20: max_pages must be a whole number, got "aaaa`},
		{"duration", "crawl: {delay: " + huge + "}\n" + minimal, `b.yaml:1:16: delay: invalid duration "aaaa`},
		{"size", "crawl: {max_body: 1" + strings.Repeat("0", 64<<10) + "}\n" + minimal, `b.yaml:1:19: max_body: size "1000`},
		{"competitor id", `competitors: [{id: A` + huge + `, url: "https://a.example/"}]` + "\n" + minimal[strings.Index(minimal, "\n")+1:],
			`b.yaml:1:20: competitor id "Aaaa`},
		{"url", `competitors: [{id: a, url: "ftp://` + huge + `/"}]` + "\n" + minimal[strings.Index(minimal, "\n")+1:],
			`b.yaml:1:28: url: "ftp://aaaa`},
		{"signal", strings.Replace(minimal, "site.https", "x."+huge, 1), `b.yaml:2:62: unknown signal "x.aaaa`},
		{"selector", "signals: [{name: custom.x, type: bool, selector: '" + huge + "[['}]\n" + minimal, `b.yaml:1:50: invalid CSS selector "aaaa`},
		{"regex", "signals: [{name: custom.x, type: bool, regex: '(" + huge + "'}]\n" + minimal, `b.yaml:1:47: invalid regular expression: missing closing ): ` + "`(aaaa"},
		{"date", "competitors: [{id: a, url: \"https://a.example/\", manual: [{signal: s.x, value: 1, source: s, as_of: " + huge + "}]}]\n" + minimal[strings.Index(minimal, "\n")+1:],
			`b.yaml:1:101: as_of: invalid date "aaaa`},
		{"webhook", "alerts: {webhooks: [\"" + huge + "/secret\"], conditions: [{score_move: {by: 5}}]}\n" + minimal, `b.yaml:1:20: webhooks: "aaaa`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.doc), "b.yaml")
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Parse = %v, want Problems", err)
			}
			found := false
			for _, p := range ps {
				s := p.String()
				if len(s) > 300 {
					t.Errorf("a %d-byte message: %.200s…", len(s), s)
				}
				found = found || strings.HasPrefix(s, tt.wantStart)
			}
			if !found {
				t.Errorf("no message starts with %q:\n%.2000s", tt.wantStart, ps.Error())
			}
		})
	}
}

func TestSuggestIgnoresHugeText(t *testing.T) {
	names := []string{"delay", "max_pages", "timeout"}
	if got := Suggest(strings.Repeat("d", 10<<20), names); got != "" {
		t.Errorf("Suggest(10 MB) = %q", got)
	}
	if got := Suggest("dealy", names); got != "delay" {
		t.Errorf("Suggest(dealy) = %q", got)
	}
}

func BenchmarkParseHugeKey(b *testing.B) {
	doc := "crawl:\n  ? " + strings.Repeat("k", 3<<20) + "\n  : 1\n" + minimal
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Parse(strings.NewReader(doc), "b.yaml"); err == nil {
			b.Fatal("a huge unknown key validates")
		}
	}
}

func TestDocuments(t *testing.T) {
	tests := []struct {
		name, doc string
		wantErr   string
	}{
		{"leading ---", "---\n" + minimal, ""},
		{"trailing --- with nothing after", minimal + "---\n", ""},
		{"trailing comment document", minimal + "---\n# the end\n", ""},
		{"document end marker", minimal + "...\n", ""},
		{"second document", minimal + "---\ncrawl: {delay: 0}\n", "b.yaml:3:1: a second YAML document starts here"},
		{"broken second document", minimal + "---\ncrawl: [\n", "b.yaml:4:1: invalid YAML: did not find expected node content"},
		{"third document after an empty one", minimal + "---\n---\ncrawl: {delay: 0}\n", "b.yaml:4:1: a second YAML document starts here"},
		{"third document after a comment", minimal + "---\n# c\n---\ncrawl: {delay: 0}\n", "b.yaml:5:1: a second YAML document starts here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.doc), "b.yaml")
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want %q…", err, tt.wantErr)
			}
		})
	}
}

func TestProblemsArePrintable(t *testing.T) {
	const doc = "crawl: {\"\\e]0;pwned\\a\\e[2J\": 1, user_agent: \"a\\nb\"}\ncompetitors: [{id: a, name: \"\\e[31mRed\", url: \"https://a.example/\\u202e\"}]\n" +
		"rubric: {categories: [{id: c, weight: 1, criteria: [{signal: site.https, weight: 1, score: {bool: {}}}]}]}\n"
	_, err := Parse(strings.NewReader(doc), "b\x1b[2J.yaml")
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Parse = %v", err)
	}
	for _, p := range ps {
		s := p.String()
		if strings.ContainsAny(s, "\x1b\a\n\u202e") {
			t.Errorf("problem carries control characters: %q", s)
		}
	}
	want := `b.yaml:1:9: unknown key "\x1b]0;pwned\a\x1b[2J" in crawl`
	if got := ps[0].String(); got != want {
		t.Errorf("first problem = %s, want %s", got, want)
	}
	if got := (Problem{Pos{"b.yaml", 1, 2}, "value \x1b]0;t\x07x"}).String(); got != "b.yaml:1:2: value x" {
		t.Errorf("Problem.String = %q", got)
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://hooks.slack.com/services/T000/B000/XXXX", "https://hooks.slack.com/…"},
		{"https://hooks.example", "https://hooks.example"},
		{"https://user:pass@hooks.example/x?token=1", "https://hooks.example/…"},
		{"https://hooks.example?token=1", "https://hooks.example/…"},
		{"hooks.example/secret", "hooks.example/…"},
		{"", ""},
		{"https://" + strings.Repeat("h", 200) + "/s", "https://" + strings.Repeat("h", 72) + "…/…"},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%.40q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
