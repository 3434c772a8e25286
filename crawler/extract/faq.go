package extract

import (
	"strings"

	"github.com/cxbench/cxbench/crawler/extract/document"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFAQAnswers bounds the structured-data answers added to one page.
const maxFAQAnswers = 200

// addFAQAnswers adds to doc the questions and answers of the page's
// FAQPage structured data (mainEntity Question, acceptedAnswer) that the
// page does not show as text: a page may carry its FAQ only in JSON-LD.
func addFAQAnswers(doc *document.Document, set *itemSet) {
	added := 0
	for _, page := range set.all {
		if !page.is("faqpage", "qapage") {
			continue
		}
		for _, v := range page.props["mainentity"] {
			q := set.resolve(v)
			if q == nil || added >= maxFAQAnswers {
				continue
			}
			question := q.text("name")
			if question == "" {
				question = q.text("text")
			}
			for _, prop := range []string{"acceptedanswer", "suggestedanswer"} {
				for _, av := range q.props[prop] {
					a := set.resolve(av)
					if a == nil {
						continue
					}
					if doc.AddAnswer(question, markupText(a.text("text"))) {
						added++
					}
				}
			}
		}
	}
}

// markupText is the text of an answer that may hold HTML ("<p>Yes, on
// orders over $25.</p>").
func markupText(s string) string {
	if !strings.ContainsRune(s, '<') {
		return s
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return s
	}
	return strings.ReplaceAll(document.VisibleText(nodes, 16<<10), "\n", " ")
}

// blockHashes returns the distinct hashes of a page's visible blocks.
func blockHashes(doc *document.Document) []uint64 {
	seen := make(map[uint64]bool, len(doc.Blocks))
	out := make([]uint64, 0, len(doc.Blocks))
	for i := range doc.Blocks {
		h := doc.Blocks[i].Hash
		if !seen[h] && doc.Blocks[i].Source == "" {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
