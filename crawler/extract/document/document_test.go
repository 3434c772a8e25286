package document

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func parse(t testing.TB, src string, opts Options) *Document {
	t.Helper()
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return Parse([]*html.Node{root}, opts)
}

// show renders a block on one line: region, kind, text and context.
func show(b Block) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s %s", b.Region, b.Kind)
	if b.Chrome != "" {
		fmt.Fprintf(&s, "(%s)", b.Chrome)
	}
	if b.Level > 0 {
		fmt.Fprintf(&s, " h%d", b.Level)
	}
	fmt.Fprintf(&s, " %q", b.Text)
	if len(b.Path) > 0 {
		fmt.Fprintf(&s, " path=%q", strings.Join(b.Path, " > "))
	}
	if b.Question != "" {
		fmt.Fprintf(&s, " q=%q", b.Question)
	}
	if b.Label != "" {
		fmt.Fprintf(&s, " label=%q", b.Label)
	}
	if b.Column != "" {
		fmt.Fprintf(&s, " col=%q", b.Column)
	}
	if b.Caption != "" {
		fmt.Fprintf(&s, " caption=%q", b.Caption)
	}
	if b.Header {
		s.WriteString(" header")
	}
	if b.Source != "" {
		fmt.Fprintf(&s, " source=%s", b.Source)
	}
	return s.String()
}

func shows(d *Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, show(b))
	}
	return out
}

func TestParseShopPolicyPage(t *testing.T) {
	const page = `<!doctype html><html lang="en"><head><title>Returns | Acme</title>
<script>var x = "Free shipping on everything";</script></head><body>
<div class="announcement-bar"><p>FREE SHIPPING ON ORDERS $50+</p></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/returns">Returns</a></li></ul></nav></header>
<main>
<h1>Returns &amp; exchanges</h1>
<p>You can return most items within <span>30</span> days of delivery.</p>
<h2>Sale items</h2>
<p>Sale items may be returned within 14 days.</p>
<p><strong>Gift cards</strong></p>
<p>Gift cards cannot be returned.</p>
<h2>Rates</h2>
<table><caption>Return costs</caption>
<thead><tr><th>Method</th><th>Cost</th></tr></thead>
<tbody><tr><td>Drop-off</td><td>Free</td></tr><tr><td>Courier pickup</td><td>$9.95</td></tr></tbody></table>
<dl><dt>Return window</dt><dd>30 days</dd><dt>Is return shipping free?</dt><dd>Yes, with our label.</dd></dl>
<details><summary>How long do refunds take?</summary><p>5-7 business days.</p></details>
<p>Can I exchange an item?</p><p>Yes, once.</p>
<button aria-controls="p1" aria-expanded="false">Warranty</button>
<div id="p1" hidden aria-labelledby="nothere"><p>Two years on all products.</p></div>
</main>
<footer><h2>Help</h2><ul><li>Call us: 0800 123 456</li></ul></footer>
<div id="onetrust-banner-sdk"><p>We use cookies.</p></div>
</body></html>`
	d := parse(t, page, Options{})
	want := []string{
		`chrome paragraph(banner) "FREE SHIPPING ON ORDERS $50+"`,
		`chrome list-item(header) "Home"`,
		`chrome list-item(header) "Returns"`,
		`main heading h1 "Returns & exchanges"`,
		`main paragraph "You can return most items within 30 days of delivery." path="Returns & exchanges"`,
		`main heading h2 "Sale items" path="Returns & exchanges"`,
		`main paragraph "Sale items may be returned within 14 days." path="Returns & exchanges > Sale items"`,
		`main heading h7 "Gift cards" path="Returns & exchanges > Sale items"`,
		`main paragraph "Gift cards cannot be returned." path="Returns & exchanges > Sale items > Gift cards"`,
		`main heading h2 "Rates" path="Returns & exchanges"`,
		`main caption "Return costs" path="Returns & exchanges > Rates"`,
		`main cell "Method" path="Returns & exchanges > Rates" caption="Return costs" header`,
		`main cell "Cost" path="Returns & exchanges > Rates" caption="Return costs" header`,
		`main cell "Drop-off" path="Returns & exchanges > Rates" col="Method" caption="Return costs"`,
		`main cell "Free" path="Returns & exchanges > Rates" label="Drop-off" col="Cost" caption="Return costs"`,
		`main cell "Courier pickup" path="Returns & exchanges > Rates" col="Method" caption="Return costs"`,
		`main cell "$9.95" path="Returns & exchanges > Rates" label="Courier pickup" col="Cost" caption="Return costs"`,
		`main term "Return window" path="Returns & exchanges > Rates"`,
		`main definition "30 days" path="Returns & exchanges > Rates" label="Return window"`,
		`main term "Is return shipping free?" path="Returns & exchanges > Rates"`,
		`main definition "Yes, with our label." path="Returns & exchanges > Rates" q="Is return shipping free?" label="Is return shipping free?"`,
		`main question "How long do refunds take?" path="Returns & exchanges > Rates"`,
		`main paragraph "5-7 business days." path="Returns & exchanges > Rates" q="How long do refunds take?"`,
		`main question "Can I exchange an item?" path="Returns & exchanges > Rates"`,
		`main paragraph "Yes, once." path="Returns & exchanges > Rates" q="Can I exchange an item?"`,
		`main heading h7 "Warranty" path="Returns & exchanges > Rates"`,
		`main paragraph "Two years on all products." path="Returns & exchanges > Rates > Warranty"`,
		`chrome heading(footer) h2 "Help"`,
		`chrome list-item(footer) "Call us: 0800 123 456" path="Help"`,
		`chrome paragraph(cookie) "We use cookies."`,
	}
	if diff := cmp.Diff(want, shows(d)); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if d.Title != "Returns | Acme" || d.H1 != "Returns & exchanges" {
		t.Errorf("title %q, h1 %q", d.Title, d.H1)
	}
	if d.Lang != "en" {
		t.Errorf("lang = %q (%s), want en", d.Lang, d.LangSource)
	}
}
