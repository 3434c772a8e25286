package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// TestBadConfigs checks that each rejected configuration produces exactly
// the listed problems, every one of them in a single run.
func TestBadConfigs(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"testdata/alerts.bad.yaml", []string{
			"testdata/alerts.bad.yaml:9:10: history needs dir: (the directory runs are archived in)",
			"testdata/alerts.bad.yaml:9:17: keep must not be negative",
			"testdata/alerts.bad.yaml:9:41: response_tolerance must be between 0 and 1 (a share: 0.25 = 25 %), got 2",
			"testdata/alerts.bad.yaml:11:13: webhooks: \"hooks.example/…\" must be an absolute http:// or https:// URL",
			"testdata/alerts.bad.yaml:12:12: retries must be between 0 and 10, got 20",
			"testdata/alerts.bad.yaml:14:29: unknown category \"polices\" (did you mean \"policies\"?); use overall, policies",
			"testdata/alerts.bad.yaml:15:19: score_move needs by: a move in points, > 0 and ≤ 100",
			"testdata/alerts.bad.yaml:15:51: unknown competitor \"rivl\" (did you mean \"rival\"?); use any, self or a competitor id",
			"testdata/alerts.bad.yaml:16:22: unknown signal \"policy.return_dayz\" (did you mean policy.return_days?)",
			"testdata/alerts.bad.yaml:17:43: below needs a number signal: contact.chat is a bool signal",
			"testdata/alerts.bad.yaml:18:42: when must be any_competitor_exceeds_self or any_competitor_beats_self, got \"whenever\"",
			"testdata/alerts.bad.yaml:19:15: signal condition needs exactly one of when, above or below",
			"testdata/alerts.bad.yaml:21:19: condition has both rank_drop and score_move; keep one (list them as separate conditions)",
			"testdata/alerts.bad.yaml:22:7: condition needs one of rank_drop, score_move or signal",
		}},
		{"testdata/alerts_noself.bad.yaml", []string{
			"testdata/alerts_noself.bad.yaml:9:7: rank_drop watches self's rank: mark one competitor self: true",
			"testdata/alerts_noself.bad.yaml:10:48: when compares competitors with self: mark one competitor self: true",
			"testdata/alerts_noself.bad.yaml:10:89: competitor does not apply with when: (every competitor is compared with self)",
			"testdata/alerts_noself.bad.yaml:11:43: above watches self by default: mark one competitor self: true, or set competitor: any or an id",
			"testdata/alerts_noself.bad.yaml:12:59: competitor: self needs a competitor marked self: true",
			"testdata/alerts_noself.bad.yaml:13:3: unknown key \"condition\" in alerts (did you mean \"conditions\"?)",
		}},
		{"testdata/aliases.bad.yaml", []string{
			"testdata/aliases.bad.yaml:3:1: the document expands to more than 1048576 values through its aliases (*name); write the repeated parts out",
		}},
		{"testdata/crawl_bounds.bad.yaml", []string{
			`testdata/crawl_bounds.bad.yaml:1:26: max_crawl_delay: duration "-1s" must not be negative`,
			`testdata/crawl_bounds.bad.yaml:1:47: max_retry_wait: duration "-5s" must not be negative`,
			`testdata/crawl_bounds.bad.yaml:1:62: max_time: duration "-1m" must not be negative`,
		}},
		{"testdata/custom_signals.bad.yaml", []string{
			"testdata/custom_signals.bad.yaml:5:42: policy.return_days is a number signal; an override must have type: number",
			"testdata/custom_signals.bad.yaml:7:47: invalid CSS selector \"div[[\": expected identifier, found [ instead",
			"testdata/custom_signals.bad.yaml:8:47: invalid regular expression: missing closing ): `(?P<x>[0-9]+`",
			"testdata/custom_signals.bad.yaml:9:12: custom signal \"rating.value\" would replace a built-in for everyone; override it per competitor under competitors[].signals, or choose another name",
			"testdata/custom_signals.bad.yaml:10:5: custom signal \"custom.both\" needs exactly one of selector, regex or phrase",
			"testdata/custom_signals.bad.yaml:11:33: type \"colour\" must be number, bool or string",
			"testdata/custom_signals.bad.yaml:11:63: unknown page kind \"retruns\" (did you mean \"returns\"?); kinds are home, returns, shipping, warranty, contact, faq, privacy, accessibility, sustainability, loyalty, pricing, reviews, product, terms, other",
			"testdata/custom_signals.bad.yaml:12:32: a phrase signal is found or not: its type must be bool",
		}},
		{"testdata/duplicates.bad.yaml", []string{
			"testdata/duplicates.bad.yaml:3:10: duplicate competitor id \"acme\" (first at line 2)",
			"testdata/duplicates.bad.yaml:3:53: only one competitor can be self: true (\"acme\" already is)",
			"testdata/duplicates.bad.yaml:10:11: duplicate category id \"reputation\" (first at line 6)",
			"testdata/duplicates.bad.yaml:13:20: duplicate criterion id \"rating.value\" (first at line 9); give one an id:",
		}},
		{"testdata/durations.bad.yaml", []string{
			`testdata/durations.bad.yaml:2:10: delay: duration "106752d" is too long (at most 106751d)`,
			`testdata/durations.bad.yaml:3:12: timeout: invalid duration "Infd" (use e.g. 500ms, 2s, 12h, 30d)`,
			`testdata/durations.bad.yaml:4:13: max_body: size "9000000000GiB" is too large`,
			`testdata/durations.bad.yaml:5:17: manual_max_age: invalid duration "NaNd" (use e.g. 500ms, 2s, 12h, 30d)`,
			`testdata/durations.bad.yaml:8:31: max_age: invalid duration "1e300d" (use e.g. 500ms, 2s, 12h, 30d)`,
			`testdata/durations.bad.yaml:11:12: timeout: duration "3000000h" is too long (at most 106751d)`,
		}},
		{"testdata/empty.bad.yaml", []string{
			"testdata/empty.bad.yaml:1:1: the file is empty",
		}},
		{"testdata/function_type.bad.yaml", []string{
			"testdata/function_type.bad.yaml:10:19: linear does not fit contact.phone, a bool signal (use bool)",
			"testdata/function_type.bad.yaml:13:19: bool does not fit policy.return_days, a number signal (use linear, log, bands, relative, bayesian or target)",
		}},
		{"testdata/manual.bad.yaml", []string{
			"testdata/manual.bad.yaml:5:39: rating.value is a number signal, but this value is a string",
			"testdata/manual.bad.yaml:6:9: manual signal \"survey.nps\" needs a source (where the figure comes from)",
			"testdata/manual.bad.yaml:6:9: manual signal \"survey.nps\" needs as_of: YYYY-MM-DD",
			"testdata/manual.bad.yaml:7:66: as_of: invalid date \"last week\" (use YYYY-MM-DD)",
		}},
		{"testdata/missing_sections.bad.yaml", []string{
			"testdata/missing_sections.bad.yaml:1:1: no competitors: list at least one under competitors:",
			"testdata/missing_sections.bad.yaml:1:1: no rubric: add rubric: with at least one category, or name a rubric file",
		}},
		{"testdata/numbers.bad.yaml", []string{
			`testdata/numbers.bad.yaml:5:37: value must be a finite number between -1e15 and 1e15, got ".nan"`,
			`testdata/numbers.bad.yaml:6:38: value must be a finite number between -1e15 and 1e15, got "-.inf"`,
			`testdata/numbers.bad.yaml:7:37: value must be a finite number between -1e15 and 1e15, got "1e300"`,
			`testdata/numbers.bad.yaml:9:17: min_coverage must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:12:15: weight must be a finite number, got ".inf"`,
			`testdata/numbers.bad.yaml:15:19: weight must be a finite number, got ".NaN"`,
			`testdata/numbers.bad.yaml:16:35: worst must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:18:19: weight must be between -1e15 and 1e15, got "1e300"`,
			`testdata/numbers.bad.yaml:19:41: best must be a finite number, got ".inf"`,
			`testdata/numbers.bad.yaml:22:34: goal must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:25:41: min must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:25:76: score must be a finite number, got ".inf"`,
			`testdata/numbers.bad.yaml:25:90: else must be a finite number, got "-.inf"`,
			`testdata/numbers.bad.yaml:28:32: true must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:32:42: prior_mean must be a finite number, got ".inf"`,
			`testdata/numbers.bad.yaml:32:61: prior_count must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:33:42: response_tolerance must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:37:24: by must be a finite number, got ".nan"`,
			`testdata/numbers.bad.yaml:38:43: below must be a finite number, got "-.inf"`,
		}},
		{"testdata/parameters.bad.yaml", []string{
			"testdata/parameters.bad.yaml:4:17: min_coverage must be between 0 and 1 (a share of the rubric weight), got 1.5",
			"testdata/parameters.bad.yaml:11:44: worst and best must differ (both are 4)",
			"testdata/parameters.bad.yaml:18:25: bands must be in ascending order of min: 14 comes after 30",
			"testdata/parameters.bad.yaml:21:32: log: worst must be > 0 (the scale is logarithmic)",
			"testdata/parameters.bad.yaml:24:44: target: goal and worst must differ (both are 4)",
			"testdata/parameters.bad.yaml:27:49: score has both linear and bands; keep one",
			"testdata/parameters.bad.yaml:30:32: true must be a score from 0 to 100, got 120",
			"testdata/parameters.bad.yaml:34:29: bayesian needs prior_count (how many reviews the prior is worth)",
			"testdata/parameters.bad.yaml:37:38: relative: better must be higher or lower, got \"more\"",
		}},
		{"testdata/ranges.bad.yaml", []string{
			"testdata/ranges.bad.yaml:2:10: delay must be at most 1h (the gap between two requests to one host), got 2h",
			"testdata/ranges.bad.yaml:3:12: timeout must be at most 1h (per request), got 1d",
			"testdata/ranges.bad.yaml:4:13: max_body must be at most 1GiB (a page is held in memory), got 2147483648 bytes",
			`testdata/ranges.bad.yaml:5:14: max_pages is too large, got "99999999999999999999"`,
			"testdata/ranges.bad.yaml:6:14: max_depth must be at most 1000, got 5000",
			"testdata/ranges.bad.yaml:7:16: concurrency must be at most 1000, got 1000000",
			"testdata/ranges.bad.yaml:8:12: retries must be at most 10, got 11",
			`testdata/ranges.bad.yaml:9:18: max_redirects must be a whole number, got "-.inf"`,
			`testdata/ranges.bad.yaml:10:17: manual_max_age: duration "-2w" must not be negative`,
		}},
		{"testdata/rubric_file_bad.bad.yaml", []string{
			"testdata/rubric_file_bad.bad.yaml:3:46: unknown key \"colour\" in competitors",
			"testdata/rubrics/broken.yaml:6:17: unknown signal \"policy.retrun_days\" (did you mean policy.return_days?)",
		}},
		{"testdata/rubric_file_missing.bad.yaml", []string{
			"testdata/rubric_file_missing.bad.yaml:3:9: reading rubric file rubrics/nowhere.yaml: no such file or directory",
		}},
		{"testdata/second_document.bad.yaml", []string{
			"testdata/second_document.bad.yaml:6:1: a second YAML document starts here (after ---); a configuration is one document: remove the --- or move what follows into the first",
		}},
		{"testdata/syntax.bad.yaml", []string{
			"testdata/syntax.bad.yaml:3:1: invalid YAML: found unexpected end of stream",
		}},
		{"testdata/types.bad.yaml", []string{
			"testdata/types.bad.yaml:2:14: max_pages must be a whole number, got \"forty\"",
			"testdata/types.bad.yaml:3:10: delay: invalid duration \"soon\" (use e.g. 500ms, 2s, 12h, 30d)",
			"testdata/types.bad.yaml:4:13: max_body: invalid size \"huge\" (use e.g. 5MiB, 512KB or a byte count)",
			"testdata/types.bad.yaml:5:18: ignore_robots must be true or false, got \"no\"",
			"testdata/types.bad.yaml:6:18: allowed_hosts must be a list, got \"shop.example\"",
			"testdata/types.bad.yaml:8:9: competitor id \"Acme Shop\" must use only a-z, 0-9 and -",
			"testdata/types.bad.yaml:9:10: url: \"acme.example\" must be an absolute http:// or https:// URL",
			"testdata/types.bad.yaml:10:14: reviews: \"ftp://reviews.example/acme\" must be an absolute http:// or https:// URL",
			"testdata/types.bad.yaml:14:15: weight must be a number, got \"heavy\"",
		}},
		{"testdata/unknown_key.bad.yaml", []string{
			"testdata/unknown_key.bad.yaml:3:3: unknown key \"dealy\" in crawl (did you mean \"delay\"?)",
		}},
		{"testdata/unknown_signal.bad.yaml", []string{
			"testdata/unknown_signal.bad.yaml:8:19: unknown signal \"rating.valeu\" (did you mean rating.value?)",
			"testdata/unknown_signal.bad.yaml:11:19: unknown signal \"policy.return_day\" (did you mean policy.return_days?)",
		}},
		{"testdata/weights.bad.yaml", []string{
			"testdata/weights.bad.yaml:4:12: missing must be skip or zero, got \"ignore\"",
			"testdata/weights.bad.yaml:7:15: weight must be > 0, got 0",
			"testdata/weights.bad.yaml:10:19: weight must be > 0, got -2",
			"testdata/weights.bad.yaml:12:11: weight is required (a positive number; weights are relative)",
		}},
	}
	files, err := filepath.Glob("testdata/*.bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(tests) {
		t.Errorf("%d bad configs in testdata, %d in the table: add the new file's messages", len(files), len(tests))
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			_, err := Load(tt.file)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load(%s) = %v, want Problems", tt.file, err)
			}
			if diff := cmp.Diff(tt.want, strings.Split(ps.Error(), "\n")); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTemplateIsValid(t *testing.T) {
	cfg, err := Load("../benchmarks.yaml")
	if err != nil {
		t.Fatalf("the benchmarks.yaml template must validate:\n%v", err)
	}
	used := map[string]bool{}
	for _, cat := range cfg.Rubric.Categories {
		for _, cr := range cat.Criteria {
			used[cr.Signal] = true
		}
	}
	for _, s := range signal.Builtins() {
		if !used[s.Name] {
			t.Errorf("the default rubric does not use the built-in signal %s", s.Name)
		}
	}
	if cfg.Crawl.Delay.D() != time.Second || cfg.Crawl.Retries != 2 {
		t.Errorf("crawl = %+v, want delay 1s, retries 2", cfg.Crawl)
	}
	if got := cfg.Crawl.MaxBody; got != 5<<20 {
		t.Errorf("max_body = %d, want 5 MiB", got)
	}
}

func TestDefaultsOnlyWhenAbsent(t *testing.T) {
	const base = `
competitors: [{id: a, url: "https://a.example/"}]
rubric: {categories: [{id: c, weight: 1, criteria: [{signal: site.https, weight: 1, score: {bool: {}}}]}]}
`
	tests := []struct {
		name        string
		crawl       string
		wantDelay   time.Duration
		wantRetries int
	}{
		{"absent", "", time.Second, 2},
		{"zero", "crawl: {delay: 0, retries: 0}\n", 0, 0},
		{"set", "crawl: {delay: 250ms, retries: 5}\n", 250 * time.Millisecond, 5},
		{"days", "crawl: {delay: 0.02d}\n", 1728 * time.Second, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse(strings.NewReader(tt.crawl+base), "b.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Crawl.Delay.D() != tt.wantDelay || cfg.Crawl.Retries != tt.wantRetries {
				t.Errorf("delay %v retries %d, want %v %d", cfg.Crawl.Delay.D(), cfg.Crawl.Retries, tt.wantDelay, tt.wantRetries)
			}
			d := cfg.Crawl.WithDefaults()
			if d.MaxPages != DefaultMaxPages || d.Concurrency != DefaultConcurrency || d.UserAgent != DefaultUserAgent() {
				t.Errorf("WithDefaults = %+v", d)
			}
		})
	}
}

func TestRubricFile(t *testing.T) {
	cfg, err := Load("testdata/rubric_file.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Rubric.Name != "Retail rubric" || cfg.Rubric.File != filepath.Join("testdata", "rubrics", "retail.yaml") {
		t.Errorf("rubric = %q from %q", cfg.Rubric.Name, cfg.Rubric.File)
	}
	if got := cfg.Rubric.Categories[0].Criteria[0].At("signal").String(); got != "testdata/rubrics/retail.yaml:6:17" {
		t.Errorf("criterion position = %s", got)
	}
	// The config hash covers the rubric file too.
	main, _ := os.ReadFile("testdata/rubric_file.yaml")
	if cfg.Hash == Hash(main) {
		t.Error("config hash ignores the rubric file")
	}
}

func TestParseRubric(t *testing.T) {
	data, err := os.ReadFile("testdata/rubrics/broken.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseRubric(bytes.NewReader(data), "broken.yaml", nil)
	want := `broken.yaml:6:17: unknown signal "policy.retrun_days" (did you mean policy.return_days?)`
	if err == nil || err.Error() != want {
		t.Errorf("ParseRubric error = %v, want %s", err, want)
	}
}

func TestCustomSignalsCompiled(t *testing.T) {
	const doc = `
competitors:
  - id: a
    url: "https://a.example/"
    signals:
      - {name: policy.return_days, type: number, selector: "#returns .days", attr: data-days}
signals:
  - {name: custom.gift, type: bool, phrase: gift wrap}
  - {name: custom.price, type: number, regex: 'from \$([0-9.]+)', kinds: [pricing]}
rubric: {categories: [{id: c, weight: 1, criteria: [{signal: custom.gift, weight: 1, score: {bool: {}}}]}]}
`
	cfg, err := Parse(strings.NewReader(doc), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Signals[1].CompiledRegex == nil || cfg.Competitors[0].Signals[0].CompiledSelector == nil {
		t.Error("selectors and regexes are not compiled by validation")
	}
}

func TestManualSignals(t *testing.T) {
	const doc = `
manual_max_age: 90d
competitors:
  - id: a
    url: "https://a.example/"
    manual:
      - {signal: survey.nps, value: 41, source: "Q3 survey", as_of: 2026-09-30}
      - {signal: contact.chat, value: true, source: "mystery shopper", as_of: 2026-01-10}
rubric: {categories: [{id: c, weight: 1, criteria: [{signal: survey.nps, weight: 1, score: {linear: {worst: 0, best: 100}}}]}]}
`
	cfg, err := Parse(strings.NewReader(doc), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	crawled := signal.Signal{Value: signal.Bool(false), Evidence: []signal.Evidence{{URL: "https://a.example/", Method: signal.MethodWidget}}}
	legacy := signal.Signal{Value: signal.Number(7), Manual: true, Source: "old config", AsOf: "2025-01-01"}
	f := &signal.File{Competitors: []signal.Competitor{
		{ID: "a", Signals: map[string]signal.Signal{signal.ContactChat: crawled, "survey.csat": legacy, signal.SiteHTTPS: {Value: signal.Bool(true)}}},
		{ID: "b", Signals: map[string]signal.Signal{signal.ContactChat: crawled}},
	}}
	eff := cfg.WithManual(f, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	want := map[string]signal.Signal{
		"survey.nps": {Value: signal.Number(41), Manual: true, Source: "Q3 survey", AsOf: "2026-09-30",
			Evidence: []signal.Evidence{{Snippet: "Q3 survey (as of 2026-09-30)", Method: signal.MethodManual}}},
		signal.ContactChat: {Value: signal.Bool(true), Manual: true, Source: "mystery shopper", AsOf: "2026-01-10", Stale: true,
			Evidence: []signal.Evidence{{Snippet: "mystery shopper (as of 2026-01-10)", Method: signal.MethodManual}}},
		signal.SiteHTTPS: {Value: signal.Bool(true)},
	}
	values := cmp.Comparer(func(a, b signal.Value) bool { return a.Equal(b) })
	if diff := cmp.Diff(want, eff.Competitors[0].Signals, values); diff != "" {
		t.Errorf("signals as scored (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]signal.Signal{signal.ContactChat: crawled}, eff.Competitors[1].Signals, values); diff != "" {
		t.Errorf("a competitor without manual signals (-want +got):\n%s", diff)
	}
	// The crawled file is untouched: signals.json keeps what was crawled.
	if got := f.Competitors[0].Signals[signal.ContactChat]; !got.Value.Equal(signal.Bool(false)) || got.Manual {
		t.Errorf("WithManual changed the crawled file: contact.chat = %+v", got)
	}
	if _, ok := f.Competitors[0].Signals["survey.nps"]; ok {
		t.Error("WithManual added to the crawled file")
	}
}

func TestSuggest(t *testing.T) {
	names := signal.Names()
	tests := []struct{ in, want string }{
		{"rating.valeu", "rating.value"},
		{"policy.returns_days", "policy.return_days"},
		{"contact.fone", "contact.phone"},
		{"totally.unrelated.thing", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, names); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
