package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/abadojack/whatlanggo"
	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/internal/corpus"
	"github.com/pemistahl/lingua-go"
)

// langEval compares the document model's language decision (html lang,
// Content-Language, a stop-word check) with two maintained detectors on
// every page whose language a truth file labels.
func langEval(root string) {
	codes := map[lingua.Language]string{lingua.German: "de", lingua.French: "fr", lingua.Spanish: "es",
		lingua.Italian: "it", lingua.Dutch: "nl", lingua.English: "en"}
	var langs []lingua.Language
	for l := range codes {
		langs = append(langs, l)
	}
	detector := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).Build()
	type tally struct {
		right, total int
		spent        time.Duration
	}
	results := map[string]*tally{"document model": {}, "whatlanggo v1.0.1 (main text)": {}, "lingua-go v1.4.0 (main text, 6 languages)": {}}
	for _, set := range corpus.Sets {
		set.Dir = filepath.Join(root, set.Dir)
		sites, err := corpus.Load(set)
		if err != nil {
			panic(err)
		}
		for _, s := range sites {
			for _, p := range s.Pages {
				want, ok := s.Truth.Languages[p.File]
				if !ok {
					continue
				}
				doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(p.Body)))
				if err != nil {
					continue
				}
				start := time.Now()
				d := document.Parse(doc.Nodes, document.Options{})
				results["document model"].spent += time.Since(start)
				text := d.MainText()
				check := func(name, got string, spent time.Duration) {
					t := results[name]
					t.total++
					t.spent += spent
					if got == want {
						t.right++
					}
				}
				check("document model", d.Lang, 0)
				start = time.Now()
				info := whatlanggo.Detect(text)
				check("whatlanggo v1.0.1 (main text)", info.Lang.Iso6391(), time.Since(start))
				start = time.Now()
				got := ""
				if l, ok := detector.DetectLanguageOf(text); ok {
					got = codes[l]
				}
				check("lingua-go v1.4.0 (main text, 6 languages)", got, time.Since(start))
			}
		}
	}
	fmt.Printf("\n| language of a page | right | time / page |\n|---|---|---|\n")
	for _, name := range []string{"document model", "whatlanggo v1.0.1 (main text)", "lingua-go v1.4.0 (main text, 6 languages)"} {
		t := results[name]
		fmt.Printf("| %s | %d/%d | %s |\n", name, t.right, t.total, (t.spent / time.Duration(max(1, t.total))).Round(time.Microsecond))
	}
}
