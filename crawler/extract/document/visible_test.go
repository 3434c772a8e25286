package document

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func visibleText(t testing.TB, src string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return VisibleText([]*html.Node{root}, MaxText)
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
			if diff := cmp.Diff(tc.want, visibleText(t, tc.html)); diff != "" {
				t.Errorf("VisibleText (-want +got):\n%s", diff)
			}
		})
	}
	if got := VisibleText(nil, MaxText); got != "" {
		t.Errorf("VisibleText(nil) = %q", got)
	}
}

func TestVisibleTextDeepAndLarge(t *testing.T) {
	// x/net/html refuses more than 512 open elements; go close to that.
	deep := strings.Repeat("<div>", 500) + "deep" + strings.Repeat("</div>", 500)
	if got := visibleText(t, deep); got != "deep" {
		t.Errorf("deeply nested text = %q, want %q", got, "deep")
	}
	big := "<p>" + strings.Repeat("word ", 400_000) + "</p>"
	if got := visibleText(t, big); len(got) > MaxText+8 {
		t.Errorf("text of a 2 MB page is %d bytes, want at most about %d", len(got), MaxText)
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
			if diff := cmp.Diff(tc.want, parse(t, tc.html, Options{}).MainText()); diff != "" {
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
		root, err := html.Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		text := VisibleText([]*html.Node{root}, MaxText)
		if strings.Contains(text, "\n\n") || strings.HasPrefix(text, " ") || strings.HasSuffix(text, " ") {
			t.Fatalf("text not normalised: %q", text)
		}
		d := Parse([]*html.Node{root}, Options{})
		for _, b := range d.Blocks {
			if b.Text == "" || strings.Contains(b.Text, "\n") || strings.TrimSpace(b.Text) != b.Text {
				t.Fatalf("bad block %q", b.Text)
			}
		}
	})
}

// Adjacent inline elements: a space where a browser shows two words, none
// inside a word.
func TestVisibleTextElementBoundaries(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"two spans, words apart", `<p><span>2-year warranty</span><span>EN | DE</span></p>`, "2-year warranty EN | DE"},
		{"menu links", `<nav><a href="/a">Platform</a><a href="/b">Pricing</a><a href="/c">Support</a></nav>`, "Platform Pricing Support"},
		{"nested links", `<div><a href="/a"><span>Contact</span></a><a href="/b"><span>Delivery</span></a></div>`, "Contact Delivery"},
		{"letter then digit", `<p><span>Call</span><span>0800 123 456</span></p>`, "Call 0800 123 456"},
		{"drop cap stays one word", `<p><b>W</b>arranty for life</p>`, "Warranty for life"},
		{"styled letters stay one word", `<p><b>W</b><i>arranty</i></p>`, "Warranty"},
		{"price parts stay together", `<p><span>$12</span><span>.99</span></p>`, "$12.99"},
		{"digits stay together", `<p><span>1</span><span>234</span></p>`, "1234"},
		{"subscript", `<p>CO<sub>2</sub> neutral</p>`, "CO2 neutral"},
		{"superscript after a word", `<p>Warranty<sup>1</sup></p>`, "Warranty1"},
		{"text between elements decides", `<p><span>a</span> <span>B</span></p>`, "a B"},
		{"sibling text node", `<p><span>Free</span>Returns</p>`, "FreeReturns"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, visibleText(t, tc.html)); diff != "" {
				t.Errorf("VisibleText (-want +got):\n%s", diff)
			}
		})
	}
}
