package policytext

import (
	"strings"

	"github.com/cxbench/cxbench/signal"

	"github.com/cxbench/cxbench/crawler/extract/document"
	"golang.org/x/net/html"
)

// textDoc builds a document from test input: HTML when it starts with
// "<", else one paragraph per line (no structure at all).
func textDoc(text string) *document.Document {
	if strings.HasPrefix(strings.TrimSpace(text), "<") {
		root, err := html.Parse(strings.NewReader(text))
		if err != nil {
			panic(err)
		}
		return document.Parse([]*html.Node{root}, document.Options{})
	}
	var b strings.Builder
	b.WriteString("<body>")
	for _, line := range strings.Split(text, "\n") {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(line))
		b.WriteString("</p>")
	}
	root, err := html.Parse(strings.NewReader(b.String()))
	if err != nil {
		panic(err)
	}
	return document.Parse([]*html.Node{root}, document.Options{})
}

// extractText extracts and settles the findings of one page of test
// input: the main content's, and the chrome's for signals the main content
// says nothing about.
func extractText(text, kind string) []Candidate {
	var main, chrome []Candidate
	for _, c := range Extract(textDoc(text), kind) {
		if c.Chrome {
			chrome = append(chrome, c)
		} else {
			main = append(main, c)
		}
	}
	out := Settle(main)
	have := map[string]bool{}
	for _, c := range out {
		have[c.Signal] = true
	}
	for _, c := range Settle(chrome) {
		if !have[c.Signal] && !(c.Signal == signal.PolicyFreeShippingThreshold && have[signal.PolicyFreeShipping]) {
			out = append(out, c)
		}
	}
	return out
}
