package policytext

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/crawler/extract/lang"
)

// sentence is one sentence of a page, read in its block's context: the
// headings it stands under, the question it answers, and for a table cell
// or a definition its headers or term (as a "label: value" pair).
type sentence struct {
	orig string // as written, for the snippet
	low  string // normalised, lower case, for matching
	// head is the normalised innermost heading the sentence stands under;
	// heads are all its headings but the page's title (h1), innermost
	// last: a section heading decides whether a window is special
	// ("Sale items"), not a menu item elsewhere on the page.
	head  string
	heads []string
	prev  string // normalised previous sentence of the same region ("Found it cheaper? We'll match it.")
	// label is, for a label/value pair, the length of the label part of
	// low (with its ": "); 0 otherwise.
	label int
	// question: the sentence ends with "?". A question is never evidence
	// by itself; the answer decides (see answer in policytext.go).
	question bool
	// ctx is, for a table cell, the normalised column header; for a
	// definition, its term: a value cell is read with its header
	// ("Initial response" ... "15 minutes").
	ctx string
	// q is the normalised question the sentence's block answers; first
	// marks the first sentence of that block (where "Yes, ..." stands).
	q     string
	qOrig string
	first bool
	// title is the page's normalised main heading (h1).
	title string
	// cell is set for the sentences of a table cell.
	cell *cell
	// v is the vocabulary of the page's language; nil for English, which
	// the hand-tuned rules read.
	v *lang.Vocab
	// chrome: the sentence is in the page's chrome (navigation, banners,
	// footer); block is its block's hash.
	chrome bool
	block  uint64

	// ask is what q asks, shared by the sentences answering it.
	ask *asked

	// Computed once, on first use.
	cs      []clause
	csDone  bool
	ds      []dur
	dsDone  bool
	vds     []vdur // durations in the page's vocabulary (not English)
	vdsDone bool
}

// asked is what a question asks, worked out on first use.
type asked struct {
	returnDone, returnHowLong, returnOther bool
}

// wordCount is len(strings.Fields(s)), without allocating.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// cell is a table cell's context, normalised.
type cell struct {
	row, col, caption string
}

// clauses returns the clauses of s.low.
func (s *sentence) clauses() []clause {
	if s.v != nil {
		return s.vClauses()
	}
	if !s.csDone {
		s.cs, s.csDone = splitClauses(s.low), true
	}
	return s.cs
}

// durations returns the durations in s.low (at most maxPerSentence).
func (s *sentence) durations() []dur {
	if !s.dsDone {
		s.ds, s.dsDone = findDurations(s.low), true
	}
	return s.ds
}

// headSpecial reports whether one of the sentence's headings names a
// qualifier of re (sale items, members...) that is not an exclusion.
func (s *sentence) headSpecial(re *regexp.Regexp) bool {
	for _, h := range s.heads {
		if hasSpecial(h, re) {
			return true
		}
	}
	return false
}

// maxValueWords bounds a block read as the value of the heading right
// above it ("Warranty" / "3 years").
const maxValueWords = 8

// sentencesOf splits a document's blocks into sentences, in document
// order, main content and chrome alike (each sentence says which).
//
// Blocks in context:
//   - a table cell is also read as one "header: value" sentence with its
//     column header and row header ("return window (electronics): 15
//     days"), a definition with its term ("return window: 30 days"), and a
//     short block right under a short heading with the heading
//     ("warranty: 3 years");
//   - every sentence of a block that answers a question carries the
//     question (q), so that "45 days." answers "How long do I have to
//     return an item?";
//
// Sentences that are instructions or placeholders left in a platform's
// template ("[insert number] days", "Edit this text to describe your
// return policy") state no policy: extractSentences drops what they yield
// (see template).
func sentencesOf(doc *document.Document) []sentence {
	if doc == nil {
		return nil
	}
	// Most blocks give a sentence or two; sizing the slice up front
	// spares copying these large structs as it grows.
	out := make([]sentence, 0, len(doc.Blocks)+len(doc.Blocks)/2)
	title := Normalize(doc.H1)
	v := Vocab(doc.Lang)
	var abbrevs map[string]bool
	if v != nil {
		abbrevs = v.AbbreviationSet()
	}
	// A page about a membership programme ("Arclight Elite" ... "Our
	// membership for people who build a lot") states member perks: its
	// free shipping and long return windows are special.
	var pageHeads []string
	if membershipPageRe.MatchString(title) && strings.Contains(strings.ToLower(doc.MainText()), "member") {
		pageHeads = []string{"members: " + title}
	}
	total := 0
	var prevMain, prevChrome string
	// Headings stand above many blocks: each is normalised once.
	normalised := map[string]string{}
	norm := func(h string) string {
		n, ok := normalised[h]
		if !ok {
			n = Normalize(h)
			normalised[h] = n
		}
		return n
	}
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if len(out) >= maxSentences || total >= maxTextBytes {
			break
		}
		total += len(b.Text)
		line := strings.TrimSpace(b.Text)
		if line == "" || b.Header {
			continue
		}
		chrome := b.Region == document.Chrome
		prev := &prevMain
		if chrome {
			prev = &prevChrome
		}
		head := ""
		heads := pageHeads
		for _, h := range b.Path {
			n := norm(h)
			if n != title {
				heads = append(heads, n)
			}
		}
		if len(b.Path) > 0 {
			head = norm(b.Path[len(b.Path)-1])
		}
		q, qOrig := "", strings.TrimSpace(b.Question)
		if qOrig != "" {
			q = Normalize(qOrig)
		}
		var c *cell
		if b.Kind == document.Cell && (b.Label != "" || b.Column != "" || b.Caption != "") {
			c = &cell{row: Normalize(b.Label), col: Normalize(b.Column), caption: Normalize(b.Caption)}
			// A cell is qualified by its row and column headers as by
			// headings: "Holiday orders" | "60 days".
			heads = append(heads[:len(heads):len(heads)], c.row, c.col)
		}
		lineNorm := Normalize(line)
		ctx := ""
		switch {
		case c != nil:
			ctx = c.col
		case b.Kind == document.Definition && b.Label != "":
			ctx = Normalize(b.Label)
		}
		firstOfBlock := true
		blockQ, blockQOrig := q, qOrig
		pieces := splitLineWith(line, abbrevs)
		for _, piece := range pieces {
			for _, part := range chunk(piece) {
				if len(out) >= maxSentences {
					break
				}
				low := lineNorm
				if part != line {
					low = Normalize(part)
				}
				s := sentence{orig: part, low: low, head: head, heads: heads, title: title, ctx: ctx, q: blockQ, qOrig: blockQOrig, first: firstOfBlock && blockQ != "",
					cell: c, chrome: chrome, block: b.Hash, prev: *prev, v: v}
				s.question = strings.HasSuffix(low, "?")
				firstOfBlock = false
				if s.question {
					// "Do you price match? No." in one block: the rest of
					// the block answers the question.
					blockQ, blockQOrig, firstOfBlock = low, part, true
				}
				*prev = low
				out = append(out, s)
			}
		}
		// The block read with its label: its table headers, its term, or
		// the short heading right above it.
		label := ""
		switch {
		case c != nil:
			label = cellLabel(b)
		case b.Kind == document.Definition && b.Label != "":
			label = b.Label
		case b.Kind != document.Heading && b.Kind != document.Question && i > 0 && doc.Blocks[i-1].Kind == document.Heading &&
			doc.Blocks[i-1].Text == b.Heading() && short(b.Heading()) && short(line):
			label = b.Heading()
		}
		if label != "" && len(out) < maxSentences && !strings.HasSuffix(label, "?") && len(pieces) > 0 {
			// The label reads with the block's first sentence: "Delivery
			// charges: FREE delivery on all orders above ₹499."
			first := pieces[0]
			lbl := Normalize(label)
			low := lbl + ": " + Normalize(first)
			if len(low) > maxSentenceBytes {
				continue
			}
			out = append(out, sentence{orig: label + ": " + first, low: low, head: head, heads: heads, title: title, label: len(lbl) + 2,
				ctx: ctx, q: q, qOrig: qOrig, cell: c, chrome: chrome, block: b.Hash, prev: *prev, question: strings.HasSuffix(low, "?"), v: v})
		}
	}
	return out
}

// membershipPageRe names a membership programme in a page's title.
var membershipPageRe = regexp.MustCompile(`\b(?:membership|members|club|rewards|loyalty|vip|elite|insiders?|perks)\b`)

// Vocab returns the vocabulary the rules read a page of language code
// with: nil for English (and languages without a vocabulary), which the
// English rules read.
func Vocab(code string) *lang.Vocab {
	if code == "" || code == "en" {
		return nil
	}
	return lang.For(code)
}

// cellLabel is a table cell's label: its column header, with its row
// header in brackets when it has both ("Return window (Electronics)").
func cellLabel(b *document.Block) string {
	switch {
	case b.Column != "" && b.Label != "":
		return b.Column + " (" + b.Label + ")"
	case b.Column != "":
		return b.Column
	}
	return b.Label
}

// short reports a block of at most maxValueWords words and 80 bytes.
func short(s string) bool {
	return len(s) <= 80 && wordCount(s) <= maxValueWords
}

// Instructions and placeholders of platform templates.
var (
	// placeholderRe: "[insert number]", "[X] days", "{{ shop.name }}",
	// "XX days", lorem ipsum.
	placeholderRe = regexp.MustCompile(`\[[^\]]{0,40}\b(?:insert|number|enter|your|add|x{1,3}|n|amount|name|e-?mail|phone|address|date|store|shop|company|days?|period|fee|price|here|url|link)\b[^\]]{0,40}\]|` +
		`\{\{|\}\}|\{%|<<[a-z ]{1,30}>>|\blorem ipsum\b|\bdolor sit amet\b|\bx{1,3}\s*(?:days?|months?|years?|hours?|%)\b|\b(?:days?|months?) x{1,3}\b`)
	// instructionRe: text that tells the merchant what to write.
	instructionRe = regexp.MustCompile(`\b(?:edit|describe|add|replace|insert|customi[sz]e|update|write|enter|fill in|change|delete|remove|use this|let your customers|tell your customers|explain)\b` +
		`(?:\s+\S+){0,8}?\s+(?:your (?:store's|shop's|business|customers|website|site's|own (?:policy|text)|(?:return|refund|shipping|delivery|privacy|warranty) (?:policy|policies|information|details|terms|page))|this (?:text|section|template|paragraph|block|placeholder)|store admin|theme editor|the (?:text|content) (?:below|above|here))\b|` +
		`\b(?:this is|here is) (?:a |an |your )?(?:sample|placeholder|template|example)\b|\bsample (?:text|policy|content)\b|\bplaceholder text\b`)
	// exampleRe: an example right after an instruction ("For example:
	// customers can return within 30 days.").
	exampleRe = regexp.MustCompile(`^(?:for example|e\.g\.|eg|example|for instance|such as)\b`)
)

// template reports a sentence that is a template's placeholder or
// instruction, or an example right after one ("For example: customers
// may return items within 14 days."), not policy.
func template(s *sentence) bool {
	return instruction(s.low) || (exampleRe.MatchString(s.low) && instruction(s.prev))
}

// instruction reports a sentence that is a template's placeholder or
// instruction, not policy.
func instruction(low string) bool {
	placeholder := strings.IndexAny(low, "[{<") >= 0 || strings.Contains(low, "lorem") || strings.Contains(low, "xx") ||
		strings.Contains(low, " x ")
	if placeholder && placeholderRe.MatchString(low) {
		return true
	}
	if !strings.Contains(low, "your") && !strings.Contains(low, "this") && !strings.Contains(low, "the te") &&
		!strings.Contains(low, "the co") && !strings.Contains(low, "admin") && !strings.Contains(low, "editor") &&
		!strings.Contains(low, "sample") && !strings.Contains(low, "placeholder") {
		return false
	}
	for _, cue := range instructionCues {
		if strings.Contains(low, cue) {
			return instructionRe.MatchString(low)
		}
	}
	return false
}

// instructionCues: an instruction names one of these (a cheap test before
// instructionRe).
var instructionCues = []string{"your store's", "your shop's", "your business", "your customers", "your website", "your site's",
	"your own", "your return", "your refund", "your shipping", "your delivery", "your privacy", "your warranty", "this text",
	"this section", "this template", "this paragraph", "this block", "this placeholder", "store admin", "theme editor",
	"the text below", "the text above", "the text here", "the content below", "the content above", "the content here",
	"sample", "placeholder"}
