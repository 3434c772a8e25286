package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

func tParse(t testing.TB, s string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestVisibleText(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"blocks on their own lines", `<h1>Returns</h1><p>Return  within
			30 days.</p><ul><li>One</li><li>Two</li></ul>`, "Returns\nReturn within 30 days.\nOne\nTwo"},
		{"scripts, styles, templates and noscript are not text", `<script>var a = "hidden";</script><style>p{color:red}</style>
			<template><p>tpl</p></template><noscript>Enable JS</noscript><p>shown</p>`, "shown"},
		{"head and title are not text", `<html><head><title>T</title><meta name="x" content="y"></head><body><p>body</p></body></html>`, "body"},
		{"hidden elements", `<p hidden>a</p><div style="display: none">b</div><div style="visibility:hidden">c</div><input type="hidden" value="d"><p>e</p>`, "e"},
		{"collapsed accordion and tab panels are read", `<button aria-controls="a1">Do you offer free returns?</button>` +
			`<div id="a1" hidden aria-labelledby="q1"><p>Yes, returns are free.</p></div>` +
			`<div role="tabpanel" style="display:none"><p>Shipping is free over $50.</p></div>` +
			`<div hidden="until-found"><p>Warranty: 2 years.</p></div>`,
			"Do you offer free returns?\nYes, returns are free.\nShipping is free over $50.\nWarranty: 2 years."},
		{"hidden content that is no panel stays out", `<div hidden role="note"><p>Old promo: 365-day returns</p></div><p>shown</p>`, "shown"},
		{"inline elements stay on the line", `<p>Rated <b>4.8</b> out of <span>5</span></p>`, "Rated 4.8 out of 5"},
		{"line breaks and table cells", `<p>a<br>b</p><table><tr><td>c</td><td>d</td></tr></table>`, "a\nb\nc\nd"},
		{"buttons are separated", `<button>Live chat</button><button>Call</button>`, "Live chat Call"},
		{"entities and no-break spaces", `<p>Ben &amp; Jerry&nbsp;&nbsp;Co</p>`, "Ben & Jerry Co"},
		{"select options are not text", `<p>Currency</p><select><option>£5 GBP</option></select>`, "Currency"},
		{"empty", ``, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, VisibleText(tParse(t, tc.html))); diff != "" {
				t.Errorf("VisibleText (-want +got):\n%s", diff)
			}
		})
	}
	if got := VisibleText(nil); got != "" {
		t.Errorf("VisibleText(nil) = %q", got)
	}
}

func TestVisibleTextDeepAndLarge(t *testing.T) {
	// x/net/html refuses more than 512 open elements; go close to that.
	deep := strings.Repeat("<div>", 500) + "deep" + strings.Repeat("</div>", 500)
	if got := VisibleText(tParse(t, deep)); got != "deep" {
		t.Errorf("deeply nested text = %q, want %q", got, "deep")
	}
	big := "<p>" + strings.Repeat("word ", 400_000) + "</p>"
	if got := VisibleText(tParse(t, big)); len(got) > maxText+8 {
		t.Errorf("text of a 2 MB page is %d bytes, want at most about %d", len(got), maxText)
	}
}

func TestMainText(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"main wins over chrome", `<header><nav>Menu Shop Sale</nav></header><main><h1>Returns</h1><p>You may return items within 30 days of delivery for a refund.</p></main><footer>© Shop</footer>`,
			"Returns\nYou may return items within 30 days of delivery for a refund."},
		{"no main: body without nav, header, footer", `<header>Logo</header><nav>Menu</nav><div><p>Policy text here.</p></div><aside>Related</aside><footer>© Shop</footer>`,
			"Policy text here."},
		{"a main holding only a heading falls back to the body", `<main><h1>Returns</h1></main><div><p>Items can be returned within thirty days of delivery. Return shipping is free for all customers in the country.</p></div>`,
			"Returns\nItems can be returned within thirty days of delivery. Return shipping is free for all customers in the country."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, mainText(tParse(t, tc.html))); diff != "" {
				t.Errorf("mainText (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzVisibleText(f *testing.F) {
	for _, s := range []string{
		`<p>a<br>b</p>`, `<div style="display:none">x</div>y`, `<script>x</script><p>y</p>`,
		`<table><tr><td>1</td></tr></table>`, `<p>` + strings.Repeat("<b>", 100) + "x", "\x00\xff<p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
		if err != nil {
			return
		}
		text := VisibleText(doc)
		if strings.Contains(text, "\n\n") || strings.HasPrefix(text, " ") || strings.HasSuffix(text, " ") {
			t.Fatalf("text not normalised: %q", text)
		}
		mainText(doc)
	})
}

func FuzzMicrodata(f *testing.F) {
	for _, s := range []string{
		`<div itemscope itemtype="https://schema.org/Organization"><div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating"><span itemprop="ratingValue">4.6</span><span itemprop="reviewCount">1,234</span></div></div>`,
		`<div vocab="https://schema.org/" typeof="Product"><div property="aggregateRating" typeof="AggregateRating"><span property="ratingValue">4</span></div></div>`,
		`<div itemscope><div itemprop="x" itemscope><div itemprop="y" itemscope>`,
		`<span itemprop="ratingValue" content="NaN">`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
		if err != nil {
			return
		}
		set := &itemSet{}
		for _, n := range doc.Nodes {
			set.addMicrodata(n)
			set.addRDFa(n)
		}
		for _, r := range structuredRatings(set, "https://x.test/", false, false) {
			if r.value <= 0 || r.value > 5 || r.count < 0 {
				t.Fatalf("rating out of range: %+v", r)
			}
		}
	})
}
