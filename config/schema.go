package config

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
	"go.yaml.in/yaml/v3"
)

// SchemaID is where editors may fetch the schema; the template points at
// the committed copy in the repository instead.
const SchemaID = "https://github.com/cxbench/cxbench/schema/benchmarks.schema.json"

// descriptions are shown by editors while people edit benchmarks.yaml.
var descriptions = map[string]string{
	"Config.crawl":               "How politely and how far to crawl each competitor.",
	"Config.competitors":         "The companies to benchmark; mark your own with self: true.",
	"Config.signals":             "Custom signals, found by CSS selector, regular expression or phrase.",
	"Config.manual_max_age":      "Manual signals older than this (e.g. 180d) are flagged as stale.",
	"Config.rubric":              "The scoring rubric, inline, or the path of a rubric file.",
	"Crawl.max_pages":            "Page budget per competitor (default 40).",
	"Crawl.max_depth":            "Clicks away from a start page (default 5).",
	"Crawl.delay":                "Minimum gap between two requests to one host (default 1s); robots.txt Crawl-delay wins when larger.",
	"Crawl.concurrency":          "Competitors (hosts) crawled at once (default 8).",
	"Crawl.user_agent":           "User agent (default: cxbench/<version> (+project URL)).",
	"Crawl.timeout":              "Per-request timeout (default 15s).",
	"Crawl.max_body":             "Largest page read (default 5MiB); larger pages are truncated and the truncation recorded.",
	"Crawl.retries":              "Retries for 429/503 (honouring Retry-After) and network errors (default 2).",
	"Crawl.max_redirects":        "Redirects followed per request (default 10).",
	"Crawl.ignore_robots":        "Do not honour robots.txt (default false). Only for sites you own.",
	"Crawl.no_sitemaps":          "Do not use sitemap.xml for discovery (default false).",
	"Crawl.allowed_hosts":        "Extra hosts every competitor's crawl may enter.",
	"Crawl.max_crawl_delay":      "Cap on a robots.txt Crawl-delay (default 60s); a longer one is cut to it.",
	"Crawl.max_retry_wait":       "Longest Retry-After waited for (default 60s); a longer one stops requests to that host for the run.",
	"Crawl.max_time":             "Time limit of one competitor's crawl (default 10m); what was fetched is kept and the cut recorded.",
	"Competitor.id":              "Unique id, [a-z0-9-]+.",
	"Competitor.name":            "Display name (default: the id).",
	"Competitor.url":             "Where the crawl starts (absolute http(s) URL).",
	"Competitor.self":            "This is our company: highlighted and compared with the field.",
	"Competitor.pages":           "Extra start pages: paths such as /returns or absolute URLs.",
	"Competitor.reviews":         "Third-party review pages (any host), fetched under the same politeness.",
	"Competitor.allowed_hosts":   "Extra hosts this competitor's crawl may enter (e.g. its help centre).",
	"Competitor.signals":         "Custom signals for this competitor only; may override a built-in.",
	"Competitor.manual":          "Facts a crawler cannot see (survey scores, mystery-shopper timings).",
	"CustomSignal.name":          "Signal name, lowercase words joined by dots (custom.gift_wrap).",
	"CustomSignal.type":          "number, bool or string.",
	"CustomSignal.selector":      "CSS selector; the first match's text (or attr) is the value.",
	"CustomSignal.attr":          "With selector: read this attribute instead of the text.",
	"CustomSignal.regex":         "Regular expression over the visible text; the first group (or the match) is the value.",
	"CustomSignal.phrase":        "Case-insensitive phrase; found = true.",
	"CustomSignal.kinds":         "Only look at pages of these kinds (returns, shipping, faq, ...).",
	"Manual.signal":              "Signal name (built-in, custom, or a new one such as survey.nps).",
	"Manual.value":               "A number, true/false or text.",
	"Manual.source":              "Where the figure comes from.",
	"Manual.as_of":               "Date of the figure, YYYY-MM-DD.",
	"Rubric.missing":             "skip (default: left out, coverage drops) or zero.",
	"Rubric.min_coverage":        "Competitors with less coverage (share of weight with data, 0-1) are flagged.",
	"Category.weight":            "Relative weight (> 0); weights need not add up to 100.",
	"Criterion.signal":           "The signal scored.",
	"Criterion.weight":           "Relative weight within the category (> 0).",
	"Criterion.missing":          "skip or zero; default: the rubric's.",
	"Criterion.score":            "Exactly one scoring function.",
	"ScoreFunc.bool":             "Scores for true (default 100) and false (default 0).",
	"ScoreFunc.linear":           "worst scores 0, best 100, linear between (lower is better when worst > best).",
	"ScoreFunc.log":              "Like linear on a log10 scale, for counts such as reviews.",
	"ScoreFunc.bands":            "Ordered thresholds: min (value at least) or max (value at most) with a score each.",
	"ScoreFunc.relative":         "Placed between the worst (0) and best (100) competitor of the run.",
	"ScoreFunc.bayesian":         "A rating shrunk toward prior_mean by its review count, then linear worst → best.",
	"ScoreFunc.target":           "100 at or beyond goal, falling linearly to 0 at worst.",
	"BayesianFunc.count_signal":  "Signal holding the review count (default rating.count).",
	"BayesianFunc.prior_count":   "How many reviews the prior is worth.",
	"RelativeFunc.better":        "higher (default) or lower.",
	"BandsFunc.else":             "Score when no band matches (default 0).",
	"TargetFunc.goal":            "The value that scores 100.",
	"TargetFunc.worst":           "The value that scores 0.",
	"Category.criteria":          "The criteria of this category.",
	"Rubric.categories":          "Weighted categories of criteria.",
	"Criterion.id":               "Unique id (default: the signal name).",
	"Criterion.description":      "Rationale shown in reports.",
	"Category.description":       "Shown in reports.",
	"Rubric.name":                "Shown in reports.",
	"Rubric.description":         "Shown in reports.",
	"CustomSignal.description":   "Shown in reports.",
	"Category.id":                "Unique id, [a-z0-9_-]+.",
	"Category.name":              "Display name.",
	"Criterion.name":             "Display name.",
	"Band.min":                   "The band applies when the value is at least this.",
	"Band.max":                   "The band applies when the value is at most this.",
	"Band.score":                 "Score 0-100.",
	"BoolFunc.true":              "Score when true (default 100).",
	"BoolFunc.false":             "Score when false (default 0).",
	"LinearFunc.worst":           "Value scoring 0.",
	"LinearFunc.best":            "Value scoring 100.",
	"BayesianFunc.prior_mean":    "Rating that few reviews are pulled toward.",
	"LogFunc.worst":              "Value scoring 0 (> 0).",
	"LogFunc.best":               "Value scoring 100 (> 0).",
	"BayesianFunc.worst":         "Shrunk rating scoring 0.",
	"BayesianFunc.best":          "Shrunk rating scoring 100.",
	"Config.history":             "Archive every run, for trends, change detection and alerts.",
	"Config.alerts":              "Webhooks told when a declared condition holds after a run.",
	"History.dir":                "Directory the runs are archived in, relative to this file.",
	"History.keep":               "Number of newest runs kept (0: no limit).",
	"History.max_age":            "Runs older than this (e.g. 90d) are removed; the newest run is always kept.",
	"History.response_tolerance": "Relative move of response times ignored as noise (default 0.25).",
	"History.count_tolerance":    "Relative move of counts such as rating.count ignored as noise (default 0.10).",
	"Alerts.webhooks":            "URLs receiving a JSON POST with a text field (Slack, Teams, Mattermost...).",
	"Alerts.retries":             "Retries of a failed delivery, with exponential backoff (default 3).",
	"Alerts.timeout":             "Timeout per delivery attempt (default 10s).",
	"Alerts.conditions":          "An alert is sent when at least one condition holds.",
	"AlertCondition.rank_drop":   "Self's rank in a category (or overall) got worse.",
	"AlertCondition.score_move":  "A competitor's category (or overall) score moved by more than by points.",
	"AlertCondition.signal":      "A signal crossed a threshold, or a competitor overtook self on it.",
	"RankDrop.category":          "overall (default) or a category id.",
	"RankDrop.by":                "Places dropped (default 1).",
	"ScoreMove.category":         "overall (default) or a category id.",
	"ScoreMove.by":               "Move in points that triggers the alert (> 0).",
	"ScoreMove.competitor":       "any (default), self or a competitor id.",
	"SignalAlert.name":           "The signal watched.",
	"SignalAlert.when":           "any_competitor_exceeds_self (higher value) or any_competitor_beats_self (better by the signal's direction).",
	"SignalAlert.above":          "Holds when the value rises above this.",
	"SignalAlert.below":          "Holds when the value falls below this.",
	"SignalAlert.competitor":     "With above/below: self (default), any or a competitor id.",
}

var required = map[string][]string{
	"Competitor":   {"id", "url"},
	"CustomSignal": {"name", "type"},
	"Manual":       {"signal", "value", "source", "as_of"},
	"Category":     {"id", "weight", "criteria"},
	"Criterion":    {"signal", "weight", "score"},
	"Band":         {"score"},
	"History":      {"dir"},
	"Alerts":       {"webhooks", "conditions"},
	"ScoreMove":    {"by"},
	"SignalAlert":  {"name"},
}

// Schema returns the JSON Schema (draft-07) of benchmarks.yaml, generated
// from the Go types, for editors (yaml-language-server).
func Schema() ([]byte, error) {
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true,
		DoNotReference:             true,
		ExpandedStruct:             true,
		Mapper:                     schemaFor,
	}
	s := r.Reflect(&Config{})
	s.Version = "http://json-schema.org/draft-07/schema#"
	s.ID = SchemaID
	s.Title = "cxbench benchmarks.yaml"
	annotate(s, reflect.TypeFor[Config]())
	// rubric: inline, or the path of a rubric file.
	if p, ok := s.Properties.Get("rubric"); ok {
		inline := *p
		inline.Description = ""
		s.Properties.Set("rubric", &jsonschema.Schema{
			Description: p.Description,
			OneOf:       []*jsonschema.Schema{&inline, {Type: "string", Description: "Path of a rubric file, relative to this file."}},
		})
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(typeList(data), '\n'), nil
}

func schemaFor(t reflect.Type) *jsonschema.Schema {
	switch t {
	case reflect.TypeFor[Duration]():
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
			{Type: "integer", Enum: []any{0}},
			{Type: "string", Pattern: `^([0-9.]+(ns|us|µs|ms|s|m|h|d|w))+$`, Examples: []any{"1s", "250ms", "30d"}},
		}}
	case reflect.TypeFor[ByteSize]():
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{{Type: "integer", Minimum: "0"}, {Type: "string", Pattern: `^[0-9.]+ ?(B|KB|KiB|MB|MiB|GB|GiB)?$`}}}
	case reflect.TypeFor[Date]():
		return &jsonschema.Schema{Type: "string", Format: "date"}
	case reflect.TypeFor[yaml.Node]():
		return &jsonschema.Schema{Type: "number, boolean, string"}
	case reflect.TypeFor[MissingPolicy]():
		return &jsonschema.Schema{Type: "string", Enum: []any{"skip", "zero"}}
	}
	return nil
}

// annotate adds descriptions, required keys and numeric bounds to the
// schema of t, recursively.
func annotate(s *jsonschema.Schema, t reflect.Type) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice && s.Items != nil {
			s = s.Items
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || s.Properties == nil {
		return
	}
	s.Required = required[t.Name()]
	keys, _ := yamlKeys(t)
	for pair := s.Properties.Oldest(); pair != nil; pair = pair.Next() {
		if d := descriptions[t.Name()+"."+pair.Key]; d != "" {
			pair.Value.Description = d
		}
		if pair.Key == "weight" {
			pair.Value.ExclusiveMinimum = "0"
		}
		if idx, ok := keys[pair.Key]; ok {
			annotate(pair.Value, t.Field(idx).Type)
		}
	}
}

// typeList turns the mapper's "number, boolean, string" shorthand into a
// proper JSON Schema type list.
func typeList(data []byte) []byte {
	return []byte(strings.ReplaceAll(string(data), `"type": "number, boolean, string"`, `"type": ["number", "boolean", "string"]`))
}
