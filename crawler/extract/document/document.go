// Package document turns a parsed HTML page into the document a reader
// sees: its language, and its visible text as typed blocks (headings,
// paragraphs, list items, table cells with their row and column headers,
// questions and their answers, terms and their definitions), each with the
// headings it stands under and the region it belongs to: the page's main
// content, or its chrome (navigation, header, footer, asides, cookie and
// announcement banners, dialogs, forms).
//
// It is pure and bounded: one iterative walk of the DOM (no recursion, so
// any depth is safe), at most MaxText bytes of text and MaxBlocks blocks.
// Extraction rules read blocks in their context instead of guessing the
// structure back from flattened lines.
package document

import (
	"hash/fnv"
	"strings"
)

// Kind is what a block is.
type Kind uint8

// Block kinds.
const (
	Paragraph  Kind = iota // a paragraph or any other run of text
	Heading                // h1–h6, role=heading, or a short line wholly in bold
	ListItem               // li
	Cell                   // a table cell
	Term                   // dt
	Definition             // dd
	Question               // summary, an accordion button, or a heading or line ending in "?"
	Caption                // a table caption
)

var kindNames = [...]string{"paragraph", "heading", "list-item", "cell", "term", "definition", "question", "caption"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Region says whether a block is part of the page's main content.
type Region uint8

// Regions.
const (
	Main   Region = iota // the page's own content
	Chrome               // navigation, header, footer, banners and the like
)

func (r Region) String() string {
	if r == Chrome {
		return "chrome"
	}
	return "main"
}

// Block is one block of visible text.
type Block struct {
	Kind   Kind
	Region Region
	// Chrome says which chrome a Chrome block belongs to: "nav", "header",
	// "footer", "aside", "banner" (an announcement or promotion bar),
	// "cookie", "dialog", "form", "breadcrumb", "outside-main" (outside a
	// <main> that holds the page's content).
	Chrome string
	// Text is the block's visible text, white space collapsed.
	Text string
	// Level is a heading's level: 1–6, or 7 for a short line in bold.
	Level int
	// Path holds the headings the block stands under, outermost first
	// (for a heading: those above it). Shared between blocks: read only.
	Path []string
	// Question is the question the block answers: the summary of its
	// <details>, the accordion button controlling it, the heading or line
	// ending in "?" it follows, the term (dt) ending in "?" of its
	// definition, or an FAQPage question.
	Question string
	// Label is, for a definition, its term; for a table cell, its row
	// header (the first cell of its row).
	Label string
	// Column is, for a table cell, its column header; Caption the table's
	// caption.
	Column  string
	Caption string
	// Header marks a table header cell.
	Header bool
	// Source is "" for text shown on the page, "json-ld" for an FAQPage
	// answer that the page carries only in its structured data.
	Source string
	// Hash identifies the block's text (case-insensitively), to find
	// blocks repeated on most pages of a site.
	Hash uint64
}

// Heading returns the innermost heading the block stands under, "" when none.
func (b *Block) Heading() string {
	if len(b.Path) == 0 {
		return ""
	}
	return b.Path[len(b.Path)-1]
}

// Document is one page as a reader sees it.
type Document struct {
	// Lang is the page's main language as an ISO 639-1 code ("de"), ""
	// when unknown; LangSource says where it came from: "html" (the lang
	// attribute), "header" (Content-Language) or "text" (its words).
	Lang, LangSource string
	// Title is the page's <title>.
	Title string
	// H1 is the text of the first h1 of the main content ("" when none).
	H1 string
	// Blocks are the visible blocks in document order (at most MaxBlocks,
	// and MaxText bytes of text: the rest of a larger page is not read).
	Blocks []Block
}

// Limits on one document.
const (
	MaxText   = 1 << 20 // bytes of block text kept
	MaxBlocks = 20000   // blocks kept
	maxBlock  = 16 << 10
)

// Text returns the blocks' text, one block per line, main and chrome
// alike: the page's visible text.
func (d *Document) Text() string {
	var b strings.Builder
	for i := range d.Blocks {
		if d.Blocks[i].Source != "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Blocks[i].Text)
	}
	return b.String()
}

// MainText returns the text of the main blocks, one per line.
func (d *Document) MainText() string {
	var b strings.Builder
	for i := range d.Blocks {
		bl := &d.Blocks[i]
		if bl.Region != Main || bl.Source != "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// AddAnswer appends an FAQ question and answer that the page states only
// in its structured data (FAQPage JSON-LD), unless the answer is already
// shown as text. It returns whether it was added.
func (d *Document) AddAnswer(question, answer string) bool {
	question, answer = collapse(question), collapse(answer)
	if question == "" || answer == "" || len(d.Blocks) >= MaxBlocks {
		return false
	}
	h := hashText(answer)
	for i := range d.Blocks {
		if d.Blocks[i].Hash == h {
			return false
		}
	}
	if len(answer) > maxBlock {
		answer = cutUTF8(answer, maxBlock)
	}
	d.Blocks = append(d.Blocks,
		Block{Kind: Question, Text: question, Source: "json-ld", Hash: hashText(question)},
		Block{Kind: Paragraph, Text: answer, Question: question, Source: "json-ld", Hash: h})
	return true
}

// hashText is FNV-1a of the text, ASCII case folded.
func hashText(s string) uint64 {
	h := fnv.New64a()
	var buf [256]byte
	for len(s) > 0 {
		n := copy(buf[:], s)
		for i := 0; i < n; i++ {
			if c := buf[i]; c >= 'A' && c <= 'Z' {
				buf[i] = c + 'a' - 'A'
			}
		}
		h.Write(buf[:n])
		s = s[n:]
	}
	return h.Sum64()
}

// collapse trims s and collapses its white space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cutUTF8 cuts s to at most n bytes on a rune boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}
